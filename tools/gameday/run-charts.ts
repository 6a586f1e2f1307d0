/**
 * The timeline of one run as the report draws it: the phase strip, then a chart per signal the
 * story turns on (latency, spawns against the cap, loot lag, claims, outbox, versions live,
 * alerts), all on the run's own time axis.
 */
import { capAt, lagThresholdS } from './summary';
import { bandChart, lineChart, phaseRibbon, type Band, type Line, type TimeAxis } from './timechart';
import type { GamedayRun, SecondRow } from './timeline';

const ROUTE_COLOURS = ['#1f77b4', '#2ca02c', '#9467bd', '#8c564b', '#17becf', '#e377c2'];
/** The old config blue, the new one orange, any other grey: the same in every chart and both runs. */
const OLD = '#1f77b4';
const NEW = '#ff7f0e';
const OTHER = '#7f7f7f';
const LIMIT = '#c62828';
const ALERT_COLOURS = ['#c62828', '#6a1b9a', '#ad1457', '#4e342e', '#283593'];

export function runCharts(run: GamedayRun): string[] {
  const axis = timeAxis(run);
  const series = (id: string, label: string, colour: string, value: (r: SecondRow) => number | null, dash?: string) =>
    ({ id, label, colour, dash, points: run.seconds.map((r) => [r.t, value(r)] as const) }) satisfies Line;
  const routes = keysOf(run.seconds.map((r) => r.routes));
  const versions = keysOf(run.seconds.map((r) => r.spawnsPerS)).sort((a, b) => Number(a) - Number(b));
  const threshold = lagThresholdS(run);
  return [
    phaseRibbon(axis),
    lineChart(axis, {
      id: 'p99',
      title: 'p99 latency per route (ms, log scale; open loop, from the intended send time)',
      log: true,
      lines: routes.map((k, i) =>
        series(`p99:${k}`, k, ROUTE_COLOURS[i % ROUTE_COLOURS.length]!, (r) => r.routes[k]?.p99Ms ?? null),
      ),
    }),
    lineChart(axis, {
      id: 'spawns',
      title: 'Spawn events/s into Kafka per config version, against the fleet cap',
      lines: [
        ...versions.map((v) =>
          series(`spawns:v${v}`, `v${v}`, versionColour(run, Number(v)), (r) => r.spawnsPerS[v] ?? null),
        ),
        series('cap', 'cap (highest of the live versions)', LIMIT, capAt, '6 4'),
      ],
    }),
    lineChart(axis, {
      id: 'loot-lag',
      title: 'Loot-service lag on the spawn topic (events, all partitions)',
      lines: [series('lag:events', 'lag', OLD, (r) => r.lootLag)],
    }),
    lineChart(axis, {
      id: 'loot-age',
      title: 'Age of the newest spawn the loot-service stored (s)',
      lines: [
        series('lag:age', 'age', OLD, (r) => r.newestMaterialisedAgeS),
        ...(threshold === null
          ? []
          : [series('lag:recovered', `recovered below ${threshold.toFixed(1)} s`, LIMIT, () => threshold, '6 4')]),
      ],
    }),
    lineChart(axis, {
      id: 'claims',
      title: 'Claims won/s, and claims of listed treasures answered not found/s',
      lines: [
        series('claims:won', 'won', '#2e7d32', (r) => r.claimsWon),
        series('claims:listed-not-found', 'listed, not found', LIMIT, (r) => r.listedNotFound),
      ],
    }),
    lineChart(axis, {
      id: 'outbox',
      title: 'Award outbox depth (entries waiting)',
      lines: [series('outbox:depth', 'depth', '#6d4c41', (r) => r.outboxDepth)],
    }),
    bandChart(axis, {
      id: 'versions',
      title: 'Config versions live per service',
      bands: versionBands(run),
      legend: [...new Set([run.fromVersion, run.toVersion])].map((v) => ({
        label: `v${v}`,
        colour: versionColour(run, v),
      })),
      empty: 'no service reported its version',
    }),
    bandChart(axis, {
      id: 'alerts',
      title: 'Alerts Prometheus fired',
      bands: alertBands(run, axis),
      legend: [],
      empty: 'no alert fired',
    }),
  ];
}

export function timeAxis(run: GamedayRun): TimeAxis {
  const ends = [...run.phases.map((p) => p.endS), ...run.seconds.map((r) => r.t + 1)];
  const starts = [...run.phases.map((p) => p.startS), ...run.seconds.map((r) => r.t)];
  return { fromS: Math.min(0, ...starts), toS: Math.max(1, ...ends), phases: run.phases };
}

export const versionColour = (run: GamedayRun, v: number) =>
  v === run.fromVersion ? OLD : v === run.toVersion ? NEW : OTHER;

/** Per service, one span per run of seconds with the same set of versions. */
function versionBands(run: GamedayRun): Band[] {
  const services = keysOf(run.seconds.map((r) => r.versions)).sort();
  return services.map((service) => {
    const spans: { fromS: number; toS: number; versions: readonly number[] }[] = [];
    for (const r of run.seconds) {
      const versions = r.versions[service] ?? [];
      const last = spans.at(-1);
      if (last && last.toS === r.t && last.versions.join() === versions.join()) last.toS = r.t + 1;
      else if (versions.length > 0) spans.push({ fromS: r.t, toS: r.t + 1, versions });
    }
    return {
      label: service,
      spans: spans.map((s) => ({
        ...s,
        colours: s.versions.map((v) => versionColour(run, v)),
        title: `${service}: ${s.versions.map((v) => `v${v}`).join(' + ')}, ${s.fromS}-${s.toS} s`,
      })),
    };
  });
}

/** One row per alert name; a span still firing at the end runs to the end of the axis. */
function alertBands(run: GamedayRun, axis: TimeAxis): Band[] {
  const names = [...new Set(run.alerts.map((a) => a.name))];
  return names.map((name, i) => ({
    label: name,
    spans: run.alerts
      .filter((a) => a.name === name)
      .map((a) => {
        const labels = Object.entries(a.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ');
        const until = a.resolvedS === null ? 'still firing at the end' : `resolved at ${a.resolvedS} s`;
        return {
          fromS: a.firedS,
          toS: a.resolvedS ?? axis.toS,
          colours: [ALERT_COLOURS[i % ALERT_COLOURS.length]!],
          title: `${name} {${labels}}: fired at ${a.firedS} s, ${until}`,
        };
      }),
  }));
}

const keysOf = (records: readonly Readonly<Record<string, unknown>>[]) => [
  ...new Set(records.flatMap((r) => Object.keys(r))),
];
