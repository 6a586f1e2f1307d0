import type { z } from 'zod';
import { maxMinuteRatio, parseDurationMinutes } from './curve-math';
import type { Curve } from './curves-schema';
import { tileChecked, type CheckedWorld } from './world';

type Ctx = z.core.$RefinementCtx;
type Path = (string | number)[];

/** The parts of the parsed config the invariants read (the schema's output shape). */
interface Checked extends CheckedWorld {
  season: { starts_at: string; ends_at: string };
  limits: { max_step_ratio_per_minute: number; max_cells: number };
  curves: { spawn_rate?: Curve; loot_multiplier?: Curve; multiplier_decay?: Curve; rarity?: Record<string, Curve> };
  windows: { name: string }[];
  tiers: Record<string, { weight: number }>;
}

/**
 * Rules across fields, reported at the key that breaks them: unique zone/region ids and window names,
 * tier weights with a positive sum, curves and modifiers that name real tiers, keyframes in
 * order and inside the season, and no curve that changes by more than
 * [limits] max_step_ratio_per_minute between two minutes unless its keyframe says `jump = true`;
 * and the world's geometry (libs/world tileWorld: rings, containment, overlaps, cell count).
 */
export function checkInvariants(cfg: Checked, ctx: Ctx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  // Zone ids and region ids share one space: a region's remainder is a zone named after it.
  const areas = [
    ...cfg.regions.map((r, i) => ['regions', i] as const),
    ...cfg.zones.map((z, i) => ['zones', i] as const),
  ];
  const areaId = ([key, i]: readonly ['regions' | 'zones', number]) => cfg[key][i]!.id;
  unique(areas.map(areaId), (i, first) =>
    issue(
      [...areas[i]!, 'id'],
      `duplicate id "${areaId(areas[i]!)}" (also ${areas[first]![0]}[${areas[first]![1]}]): zones and regions share one id space`,
    ),
  );
  unique(
    cfg.windows.map((w) => w.name),
    (i, first) => issue(['windows', i, 'name'], `duplicate window name (also windows[${first}])`),
  );

  const tiers = Object.keys(cfg.tiers);
  if (tiers.length > 0 && Object.values(cfg.tiers).reduce((sum, t) => sum + t.weight, 0) <= 0) {
    issue(['tiers'], 'tier weights must have a positive sum');
  }
  const knownTier = (name: string) => tiers.includes(name);
  for (const name of Object.keys(cfg.curves.rarity ?? {})) {
    if (!knownTier(name)) issue(['curves', 'rarity', name], `no tier named "${name}" (tiers: ${tiers.join(', ')})`);
  }
  for (const at of areas) {
    for (const name of Object.keys(cfg[at[0]][at[1]]!.modifiers.rarity)) {
      if (!knownTier(name))
        issue([...at, 'modifiers', 'rarity', name], `no tier named "${name}" (tiers: ${tiers.join(', ')})`);
    }
  }

  const seasonMinutes = (Date.parse(cfg.season.ends_at) - Date.parse(cfg.season.starts_at)) / 60_000;
  const curves: [Path, Curve | undefined][] = [
    [['curves', 'spawn_rate'], cfg.curves.spawn_rate],
    [['curves', 'loot_multiplier'], cfg.curves.loot_multiplier],
    [['curves', 'multiplier_decay'], cfg.curves.multiplier_decay],
    ...Object.entries(cfg.curves.rarity ?? {}).map(([name, c]): [Path, Curve] => [['curves', 'rarity', name], c]),
  ];
  for (const [path, curve] of curves) {
    if (curve) checkCurve(curve, path, seasonMinutes, cfg.limits.max_step_ratio_per_minute, issue);
  }
  // Tiling needs valid shapes: with a coordinate or box already refused, it would only add noise
  // (or feed the cell library a latitude of 95).
  if (ctx.issues.some((i) => i.path?.[0] === 'regions' || i.path?.[0] === 'zones' || i.path?.[0] === 'limits')) return;
  for (const problem of tileChecked(cfg)) issue([...problem.path], problem.message);
}

function checkCurve(
  curve: Curve,
  path: Path,
  seasonMinutes: number,
  maxRatio: number,
  issue: (p: Path, m: string) => void,
): void {
  let prevAt = -1;
  curve.keyframes.forEach((kf, i) => {
    const at = parseDurationMinutes(kf.at)!;
    const here = [...path, 'keyframes', i];
    if (at <= prevAt)
      issue([...here, 'at'], `keyframes must be in increasing order of "at" (${kf.at} is not after the previous one)`);
    if (at > seasonMinutes)
      issue([...here, 'at'], `${kf.at} is after the season ends (${Math.floor(seasonMinutes)}m after it starts)`);
    const prev = curve.keyframes[i - 1];
    if (prev && at > prevAt && !kf.jump) {
      const ratio = maxMinuteRatio(curve.interpolation, prev.value, kf.value, at - prevAt);
      if (ratio > maxRatio + 1e-9) {
        issue(
          [...here, 'value'],
          `changes by x${ratio.toFixed(2)} within one minute (from ${prev.value} to ${kf.value}); [limits] max_step_ratio_per_minute is ${maxRatio}: spread the change out or mark the keyframe jump = true`,
        );
      }
    }
    prevAt = Math.max(prevAt, at);
  });
}

function unique(values: string[], onDuplicate: (index: number, first: number) => void): void {
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const first = seen.get(v);
    if (first === undefined) seen.set(v, i);
    else onDuplicate(i, first);
  });
}
