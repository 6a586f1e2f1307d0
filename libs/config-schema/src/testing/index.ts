import { VALID_CONFIG_TOML } from './valid-config';

export { VALID_CONFIG_TOML };

/** The valid test config text with the given substrings replaced (each must occur). */
export function editConfigText(replacements: Record<string, string>, base = VALID_CONFIG_TOML): string {
  let text = base;
  for (const [from, to] of Object.entries(replacements)) {
    if (!text.includes(from)) throw new Error(`editConfigText: "${from}" does not occur in the config`);
    text = text.replace(from, to);
  }
  return text;
}
