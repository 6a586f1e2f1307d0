import type { HuntConfig } from '@hunt/config-schema';
import type { ChangedKey } from './changed-keys';
import { fmt, show, type Side, type Violation } from './guardrails';
import { bytesPerSpawnEvent } from './kafka-load';

/** Finds per player-hour assumed for the loot projection (a stated assumption, not data). */
export const FINDS_PER_PLAYER_HOUR = 30;

export interface ImpactReport {
  readonly base: Side & { label: string };
  readonly next: Side & { label: string };
  readonly changes: readonly ChangedKey[];
  readonly violations: readonly Violation[];
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
    ...(r.changes.length === 0
      ? ['No game-balance key changed.']
      : [
          '| key | before | after |',
          '| --- | --- | --- |',
          ...r.changes.map((c) => `| \`${c.key}\` | ${show(c.from)} | ${show(c.to)} |`),
        ]),
    '',
    '## Spawn rate per zone (events/s)',
    '',
    '| zone | peak before | peak after | mean before | mean after | peak change |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...zoneRows(base, next),
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
    '',
  ];
  return lines.join('\n');
}

function zoneRows(base: Side, next: Side): string[] {
  const ids = [...new Set([...base.profile.zones.map((z) => z.id), ...next.profile.zones.map((z) => z.id)])];
  return ids.map((id) => {
    const a = base.profile.zones.find((z) => z.id === id);
    const b = next.profile.zones.find((z) => z.id === id);
    const change = a && b && a.peakRate > 0 ? `x${fmt(b.peakRate / a.peakRate)}` : a ? 'removed' : 'new';
    return `| ${id} | ${a ? fmt(a.peakRate) : '-'} | ${b ? fmt(b.peakRate) : '-'} | ${a ? fmt(a.meanRate) : '-'} | ${b ? fmt(b.meanRate) : '-'} | ${change} |`;
  });
}

function kafkaSection(base: Side, next: Side): string[] {
  const row = (label: string, s: Side) => {
    const bytes = bytesPerSpawnEvent(s.config);
    const published = Math.min(s.profile.peakTotalRate, s.config.spawn.throttle_cap_per_s);
    return `| ${label} | ${fmt(s.profile.peakTotalRate)} | ${s.profile.peakTotalAt} | ${fmt(published)} | ${fmt(published * bytes)} | ${s.config.limits.bus_events_per_s} |`;
  };
  return [
    '## Kafka load at peak (`hunt.treasure-spawned.v1`)',
    '',
    '| | demand events/s | at | published events/s (after throttle cap) | bytes/s | bus sized for |',
    '| --- | ---: | --- | ---: | ---: | ---: |',
    row('before', base),
    row('after', next),
    '',
    `Bytes per event: ${bytesPerSpawnEvent(next.config)} (JSON value + key + headers + ~70 bytes record overhead, estimated).`,
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
  const acks = v.keys.map(
    (k) =>
      `{ key = "${k.key}",${k.from === undefined ? '' : ` from = ${show(k.from)},`} to = ${show(k.to)}, reason = "..." }`,
  );
  return v.acknowledged
    ? ''
    : `\n  - caused by ${v.keys.map((k) => `\`${k.key}\``).join(', ')}; to ship it on purpose, add to the new file: \`[release] acknowledge = [${acks.join(', ')}]\``;
}

function pct(x: number | undefined): string {
  return x === undefined ? '-' : `${(x * 100).toFixed(1)}%`;
}
