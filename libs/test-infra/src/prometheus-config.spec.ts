import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { fileSdJson, prometheusYaml } from './prometheus-config';

void test('prometheus.yml: 1 s scrape and evaluation, the given rule files, one file_sd job', () => {
  const yml = prometheusYaml({ ruleFiles: ['/r/a.yml', '/r/"b".yml'], targetsFile: '/s/targets.json', job: 'hunt' });
  assert.deepEqual(parse(yml), {
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    rule_files: ['/r/a.yml', '/r/"b".yml'],
    scrape_configs: [
      {
        job_name: 'hunt',
        honor_labels: true,
        file_sd_configs: [{ files: ['/s/targets.json'], refresh_interval: '5s' }],
      },
    ],
  });
  const none = parse(prometheusYaml({ ruleFiles: [], targetsFile: '/t.json', job: 'j' })) as { rule_files: unknown };
  assert.deepEqual(none.rule_files, []);
});

void test('file_sd: one group per target with its labels; metricsPath becomes __metrics_path__', () => {
  const json = fileSdJson([
    { address: '127.0.0.1:9464', labels: { hunt_service: 'hunt-api', pod: 'a' } },
    { address: 'localhost:9465', metricsPath: '/internal/metrics' },
  ]);
  assert.deepEqual(JSON.parse(json), [
    { targets: ['127.0.0.1:9464'], labels: { hunt_service: 'hunt-api', pod: 'a' } },
    { targets: ['localhost:9465'], labels: { __metrics_path__: '/internal/metrics' } },
  ]);
  assert.deepEqual(JSON.parse(fileSdJson([])), []);
});

void test('file_sd: every bad address, label name and path is reported at once', () => {
  assert.throws(
    () =>
      fileSdJson([
        { address: 'http://127.0.0.1:9464' },
        { address: '127.0.0.1:1', labels: { 'pod-name': 'x', __scheme__: 'https' } },
        { address: '127.0.0.1:2', metricsPath: 'metrics' },
      ]),
    (err: unknown) => {
      assert.ok(err instanceof TypeError);
      assert.equal(
        err.message,
        [
          'bad scrape targets:',
          '  target 0 (http://127.0.0.1:9464): address must be host:port',
          "  target 1 (127.0.0.1:1): bad label name 'pod-name'",
          "  target 1 (127.0.0.1:1): bad label name '__scheme__'",
          "  target 2 (127.0.0.1:2): metricsPath must start with '/'",
        ].join('\n'),
      );
      return true;
    },
  );
});
