/**
 * The game day's configs, as text: the story's change and the scaling to this machine. Each
 * edit rewrites only the value of the lines it names (comments and layout stay) and the result
 * is validated like any config file. Pure: text in, text out.
 */
import { parseConfig, type Acknowledgement } from '@hunt/config-schema';
import { changedKeys, type ChangedKey } from '../hunt-config/impact/changed-keys';
import { checkGuardrails } from '../hunt-config/impact/guardrails';
import { profileSeason } from '../hunt-config/impact/season-profile';

/** What the curves ask of the whole world at an instant, spawns/s (before ramp and cap). */
export { totalRate as demandPerS } from '../bench/lib/shipped-world';

/** The story's change (the 09:14 deploy): spawn density x3 and the combo decays in 3 s. */
export const STORY = { densityFactor: 3, decayS: 3 } as const;

/** How the orchestrator fits a world to the pipeline capacity measured on this machine. */
export interface MachineScale {
  /** Factor on spawn.base_density_per_km2_s. */
  readonly densityFactor: number;
  /** spawn.throttle_cap_per_s, set. */
  readonly capPerS: number;
  /** limits.bus_events_per_s, set. */
  readonly busPerS: number;
  /**
   * spawn.treasure_ttl_s, set: live treasures are rate x TTL, and each API replica indexes them
   * all, so a denser world lives shorter to keep the index at the shipped world's size.
   */
  readonly ttlS?: number;
}

const DENSITY = 'spawn.base_density_per_km2_s';
const STORY_REASON = "game day: the story's change, shipped on purpose to replay it";

/**
 * The story's change applied to `fromText`: density x3, multiplier.decay_s set to 3, version
 * + 1, and a `[release]` table (replacing any the file had) that acknowledges exactly the
 * changes that trip a guardrail of `hunt-config diff` against `fromText`, computed by that
 * guardrail code. Samples both seasons minute by minute, as the diff does (about 2 s).
 * @throws ConfigError when `fromText` or the result is invalid; Error when a key to edit is not
 *   written as a plain line of its table, or a violation has no key that could acknowledge it
 */
export function storyChange(fromText: string): string {
  const from = parseConfig(fromText, 'from.toml');
  let text = withoutRelease(fromText);
  text = setValue(text, DENSITY, from.spawn.base_density_per_km2_s * STORY.densityFactor);
  text = setValue(text, 'multiplier.decay_s', STORY.decayS);
  text = setValue(text, 'version', from.version + 1);
  const changed = parseConfig(text, 'story.toml');
  const base = { config: from, profile: profileSeason(from) };
  const next = { config: changed, profile: profileSeason(changed) };
  const keys = new Map<string, ChangedKey>();
  for (const v of checkGuardrails(base, next, changedKeys(from, changed))) for (const k of v.keys) keys.set(k.key, k);
  text = withRelease(
    text,
    [...keys.values()].map((k) => acknowledgement(k, STORY_REASON)),
  );
  const result = parseConfig(text, 'story.toml');
  // An acknowledgement moves no rate: the same profiles judge the final file.
  const blocked = checkGuardrails(base, { ...next, config: result }, changedKeys(from, result)).filter(
    (v) => !v.acknowledged,
  );
  if (blocked.length > 0) {
    throw new Error(`storyChange: cannot acknowledge ${blocked.map((v) => v.message).join('; ')}`);
  }
  return text;
}

/**
 * `text` fitted to this machine: density x `densityFactor`, spawn.throttle_cap_per_s,
 * limits.bus_events_per_s (and spawn.treasure_ttl_s, when given) set (written into their table when the file leaves them at their
 * default). An acknowledgement of the density in `[release]` is scaled with it, so the scaled
 * pair of configs still passes `hunt-config diff` exactly when the unscaled pair did (both sides
 * scale by the same factor, and the limits are set equal on both).
 * @throws ConfigError when `text` or the result is invalid (a fractional cap, say)
 */
