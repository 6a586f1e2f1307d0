/** One leaf that differs between two configs, as a dotted path (`zones.1.modifiers.spawn_rate`). */
export interface ChangedKey {
  readonly key: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** Keys that describe the release itself rather than the game; never reported as changes. */
const IGNORED = new Set(['version', 'release']);

/** Every added, removed or changed leaf, in a stable order. Arrays compare element-wise. */
export function changedKeys(oldConfig: object, newConfig: object): ChangedKey[] {
  const out: ChangedKey[] = [];
  walk(oldConfig, newConfig, '', out);
  return out;
}

const isNode = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';

/**
 * A table or array on one side only (a new zone, a removed window) is walked against an empty
 * one, so it shows as its leaves: a new one's are scalars that `[release] acknowledge` can name
 * (a removed one's cannot be: an acknowledgement needs a `to`).
 */
function walk(a: unknown, b: unknown, path: string, out: ChangedKey[]): void {
  if ((isNode(a) && b === undefined) || (a === undefined && isNode(b))) {
    walk(a ?? {}, b ?? {}, path, out);
    return;
  }
  if (isNode(a) && isNode(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(numericFirst);
    for (const k of keys) {
      const child = path ? `${path}.${k}` : k;
      if (!path && IGNORED.has(k)) continue;
      walk(a[k], b[k], child, out);
    }
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push({ key: path, from: a, to: b });
  }
}

function numericFirst(x: string, y: string): number {
  const [nx, ny] = [Number(x), Number(y)];
  return Number.isInteger(nx) && Number.isInteger(ny) ? nx - ny : x.localeCompare(y);
}
