import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { metricNamesIn } from './promql-metrics';

describe('metricNamesIn', () => {
  test('finds metrics, not functions, keywords, labels, durations or numbers', () => {
    assert.deepEqual(
      metricNamesIn(
        'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="hunt-api",le="0.3"}[$__rate_interval]))) > bool 1e3',
      ),
      ['http_request_duration_seconds_bucket'],
    );
    assert.deepEqual(metricNamesIn('ns:ratio:rate1h > (14.4 * 0.01) and on (namespace) time() - up offset 5m'), [
      'ns:ratio:rate1h',
      'up',
    ]);
  });
});
