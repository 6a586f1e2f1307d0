import { createDifficulty, type ZoneDifficulty } from '@hunt/difficulty';
import { worldOf, type HuntConfig } from '@hunt/config-schema';
import { byCount } from './bot-logic';
import type { BotStats } from './bots';

/** What one frame of the summary shows, gathered by summary.ts. */
export interface SummarySnapshot {
  /** Measured from event timestamps; undefined until a span has been covered. */
  readonly spawnsPerS: number | undefined;
  readonly claimsPerS: number | undefined;
  readonly apiP99Ms: number | undefined;
  readonly liveTreasures: number;
  readonly versions: readonly { readonly name: string; readonly version: number }[];
  /** Seconds since a service saw a config version newer than the one it runs; 0 for none. */
  readonly staleSeconds: number;
  readonly bots: number;
  readonly stats: Pick<BotStats, 'claims' | 'readFailures' | 'points' | 'crashes'>;
  readonly config: HuntConfig;
}

/** The lines before the zone list; a frame shorter than this shows only its first lines. */
export const HEADER_LINES = 6;

/**
 * One frame: at most `height` lines of at most `width` characters (every character rendered
 * is one column wide; config ids are assumed ASCII), so a terminal never wraps them. Zones are
 * reduced to totals and the busiest this minute (highest spawn rate, ties in config order),
 * as many as fit. Pure apart from difficulty's per-minute memo: O(zones x rows shown).
 */
export function summaryLines(now: number, s: SummarySnapshot, width: number, height: number): string[] {
  const rows = Math.max(0, Math.floor(height));
  const zoneRows = rows - HEADER_LINES;
  const world = worldOf(s.config);
  const zoneCount = world.zones.length;
  const shown = zoneCount <= zoneRows ? zoneCount : Math.max(0, zoneRows - 1);
  const { total, top, decayS } = busiest(s.config, now, shown);
  const stale = s.staleSeconds > 0 ? `   (a newer version seen ${s.staleSeconds.toFixed(0)} s ago)` : '';
  const claims = s.stats.claims;
  const lines = [
    `spawns/s ${rate(s.spawnsPerS, 7)}   claims/s ${rate(s.claimsPerS, 6)}   ` +
      `API p99 ${s.apiP99Ms === undefined ? '-' : `${s.apiP99Ms.toFixed(1)} ms`}   live treasures ${s.liveTreasures}`,
    `config   ${s.versions.map((v) => `${v.name} v${v.version}`).join(', ')}${stale}`,
    `bots     ${s.bots} hunting, ${s.stats.points} points` +
      (s.stats.crashes > 0 ? `, ${s.stats.crashes} bot loops restarted after a crash` : ''),
    claims.size === 0
      ? 'claims   none yet'
      : listed('claims   ', [`won ${claims.get('won') ?? 0}`, ...counts(claims, 'won')], width),
    s.stats.readFailures.size === 0
      ? 'reads    none failed'
      : listed('reads    failed: ', counts(s.stats.readFailures), width),
    `world    ${world.regions.length} regions, ${zoneCount} zones, ${world.cellCount} cells, ${world.shards.length} shards; ` +
      `target ${total.toFixed(2)} spawns/s this minute` +
      (decayS === undefined ? '' : `, decay ${decayS.toFixed(1)} s`) +
      (zoneCount > 1 ? '; busiest:' : ':'),
    ...top.map(zoneLine),
    ...(shown < zoneCount ? [`… and ${zoneCount - shown} more zones`] : []),
  ];
  return lines.slice(0, rows).map((line) => fit(line, width));
}

function rate(value: number | undefined, pad: number): string {
  return (value === undefined ? '-' : value.toFixed(2)).padStart(pad);
}

function counts(map: ReadonlyMap<string, number>, except?: string): string[] {
  return byCount(map)
    .filter(([key]) => key !== except)
    .map(([key, n]) => `${key} ${n}`);
}

/** `prefix` and as many parts as fit in `width`, then how many were left out. */
function listed(prefix: string, parts: readonly string[], width: number): string {
  let line = prefix + (parts[0] ?? '');
  for (let i = 1; i < parts.length; i++) {
    const next = `${line}, ${parts[i]}`;
    const left = parts.length - i - 1;
    if (next.length + (left > 0 ? `, +${left} more`.length : 0) > width) return `${line}, +${parts.length - i} more`;
    line = next;
  }
  return line;
}

function fit(line: string, width: number): string {
  if (line.length <= width) return line;
  return width < 1 ? '' : `${line.slice(0, width - 1)}…`;
}

/**
 * The summed spawn rate of every zone, the `k` zones with the highest (highest first), and the
 * combo multiplier's decay, which is the same for every zone (a season curve, no zone modifier).
 */
function busiest(config: HuntConfig, now: number, k: number) {
  const difficulty = createDifficulty(config);
  const top: ZoneDifficulty[] = [];
  let total = 0;
  let decayS: number | undefined;
  for (const zone of worldOf(config).zones) {
    const d = difficulty.at(zone.id, now)!;
    decayS = d.multiplierDecayS;
    total += d.spawnRatePerS;
    if (k === 0 || (top.length === k && d.spawnRatePerS <= top[k - 1]!.spawnRatePerS)) continue;
    let i = top.length;
    while (i > 0 && top[i - 1]!.spawnRatePerS < d.spawnRatePerS) i--;
    top.splice(i, 0, d);
    if (top.length > k) top.pop();
  }
  return { total, top, decayS };
}

function zoneLine(d: ZoneDifficulty): string {
  const rarity = d.tierNames.map((t, i) => `${t} ${(d.rarityWeights[i]! * 100).toFixed(0)}%`).join(' ');
  return (
    `  ${d.zoneId.padEnd(16)} spawn ${d.spawnRatePerS.toFixed(2)}/s  loot x${d.lootMultiplier.toFixed(2)}  ` +
    `${rarity}${d.inSeason ? '' : '  (off season)'}`
  );
}
