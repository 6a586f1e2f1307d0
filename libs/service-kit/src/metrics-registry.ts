import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A fresh registry per service instance (never prom-client's global one, which breaks tests
 * with "metric already registered"), with the default process metrics.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
