import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editConfigText, VALID_CONFIG_TOML } from '@hunt/config-schema/testing';
import { loadConfigText, type LoadedConfig } from '../load';

/**
 * A LoadedConfig for tests: the valid test config with substrings replaced, e.g.
 * `createTestConfig({ 'version = 7': 'version = 8' })`. A replacement that matches nothing
 * throws, so a test cannot silently run against the unmodified config.
 */
export function createTestConfig(replacements: Record<string, string> = {}, now?: () => Date): LoadedConfig {
  return loadConfigText(editConfigText(replacements), 'test.toml', now);
}

/** Writes config text to a fresh temporary file and returns its path. */
export function writeTempConfig(text: string = VALID_CONFIG_TOML): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hunt-config-')), 'hunt.toml');
  writeFileSync(file, text);
  return file;
}
