import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * The hunt API's RED metrics, on the service's injected registry: one histogram gives rate
 * (`_count`), errors (by `status_code`) and duration. Name, labels and the 0.3 s bucket are what
 * deploy/prometheus/alerts.yml (the p99 latency SLO) and the Grafana dashboard query.
 */
export function createHuntMetrics(registry: Registry) {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.3, 1, 2.5],
    registers: [registry],
  });
  const listedUnknown = new Counter({
    name: 'hunt_claims_listed_unknown_total',
    help: 'Claims of a treasure this API listed that the loot-service did not know (answered HUNT_ERR_TREASURE_PENDING)',
    registers: [registry],
  });
  // Label children cached per method, route and status: resolving labels is most of an observe's cost.
  const children = new Map<string, ReturnType<typeof duration.labels>>();
  return {
    /** Records one answered request. */
    observe(method: string, route: string, status: number, seconds: number): void {
      const key = `${method} ${route} ${status}`;
      let child = children.get(key);
      if (!child) children.set(key, (child = duration.labels(method, route, String(status))));
      child.observe(seconds);
    },
    /** A claim of a listed treasure that loot answered as unknown (it lags, or lost the treasure). */
    listedUnknown(): void {
      listedUnknown.inc();
    },
  };
}

export type HuntMetrics = ReturnType<typeof createHuntMetrics>;
