import type { HuntConfig } from '@hunt/config-schema';
import { changedKeys, type ChangedKey } from './changed-keys';
import { checkGuardrails, fmt, show, type Side, type Violation } from './guardrails';
import type { RateProfile, ZoneProfile } from './season-profile';
import { areaChanges, type AreaChanges, type ReportSide } from './side';

/** Finds per player-hour assumed for the loot projection (a stated assumption, not data). */
export const FINDS_PER_PLAYER_HOUR = 30;
/** Changed keys listed in Markdown; a redrawn polygon alone is dozens of leaves (JSON lists all). */
export const CHANGED_KEYS_SHOWN = 40;

export interface ImpactReport {
  readonly base: ReportSide;
  readonly next: ReportSide;
  readonly changes: readonly ChangedKey[];
  readonly areas: AreaChanges;
  readonly violations: readonly Violation[];
}

/** Compares two described configs: changed keys, areas added or removed, guardrails. */
export function compareSides(base: ReportSide, next: ReportSide): ImpactReport {
  const changes = changedKeys(base.config, next.config);
  return { base, next, changes, areas: areaChanges(base, next), violations: checkGuardrails(base, next, changes) };
}

/** The impact report in Markdown, for a pull request comment. */
export function renderMarkdown(r: ImpactReport): string {
  const { base, next } = r;
  const blocking = r.violations.filter((v) => !v.acknowledged);
  const lines: string[] = [
    `# Config impact: version ${base.config.version} -> ${next.config.version}`,
    '',
    `Compared \`${base.label}\` with \`${next.label}\`, sampled every minute of each season.`,
    '',
    blocking.length > 0
      ? `**Guardrails: ${blocking.length} violation(s), not acknowledged: this change is blocked (exit 3).**`
      : '**Guardrails: pass.**',
    '',
    '## Changed keys',
    '',
    ...changedKeyLines(r.changes),
    '',
    ...worldSection(r),
    '',
    '## Spawn rate per region (events/s)',
    '',
    '| region | cells before | cells after | peak before | peak after | mean before | mean after | peak change |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rateRows(base.profile.regions, next.profile.regions, (p) => p.id),
    '',
    '## Spawn rate per zone (events/s)',
    '',
    "Named zones, then each region's rest (its cells outside every named zone).",
    '',
    '| zone | region | cells before | cells after | peak before | peak after | mean before | mean after | peak change |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rateRows<ZoneProfile>(base.profile.zones, next.profile.zones, (z) =>
      z.remainder ? `${z.id} (rest) | ${z.regionId}` : `${z.id} | ${z.regionId}`,
    ),
    '',
    ...kafkaSection(base, next),
    '',
    ...lootSection(base, next),
    '',
    '## Combo multiplier',
    '',
    ...multiplierLines('before', base.config, base.profile.decayRange),
    ...multiplierLines('after', next.config, next.profile.decayRange),
    '',
    '## Guardrails',
    '',
    ...(r.violations.length === 0
      ? ['All changes are within `[limits]` of the base config.']
      : r.violations.map(
          (v) => `- ${v.acknowledged ? 'acknowledged in [release]' : '**BLOCKED**'}: ${v.message}${keysNote(v)}`,
        )),
    ...acknowledgeLines(r.violations),
    '',
  ];
  return lines.join('\n');
}

function changedKeyLines(changes: readonly ChangedKey[]): string[] {
  if (changes.length === 0) return ['No game-balance key changed.'];
  const rest = changes.length - CHANGED_KEYS_SHOWN;
  return [
    '| key | before | after |',
    '| --- | --- | --- |',
    ...changes.slice(0, CHANGED_KEYS_SHOWN).map((c) => `| \`${c.key}\` | ${show(c.from)} | ${show(c.to)} |`),
    ...(rest > 0 ? ['', `...and ${rest} more (\`--format json\` lists every key).`] : []),
  ];
}

function worldSection(r: ImpactReport): string[] {
  const row = (label: string, s: ReportSide) =>
    `| ${label} | ${s.world.regions} | ${s.world.namedZones} | ${s.world.cells} | ${fmt(s.world.areaKm2)} | ${s.world.shards} |`;
  const list = (what: string, ids: readonly string[]) => (ids.length > 0 ? [`- ${what}: ${ids.join(', ')}`] : []);
  const { zonesAdded, zonesRemoved, regionsAdded, regionsRemoved } = r.areas;
  const changed = [
    ...list('regions added', regionsAdded),
    ...list('regions removed', regionsRemoved),
    ...list('zones added', zonesAdded),
    ...list('zones removed', zonesRemoved),
  ];
  return [
    '## World',
    '',
    '| | regions | named zones | cells | km² | shards |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('before', r.base),
    row('after', r.next),
    '',
    ...(changed.length > 0 ? changed : ['No region or zone added or removed.']),
  ];
}

