import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { labelNamesIn, metricNamesIn } from './promql-metrics';

const P99 =
  'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{hunt_service="hunt-api",le="0.3"}[$__rate_interval]))) > bool 1e3';

describe('metricNamesIn', () => {
  test('finds metrics, not functions, keywords, labels, durations or numbers', () => {
    assert.deepEqual(metricNamesIn(P99), ['http_request_duration_seconds_bucket']);
    assert.deepEqual(metricNamesIn('ns:ratio:rate1h > (14.4 * 0.01) and on (namespace) time() - up offset 5m'), [
      'ns:ratio:rate1h',
      'up',
    ]);
  });
});

describe('labelNamesIn', () => {
  test('finds the labels of matchers and of by/on clauses, not label values or metrics', () => {
    assert.deepEqual(labelNamesIn(P99), ['hunt_service', 'le']);
    assert.deepEqual(
      labelNamesIn('max by (namespace, pod) (a{zone!~"x=y",tier != "1"}) / ignoring(tier) group_left b{job=~"j"}'),
      ['zone', 'tier', 'job', 'namespace', 'pod'],
    );
  });
});