export function scaleToMachine(text: string, s: MachineScale): string {
  const config = parseConfig(text, 'unscaled.toml');
  let out = setValue(text, DENSITY, config.spawn.base_density_per_km2_s * s.densityFactor);
  out = setValue(out, 'spawn.throttle_cap_per_s', s.capPerS, { insert: true });
  out = setValue(out, 'limits.bus_events_per_s', s.busPerS, { insert: true });
  if (s.ttlS !== undefined) out = setValue(out, 'spawn.treasure_ttl_s', s.ttlS);
  const acks = config.release?.acknowledge ?? [];
  if (acks.some((a) => a.key === DENSITY)) {
    const scale = <T>(v: T): T | number => (typeof v === 'number' ? v * s.densityFactor : v);
    out = withRelease(
      out,
      acks.map((a) => (a.key === DENSITY ? { ...a, from: scale(a.from), to: scale(a.to) } : a)),
    );
  }
  parseConfig(out, 'scaled.toml');
  return out;
}

function acknowledgement(k: ChangedKey, reason: string): Acknowledgement {
  const scalar = (v: unknown) => {
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    throw new Error(`storyChange: ${k.key} changed to ${JSON.stringify(v)}, which [release] cannot name`);
  };
  return { key: k.key, ...(k.from !== undefined && { from: scalar(k.from) }), to: scalar(k.to), reason };
}

/** A TOML table header (`[spawn]`, `[[zones]]`); an array's element line (`[1, 2],`) is none. */
const HEADER = /^\s*\[{1,2}\s*([A-Za-z0-9_.-]+)\s*\]{1,2}\s*(#.*)?$/;

/** Line range [start, end) of the table's keys; the root table's is before the first header. */
function tableLines(lines: readonly string[], table: string): { start: number; end: number } | undefined {
  const headers = lines.flatMap((l, i) => {
    const m = HEADER.exec(l);
    return m ? [{ i, name: m[1]!, array: l.trimStart().startsWith('[[') }] : [];
  });
  if (table === '') return { start: 0, end: headers[0]?.i ?? lines.length };
  const at = headers.findIndex((h) => h.name === table && !h.array);
  if (at < 0) return undefined;
  return { start: headers[at]!.i + 1, end: headers[at + 1]?.i ?? lines.length };
}

/**
 * Rewrites the value of `path`'s line (`table.key`, or a root key), keeping any trailing
 * comment; with `insert`, a key not written gets a line right under its table's header.
 */
function setValue(text: string, path: string, value: number, opts: { insert?: boolean } = {}): string {
  if (!Number.isFinite(value)) throw new Error(`cannot set ${path} to ${value}`);
  const dot = path.lastIndexOf('.');
  const [table, key] = [path.slice(0, Math.max(0, dot)), path.slice(dot + 1)];
  const lines = text.split('\n');
  const range = tableLines(lines, table);
  if (!range) throw new Error(`[${table}] is not written as a table header of its own, so ${path} cannot be edited`);
  const line = new RegExp(`^(\\s*${key}\\s*=\\s*)[^#]*?(\\s*#.*)?$`);
  const i = lines.findIndex((l, n) => n >= range.start && n < range.end && line.test(l));
  if (i >= 0)
    lines[i] = lines[i]!.replace(line, (_m, head: string, comment?: string) => `${head}${value}${comment ?? ''}`);
  else if (opts.insert && table !== '') lines.splice(range.start, 0, `${key} = ${value}`);
  else throw new Error(`${path} is not written as a line of its own in ${table ? `[${table}]` : 'the root table'}`);
  return lines.join('\n');
}

/** `text` without its `[release]` table (and any `[[release.acknowledge]]` tables). */
function withoutRelease(text: string): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  let inRelease = false;
  for (const l of lines) {
    const m = HEADER.exec(l);
    if (m) inRelease = m[1] === 'release' || m[1]!.startsWith('release.');
    if (!inRelease) kept.push(l);
  }
  return kept.join('\n');
}

/** `text` with its `[release]` table replaced by one acknowledging `acks` (none: no table), at the end. */
function withRelease(text: string, acks: readonly Acknowledgement[]): string {
  if (acks.length === 0) return withoutRelease(text);
  const value = (v: string | number | boolean) => (typeof v === 'string' ? JSON.stringify(v) : String(v));
  const entry = (a: Acknowledgement) =>
    `  { key = ${value(a.key)},${a.from === undefined ? '' : ` from = ${value(a.from)},`} to = ${value(a.to)}, reason = ${value(a.reason)} },`;
  return [
    withoutRelease(text).trimEnd(),
    '',
    '[release]',
    '# Written by tools/gameday/scenario.ts: the changes `hunt-config diff` stops, acknowledged.',
    'acknowledge = [',
    ...acks.map(entry),
    ']',
    '',
  ].join('\n');
}
