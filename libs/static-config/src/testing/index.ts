import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigText, type LoadedConfig } from '../load';
import { VALID_CONFIG_TOML } from './valid-config';

export { VALID_CONFIG_TOML };

/**
 * A LoadedConfig for tests: the valid test config with whole lines replaced, e.g.
 * `createTestConfig({ 'version = 7': 'version = 8' })`. A replacement that matches nothing
 * throws, so a test cannot silently run against the unmodified config.
 */
export function createTestConfig(replacements: Record<string, string> = {}, now?: () => Date): LoadedConfig {
  return loadConfigText(editConfigText(replacements), 'test.toml', now);
}

/** The valid test config text with the given substrings replaced (each must occur). */
export function editConfigText(replacements: Record<string, string>, base = VALID_CONFIG_TOML): string {
  let text = base;
  for (const [from, to] of Object.entries(replacements)) {
    if (!text.includes(from)) throw new Error(`editConfigText: "${from}" does not occur in the config`);
    text = text.replace(from, to);
  }
  return text;
}

/** Writes config text to a fresh temporary file and returns its path. */
export function writeTempConfig(text: string = VALID_CONFIG_TOML): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hunt-config-')), 'hunt.toml');
  writeFileSync(file, text);
  return file;
}
