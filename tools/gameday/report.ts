/**
 * The game day's page: one self-contained HTML file (inline CSS and SVG, no scripts, no
 * network). What was replayed and at what scale, each run's timeline (guarded and unguarded
 * side by side), the run against the story's figures, and every target met or missed. An
 * unguarded run that did not break is said to have held, with the reason the run gave.
 */
import { htmlPage, htmlTable } from '../hunt-config/html-page';
import { esc } from '../hunt-config/preview/svg';
import { runCharts } from './run-charts';
import { MIN_REQUESTS_FOR_P99, SLO_LATENCY_MS, type GamedayFigures, type GamedaySummary } from './summary';
import { TARGETS, type CheckName } from './targets';
import type { GamedayRun } from './timeline';

/** The incident the game day replays, as its post-mortem tells it. */
export const STORY = {
  change: 'spawn density x3 and multiplier decay 8 s -> 3 s',
  p99BeforeMs: 32,
  p99DuringMs: 1100,
  rollbackS: 42 * 60,
} as const;

interface Entry {
  readonly id: 'guarded' | 'unguarded';
  readonly run: GamedayRun;
  readonly summary: GamedaySummary;
}

/**
 * `summaries[i]` must be `summarise(runs[i])`.
 * @throws when the lists differ in length, are empty, or pair a guarded run with an unguarded summary
 */
export function renderReport(runs: readonly GamedayRun[], summaries: readonly GamedaySummary[]): string {
  if (runs.length === 0 || runs.length !== summaries.length)
    throw new Error(`renderReport: ${runs.length} runs but ${summaries.length} summaries`);
  const entries: Entry[] = runs
    .map((run, i) => {
      const summary = summaries[i]!;
      if (summary.guarded !== run.guarded)
        throw new Error(`renderReport: run ${i} and its summary disagree on guarded`);
      return { id: run.guarded ? ('guarded' as const) : ('unguarded' as const), run, summary };
    })
    .sort((a, b) => Number(b.run.guarded) - Number(a.run.guarded));
  const [first] = entries;
  const title = `Game day: hunt config v${first!.run.fromVersion} -> v${first!.run.toVersion}, rolled out and back`;
  const columns = entries.map((e) => `<section data-run="${e.id}" style="flex:0 0 620px">${runSection(e)}</section>`);
  return htmlPage(
    esc(title),
    [
      `<h1 style="font-size:22px;margin:0 0 8px">${esc(title)}</h1>`,
      header(entries),
      `<div style="display:flex;flex-wrap:wrap;gap:28px;align-items:flex-start">${columns.join('\n')}</div>`,
      '<h2>Against the story</h2>',
      storyTable(entries),
      '<h2>Targets</h2>',
      checksTable(entries),
      definitions(),
    ].join('\n'),
  );
}

function header(entries: readonly Entry[]): string {
  const intro =
    `Replays the story's config change (${STORY.change}) as a rolling deploy through hunt-api, ` +
    'loot-service and spawner, each its own process on real Redis and Kafka and watched by a real ' +
    'Prometheus, under open-loop player load. Phases: steady, rollout (old and new replicas side by side), ' +
    'new-only, rollback, steady again; once with the runtime guards (fleet spawn cap, ramp) and once ' +
    'without (--unguarded).';
  const row = (label: string, cell: (e: Entry) => string) => [esc(label), ...entries.map((e) => esc(cell(e)))];
  const per = (m: Readonly<Record<string, number>>) =>
    Object.entries(m)
      .map(([v, n]) => `v${v} ${num(n)}/s`)
      .join(', ');
  const rows = [
    row('started', (e) => e.run.startedAt),
    row('versions', (e) => `v${e.run.fromVersion} -> v${e.run.toVersion}`),
    row(
      'length',
      (e) =>
        `${e.run.quick ? 'quick' : 'full'}: ${e.run.phases.map((p) => `${p.name} ${p.endS - p.startS} s`).join(', ')}`,
    ),
    row('API capacity (measured at the start)', (e) => `${num(e.run.scale.apiCapacityRps)} requests/s`),
    row(
      'offered load',
      (e) => `${num(e.run.scale.offeredRps)} requests/s (${num(e.run.scale.offeredFraction * 100)} % of capacity)`,
    ),
    row(
      'achieved',
      (e) =>
        `${num(e.summary.achieved_rps)} answered/s; shed by the generator ${e.summary.shed}, unanswered ${e.summary.unanswered}`,
    ),
    row('spawn pipeline capacity', (e) => `${num(e.run.scale.pipelineCapacityPerS)} events/s`),
    row('spawn demand per config', (e) => per(e.run.scale.demandPerS)),
    row('fleet spawn cap', (e) => `${num(e.run.scale.capPerS)} events/s`),
  ];
  return `<p style="max-width:1260px">${esc(intro)}</p>\n${htmlTable(['', ...entries.map((e) => e.id)], rows)}`;
}

