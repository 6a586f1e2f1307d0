/**
 * A small client of the Prometheus HTTP API (v1): instant and range queries, active alerts,
 * rule groups. Sample values are numbers (NaN and ±Inf included) and times are epoch ms.
 */
import { z } from 'zod';

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  metric: Labels;
  timeMs: number;
  value: number;
}

export interface Series {
  metric: Labels;
  points: { timeMs: number; value: number }[];
}

export interface ActiveAlert {
  /** The `alertname` label. */
  name: string;
  labels: Labels;
  annotations: Labels;
  state: 'pending' | 'firing';
  activeAtMs: number;
  /** The value of the alert's expression when it was last evaluated. */
  value: number;
}

export interface Rule {
  name: string;
  type: 'alerting' | 'recording';
  query: string;
  health: string;
  lastError?: string;
  /** Alerting rules only. */
  state?: 'inactive' | 'pending' | 'firing';
}

export interface RuleGroup {
  name: string;
  file: string;
  rules: Rule[];
}

export interface PrometheusClient {
  /**
   * Instant query at `timeMs` (default: now). A scalar result comes back as one sample with
   * no labels.
   * @throws PrometheusApiError on a bad query, a string or matrix result, or no answer
   */
  query(promql: string, timeMs?: number): Promise<Sample[]>;
  /** @throws PrometheusApiError as query() does */
  queryRange(promql: string, startMs: number, endMs: number, stepS: number): Promise<Series[]>;
  /** Alerts pending or firing now (GET /api/v1/alerts). */
  alerts(): Promise<ActiveAlert[]>;
  /** Every loaded rule group with each rule's health (GET /api/v1/rules). */
  rules(): Promise<RuleGroup[]>;
}

/** Prometheus answered an error (or nothing usable). `errorType` is Prometheus's own, e.g. `bad_data`. */
export class PrometheusApiError extends Error {
  override name = 'PrometheusApiError';
  constructor(
    message: string,
    readonly errorType: string,
    readonly httpStatus: number | null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const labels = z.record(z.string(), z.string());
const point = z.tuple([z.number(), z.string()]);
const queryData = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: labels, value: point })) }),
  z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: labels, values: z.array(point) })) }),
  z.object({ resultType: z.literal('scalar'), result: point }),
  z.object({ resultType: z.literal('string'), result: point }),
]);
const alertsData = z.object({
  alerts: z.array(
    z.object({
      labels,
      annotations: labels,
      state: z.enum(['pending', 'firing']),
      activeAt: z.string(),
      value: z.string(),
    }),
  ),
});
const rulesData = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      file: z.string(),
      rules: z.array(
        z.object({
          name: z.string(),
          type: z.enum(['alerting', 'recording']),
          query: z.string(),
          health: z.string(),
          lastError: z.string().optional(),
          state: z.enum(['inactive', 'pending', 'firing']).optional(),
        }),
      ),
    }),
  ),
});
const envelope = z.union([
  z.object({ status: z.literal('success'), data: z.unknown() }),
  z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
]);

const toPoint = ([t, v]: z.infer<typeof point>) => ({ timeMs: Math.round(t * 1000), value: Number(v) });
const seconds = (ms: number) => String(ms / 1000);

export function prometheusClient({ url, timeoutMs = 5_000 }: { url: string; timeoutMs?: number }): PrometheusClient {
  /** `what` names the request in errors (the PromQL, or the path). */
  async function call<T>(path: string, what: string, schema: z.ZodType<T>, form?: Record<string, string>): Promise<T> {
    const where = `Prometheus ${url}${path} (${what})`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${url}${path}`, {
        method: form ? 'POST' : 'GET',
        ...(form && { body: new URLSearchParams(form) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      throw new PrometheusApiError(`${where}: no answer: ${(err as Error).message}`, 'unreachable', null, {
        cause: err,
      });
    }
    let body: z.infer<typeof envelope>;
    try {
      body = envelope.parse(JSON.parse(text));
    } catch (err) {
      const excerpt = text.slice(0, 200);
      throw new PrometheusApiError(
        `${where}: HTTP ${res.status}, not an API answer: ${excerpt}`,
        'bad_response',
        res.status,
        {
          cause: err,
        },
      );
    }
    if (body.status === 'error') {
      throw new PrometheusApiError(
        `${where}: HTTP ${res.status} ${body.errorType}: ${body.error}`,
        body.errorType,
        res.status,
      );
    }
    const data = schema.safeParse(body.data);
    if (!data.success) {
      throw new PrometheusApiError(
        `${where}: unexpected data: ${z.prettifyError(data.error)}`,
        'bad_response',
        res.status,
        {
          cause: data.error,
        },
      );
    }
    return data.data;
  }

  return {
    async query(promql, timeMs) {
      const data = await call('/api/v1/query', promql, queryData, {
        query: promql,
        ...(timeMs !== undefined && { time: seconds(timeMs) }),
      });
      if (data.resultType === 'vector') return data.result.map((s) => ({ metric: s.metric, ...toPoint(s.value) }));
      if (data.resultType === 'scalar') return [{ metric: {}, ...toPoint(data.result) }];
      throw new PrometheusApiError(
        `Prometheus ${url} (${promql}): a ${data.resultType} result, not a vector${data.resultType === 'matrix' ? ' (use queryRange)' : ''}`,
        'unexpected_result',
        200,
      );
    },
    async queryRange(promql, startMs, endMs, stepS) {
      const data = await call('/api/v1/query_range', promql, queryData, {
        query: promql,
        start: seconds(startMs),
        end: seconds(endMs),
        step: String(stepS),
      });
      if (data.resultType !== 'matrix') {
        throw new PrometheusApiError(
          `Prometheus ${url} (${promql}): a ${data.resultType} range result`,
          'unexpected_result',
          200,
        );
      }
      return data.result.map((s) => ({ metric: s.metric, points: s.values.map(toPoint) }));
    },
    async alerts() {
      const data = await call('/api/v1/alerts', 'alerts', alertsData);
      return data.alerts.map((a) => ({
        name: a.labels['alertname'] ?? '',
        labels: a.labels,
        annotations: a.annotations,
        state: a.state,
        activeAtMs: Date.parse(a.activeAt),
        value: Number(a.value),
      }));
    },
    async rules() {
      return (await call('/api/v1/rules', 'rules', rulesData)).groups;
    },
  };
}
