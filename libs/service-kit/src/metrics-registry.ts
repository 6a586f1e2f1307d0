import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The label every series of a service carries: the app's name. Not `service`, which the
 * Prometheus Operator sets from the scraped Kubernetes Service (ours would be renamed
 * `exported_service`). The app sets it itself because the scrape setup varies (pod annotations
 * give no `service`, `npm start` no Kubernetes at all) and the alerts select hunt-api by it.
 */
export const SERVICE_LABEL = 'hunt_service';

/**
 * prom-client gauges named like counters, which `promtool check metrics` rejects. Each is the
 * sum over `type` of the gauge of the same name without `_total`, which stays.
 */
const COUNTER_NAMED_GAUGES = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * A fresh registry per service instance (never prom-client's global one, which breaks tests
 * with "metric already registered"), with the default process metrics.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ [SERVICE_LABEL]: service });
  collectDefaultMetrics({ register: registry });
  for (const name of COUNTER_NAMED_GAUGES) registry.removeSingleMetric(name);
  return registry;
}
