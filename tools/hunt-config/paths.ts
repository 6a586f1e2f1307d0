import { join } from 'node:path';

/** The repository root (this file lives in tools/hunt-config). */
export const REPO_ROOT = join(import.meta.dirname, '../..');
export const DEFAULT_CONFIG = 'config/hunt.toml';
export const SCHEMA_FILE = 'config/hunt.schema.json';