function runSection(e: Entry): string {
  const heading = e.run.guarded ? 'Guarded run' : 'Unguarded run (--unguarded)';
  const notes = e.run.notes.length > 0 ? `<ul>${e.run.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return [`<h2>${esc(heading)}</h2>`, verdict(e), notes, ...runCharts(e.run)].join('\n');
}

function verdict(e: Entry): string {
  const s = e.summary;
  const missed = (Object.keys(TARGETS) as CheckName[]).filter((c) => !s.checks[c]);
  const missedText =
    missed.length === 0 ? 'every target met' : `missed: ${missed.map((c) => TARGETS[c].label).join('; ')}`;
  const ratio = s.p99_ratio === null ? 'not measured' : `${s.p99_ratio}x`;
  const lag = s.lag_recovered_s === null ? 'never recovered' : `recovered within ${s.lag_recovered_s} s`;
  if (e.run.guarded) {
    const text = missed.length === 0 ? 'The guarded run met every target.' : `The guarded run ${missedText}.`;
    return `<p data-verdict="${missed.length === 0 ? 'met' : 'missed'}"><strong>${esc(text)}</strong></p>`;
  }
  if (!s.checks.p99_ratio || !s.checks.lag_recovered)
    return (
      `<p data-verdict="broke"><strong>The unguarded run broke, as the story did</strong>: ` +
      `${esc(`p99 during the change at ${ratio} steady, loot lag ${lag}; ${missedText}.`)}</p>`
    );
  const why =
    e.run.notes.length > 0
      ? `The run says why: ${e.run.notes.join(' ')}`
      : `The run recorded no reason. It ran at ${num(e.run.scale.offeredRps)} requests/s (${num(e.run.scale.offeredFraction * 100)} % ` +
        `of the API's measured capacity) with a spawn pipeline measured at ${num(e.run.scale.pipelineCapacityPerS)} events/s ` +
        `against a demand of ${num(e.run.scale.demandPerS[String(e.run.toVersion)] ?? 0)} events/s from v${e.run.toVersion}: ` +
        'if the pipeline keeps up, the change cannot hurt.';
  return (
    `<p data-verdict="held" style="border-left:4px solid #c62828;padding-left:8px"><strong>The unguarded run did not break.</strong> ` +
    `${esc(`Its p99 during the change was ${ratio} steady (the guarded target: ${TARGETS.p99_ratio.target}) and the loot lag ${lag}, so this replay does not show what the guards prevent. ${why}`)}</p>`
  );
}

function storyTable(entries: readonly Entry[]): string {
  const cells = (f: (s: GamedaySummary) => string) => entries.map((e) => esc(f(e.summary)));
  const slo = (s: GamedaySummary) =>
    s.slo_miss_pct_steady === null || s.slo_miss_pct_change === null
      ? 'not recorded'
      : `${s.slo_miss_pct_steady} % steady -> ${s.slo_miss_pct_change} % during the change`;
  const rows = [
    ['p99 before the change', ms(STORY.p99BeforeMs), ...cells((s) => figure(s, 'steady_p99_ms'))],
    ['p99 during the change', ms(STORY.p99DuringMs), ...cells((s) => figure(s, 'change_p99_ms'))],
    ['p99 during / before', `${num(STORY.p99DuringMs / STORY.p99BeforeMs)}x`, ...cells((s) => figure(s, 'p99_ratio'))],
    [
      'rollback until one version is live everywhere',
      `${STORY.rollbackS / 60} min`,
      ...cells((s) => figure(s, 'rollback_s')),
    ],
    [`SLO burn: requests slower than ${SLO_LATENCY_MS} ms, 5xx or unanswered`, 'not in the story', ...cells(slo)],
  ];
  return htmlTable(
    ['figure', 'story', ...entries.map((e) => e.id)],
    rows.map(([label, story, ...rest]) => [esc(label!), esc(story!), ...rest]),
  );
}

function checksTable(entries: readonly Entry[]): string {
  const rows = (Object.keys(TARGETS) as CheckName[]).map((name) => {
    const t = TARGETS[name];
    return [
      esc(t.label),
      esc(t.target),
      ...entries.flatMap((e) => {
        const pass = e.summary.checks[name];
        const style = pass ? 'color:#2e7d32' : 'color:#c62828;font-weight:600';
        return [
          esc(figure(e.summary, t.figure)),
          `<span data-check="${name}" data-run="${e.id}" data-pass="${pass}" style="${style}">${pass ? 'pass' : 'FAIL'}</span>`,
        ];
      }),
    ];
  });
  return htmlTable(['check', 'target', ...entries.flatMap((e) => [e.id, ''])], rows);
}

function definitions(): string {
  const items = [
    `p99: per second, the highest p99 of the routes with at least ${MIN_REQUESTS_FOR_P99} requests; steady is the median of the steady seconds, during the change the worst second of rollout and new-only. Latency runs from each request's intended send time (open loop).`,
    "Over the cap: per second, all versions' spawns/s above the highest cap of the versions live that second, as a percent of that cap.",
    'Loot lag recovered: for each phase from the rollout on, seconds until the newest stored spawn is again no older than twice its steady median plus 1 s.',
    "Award, winner, zone and listed-treasure figures come from the game day's own ledger, not from the services' counters.",
  ];
  return `<h2>How the figures are read</h2>\n<ul style="max-width:1260px;font-size:13px">${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
}

/** What a null figure means where it is not "not measured". */
const NULL_MEANS: Partial<Record<keyof GamedayFigures, string>> = {
  lag_recovered_s: 'never',
  rollback_s: 'never',
};

function figure(s: GamedaySummary, key: keyof GamedayFigures): string {
  const v = s[key];
  if (v === null) return NULL_MEANS[key] ?? 'not measured';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v || 'none';
  if (key.endsWith('_ms')) return ms(v);
  if (key.endsWith('_pct')) return `${num(v)} %`;
  if (key.endsWith('_s')) return `${num(v)} s`;
  if (key === 'p99_ratio') return `${num(v)}x`;
  return num(v);
}

const num = (v: number) => Number(v.toPrecision(4)).toString();
const ms = (v: number) => (v >= 1000 ? `${num(v / 1000)} s` : `${num(v)} ms`);
