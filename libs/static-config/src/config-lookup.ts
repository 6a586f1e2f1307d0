/** The outcome of looking a key up in the running config. */
export type LookupResult =
  | { readonly kind: 'found'; readonly json: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'invalid-key'; readonly reason: string };

const KEY = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/**
 * Resolves dotted keys (`spawn.treasure_ttl_s`, `zones.0.name`, '' for everything) to JSON.
 * The config is frozen, so each key's JSON is computed once and memoised; the memo holds at
 * most one entry per key that exists, so it cannot grow without bound.
 */
export function createConfigLookup(config: object): (key: string) => LookupResult {
  const memo = new Map<string, LookupResult>();
  return (key) => {
    const cached = memo.get(key);
    if (cached) return cached;
    if (key !== '' && !KEY.test(key)) {
      return {
        kind: 'invalid-key',
        reason: 'key must be a dotted path such as "spawn.treasure_ttl_s" (or empty)',
      };
    }
    let node: unknown = config;
    for (const segment of key === '' ? [] : key.split('.')) {
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return { kind: 'not-found' };
      node = (node as Record<string, unknown>)[segment];
    }
    const found: LookupResult = { kind: 'found', json: JSON.stringify(node) };
    memo.set(key, found);
    return found;
  };
}
