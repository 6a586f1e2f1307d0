import { parseConfig, type HuntConfig } from '@hunt/config-schema';
import { editConfigText } from '@hunt/config-schema/testing';

/** The test config (season 2026-01-01 .. 2026-04-01) with extra TOML appended and edits applied. */
export function testConfigWith(extraToml: string, edits: Record<string, string> = {}): HuntConfig {
  return parseConfig(editConfigText(edits) + '\n' + extraToml, 'test.toml');
}

export const SEASON_START_MS = Date.parse('2026-01-01T00:00:00Z');
export const MINUTE_MS = 60_000;
