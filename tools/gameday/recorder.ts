import type { PrometheusClient, Sample } from '@hunt/test-infra';
import type { AlertSpan } from './timeline';

/** What Prometheus said in one second of the replay (the engine's side; the players' side comes from the load). */
export interface PromSecond {
  readonly t: number;
  readonly lootLag: number | null;
  readonly newestMaterialisedAgeS: number | null;
  readonly outboxDepth: number | null;
  readonly outboxOldestAgeS: number | null;
  readonly versions: Record<string, number[]>;
  readonly maxStalenessS: number | null;
}

const first = (samples: Sample[]): number | null => (samples.length > 0 ? samples[0]!.value : null);

/**
 * Queries Prometheus once a second (it scrapes every process every second and evaluates
 * deploy/prometheus/alerts.yml as often) for the engine's side of the timeline, and keeps the
 * alerts it fires as spans. A query that fails leaves that field null for the second (the
 * report shows a gap) and is counted; it never stops the replay.
 */
export function startRecorder(opts: { prom: PrometheusClient; startMs: number; spawnTopicSuffix: string }) {
  const { prom, startMs } = opts;
  const rows: PromSecond[] = [];
  const open = new Map<string, { name: string; labels: Record<string, string>; firedS: number }>();
  const closed: AlertSpan[] = [];
  let failures = 0;
  const q = (promql: string) =>
    prom.query(promql).catch(() => {
      failures++;
      return [] as Sample[];
    });
  const lagQuery = `sum(kafka_consumer_lag{hunt_service="loot-service",topic=~".*${opts.spawnTopicSuffix.replace(/\./g, '\\\\.')}"})`;

  const sample = async () => {
    const t = Math.round((Date.now() - startMs) / 1000);
    const [lag, newest, depth, oldest, info, stale, alerts] = await Promise.all([
      q(lagQuery),
      q('time() - max(loot_newest_spawn_timestamp_seconds)'),
      q('max(loot_award_outbox_depth)'),
      q('max(loot_award_outbox_oldest_age_seconds)'),
      q('static_mesh_config_info'),
      q('max(config_staleness_seconds)'),
      prom.alerts().catch(() => {
        failures++;
        return undefined;
      }),
    ]);
    const versions: Record<string, number[]> = {};
    for (const s of info) {
      const service = s.metric['hunt_service'] ?? '?';
      const v = Number(s.metric['version']);
      if (!(versions[service] ??= []).includes(v)) versions[service].push(v);
    }
    for (const list of Object.values(versions)) list.sort((a, b) => a - b);
    rows.push({
      t,
      lootLag: first(lag),
      newestMaterialisedAgeS: first(newest),
      outboxDepth: first(depth),
      outboxOldestAgeS: first(oldest),
      versions,
      maxStalenessS: first(stale),
    });
    if (alerts) {
      const firing = new Map(
        alerts.filter((a) => a.state === 'firing').map((a) => [`${a.name}${JSON.stringify(a.labels)}`, a] as const),
      );
      for (const [key, a] of firing)
        if (!open.has(key)) open.set(key, { name: a.name, labels: { ...a.labels }, firedS: t });
      for (const [key, span] of open)
        if (!firing.has(key)) {
          closed.push({ ...span, resolvedS: t });
          open.delete(key);
        }
    }
  };

  let running = true;
  const loop = (async () => {
    while (running) {
      const next = Date.now() + 1000;
      await sample();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
  })();

  return {
    /** Stops sampling; returns the rows and every alert span (those still firing end null). */
    async stop(): Promise<{ rows: PromSecond[]; alerts: AlertSpan[]; failures: number }> {
      running = false;
      await loop;
      return { rows, alerts: [...closed, ...[...open.values()].map((s) => ({ ...s, resolvedS: null }))], failures };
    },
  };
}
