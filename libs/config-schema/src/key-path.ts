/** A path into the config as zod reports it: table keys and array indices. */
export type KeyPath = readonly (string | number)[];

/** `['zones', 0, 'bounds', 'min_lat']` -> `zones[0].bounds.min_lat`; the root is `(root)`. */
export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out === '' ? '(root)' : out;
}