/** One row per id of either side, `name` giving the leading cell(s). */
function rateRows<P extends RateProfile>(before: readonly P[], after: readonly P[], name: (p: P) => string): string[] {
  const ids = [...new Set([...before.map((z) => z.id), ...after.map((z) => z.id)])];
  const num = (p: P | undefined, f: (p: P) => number) => (p ? fmt(f(p)) : '-');
  return ids.map((id) => {
    const a = before.find((z) => z.id === id);
    const b = after.find((z) => z.id === id);
    const change = a && b ? (a.peakRate > 0 ? `x${fmt(b.peakRate / a.peakRate)}` : '-') : a ? 'removed' : 'new';
    const cells = [
      name((b ?? a)!),
      num(a, (p) => p.cellCount),
      num(b, (p) => p.cellCount),
      num(a, (p) => p.peakRate),
      num(b, (p) => p.peakRate),
      num(a, (p) => p.meanRate),
      num(b, (p) => p.meanRate),
      change,
    ];
    return `| ${cells.join(' | ')} |`;
  });
}

function kafkaSection(base: ReportSide, next: ReportSide): string[] {
  const row = (label: string, s: ReportSide) => {
    const k = s.kafka;
    return `| ${label} | ${fmt(k.demandPerS)} | ${k.demandAt} | ${k.throttleCapPerS} | ${fmt(k.publishedPerS)} | ${fmt(k.droppedPerS)} | ${fmt(k.bytesPerS)} | ${k.busEventsPerS} |`;
  };
  const k = next.kafka;
  const notes = [
    ...(k.droppedPerS > 0
      ? [
          `After the change the peak demand exceeds \`spawn.throttle_cap_per_s\` (${k.throttleCapPerS}): the spawners drop ${fmt(k.droppedPerS)} spawns/s at the peak (${k.demandAt}).`,
        ]
      : []),
    ...(k.publishedPerS > k.busEventsPerS
      ? [
          `After the change the spawners publish ${fmt(k.publishedPerS)} events/s at the peak, more than \`limits.bus_events_per_s\` (${k.busEventsPerS}) the bus is sized for.`,
        ]
      : []),
  ];
  return [
    '## Kafka load at peak (`hunt.treasure-spawned.v1`)',
    '',
    '| | demand events/s | at | throttle cap | published events/s | dropped events/s | bytes/s | bus sized for |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    row('before', base),
    row('after', next),
    '',
    `Bytes per event: ${k.bytesPerEvent} (JSON value + shard key + headers + ~70 bytes record overhead, estimated).`,
    ...notes.flatMap((n) => ['', n]),
  ];
}

function lootSection(base: Side, next: Side): string[] {
  const tiers = [...new Set([...Object.keys(base.config.tiers), ...Object.keys(next.config.tiers)])];
  const perHour = (s: Side, tier: string) => {
    const t = s.config.tiers[tier];
    if (!t) return 0;
    const total = t.loot.reduce((a, l) => a + l.weight, 0);
    const meanValue = t.loot.reduce((a, l) => a + (l.weight / total) * l.value, 0);
    return FINDS_PER_PLAYER_HOUR * (s.profile.meanRarity[tier] ?? 0) * meanValue * s.profile.meanLootMultiplier;
  };
  return [
    `## Expected loot value per player-hour (assuming ${FINDS_PER_PLAYER_HOUR} finds/hour, before combo multipliers)`,
    '',
    '| tier | share before | share after | points/h before | points/h after |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...tiers.map(
      (t) =>
        `| ${t} | ${pct(base.profile.meanRarity[t])} | ${pct(next.profile.meanRarity[t])} | ${fmt(perHour(base, t))} | ${fmt(perHour(next, t))} |`,
    ),
  ];
}

function multiplierLines(label: string, c: HuntConfig, decay: readonly [number, number]): string[] {
  const findsToMax = c.multiplier.step > 0 ? Math.ceil((c.multiplier.max - 1) / c.multiplier.step) : Infinity;
  return [
    `- ${label}: +${c.multiplier.step} per find up to x${c.multiplier.max} (${findsToMax} finds), decays back over ${fmt(decay[0])}-${fmt(decay[1])} s: a player keeps the combo only by finding again within that time.`,
  ];
}

function keysNote(v: Violation): string {
  if (v.keys.length === 0) return ' (no changed key explains it; it cannot be acknowledged)';
  return v.acknowledged ? '' : `\n  - caused by ${v.keys.map((k) => `\`${k.key}\``).join(', ')}`;
}

/** One acknowledgement block for every blocking violation's keys (several violations share a cause). */
function acknowledgeLines(violations: readonly Violation[]): string[] {
  const keys = new Map(
    violations.filter((v) => !v.acknowledged).flatMap((v) => v.keys.map((k) => [k.key, k] as const)),
  );
  if (keys.size === 0) return [];
  const acks = [...keys.values()].map(
    (k) =>
      `  { key = "${k.key}",${k.from === undefined ? '' : ` from = ${show(k.from)},`} to = ${show(k.to)}, reason = "..." },`,
  );
  return [
    '',
    'To ship it on purpose, add to the new file:',
    '',
    '```toml',
    '[release]',
    'acknowledge = [',
    ...acks,
    ']',
    '```',
  ];
}

function pct(x: number | undefined): string {
  return x === undefined ? '-' : `${(x * 100).toFixed(1)}%`;
}
