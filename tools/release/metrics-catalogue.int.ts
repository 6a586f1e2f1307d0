import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { TREASURE_SPAWNED_TOPIC } from '@hunt/contracts';
import { waitFor } from '@hunt/event-bus/testing';
import { startAppProcess, testDeployment, type AppProcess } from '@hunt/service-kit/testing';
import { APPS } from './apps';
import { REPO_ROOT } from './identity';
import { TEST_APP_ENV } from './testing/app-env';
import { baseMetricName, labelNamesIn, metricNamesIn } from './promql-metrics';

interface Dashboard {
  panels: { title: string; targets?: { expr: string }[] }[];
  templating: { list: { query?: unknown }[] };
}
interface RuleFile {
  groups: { rules: { record?: string; alert?: string; expr: string }[] }[];
}

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const dashboard = JSON.parse(read('deploy/grafana/hunt-overview.json')) as Dashboard;
const rules = (parseDocument(read('deploy/prometheus/alerts.yml')).toJS() as RuleFile).groups.flatMap((g) => g.rules);
const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));

/** Every query in deploy/, as [where, expr]. */
const queries: [string, string][] = [
  ...dashboard.panels.flatMap((p) =>
    (p.targets ?? []).map((t) => [`dashboard "${p.title}"`, t.expr] as [string, string]),
  ),
  ...dashboard.templating.list.flatMap((v) =>
    typeof v.query === 'string' && v.query.startsWith('label_values(')
      ? [['dashboard variable', v.query.replace(/^label_values\(([^,)]+).*$/, '$1')] as [string, string]]
      : [],
  ),
  ...rules.map((r) => [`rule ${r.alert ?? r.record}`, r.expr] as [string, string]),
];

const scope = testDeployment('test-metrics-catalogue');

describe('every metric that deploy/ queries is exported', () => {
  const apps: AppProcess[] = [];
  /** Metric name -> the app whose /metrics declares it. */
  const exportedBy = new Map<string, string>();

  before(async () => {
    for (const { name } of APPS) {
      const app = await startAppProcess(join(REPO_ROOT, 'apps', name, 'src/main.ts'), {
        ...scope.env,
        ...TEST_APP_ENV[name],
      });
      apps.push(app);
      const text = await (await fetch(`http://127.0.0.1:${app.httpPort}/metrics`)).text();
      const declared = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!);
      assert.ok(declared.length > 0, `${name}: /metrics declares no metric`);
      for (const metric of declared) exportedBy.set(metric, name);
    }
  });
  after(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await scope.cleanup();
  });

  test('the services export the config metrics the alerts and dashboard rely on', () => {
    for (const name of ['static_mesh_config_info', 'static_mesh_last_update_timestamp', 'config_staleness_seconds']) {
      assert.ok(exportedBy.has(name), `${name} is not exported`);
    }
  });

  test('each query names only exported or recorded metrics', () => {
    assert.ok(queries.length > 15, `only ${queries.length} queries found`);
    const unknown = queries.flatMap(([where, expr]) =>
      metricNamesIn(expr)
        .filter((n) => !recorded.has(n) && !exportedBy.has(baseMetricName(n)))
        .map((n) => `${where}: ${n}`),
    );
    assert.deepEqual(unknown, [], 'export them from an app (or drop the query)');
  });

  // The apps label their series `hunt_service`; `service` (and `exported_service`) is whatever
  // the scrape setup puts there: the Operator's Kubernetes Service, or nothing at all.
  test('no query reads the `service` label', () => {
    const uses = queries.filter(([, expr]) => labelNamesIn(expr).some((l) => /^(exported_)?service$/.test(l)));
    assert.deepEqual(uses, [], 'select the app by hunt_service');
  });

  // kafka_consumer_lag is refreshed off the scrape path (every 5 s): its series come a refresh
  // after the subscription. Group and topic are the broker's names, with the deployment prefix.
  test('the loot-service and the hunt API export the lag of their own consumer groups', async () => {
    const lagLabels = async (app: string) => {
      const { httpPort } = apps[APPS.findIndex((a) => a.name === app)]!;
      const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
      return [...text.matchAll(/^kafka_consumer_lag\{([^}]*)\} \d+$/gm)].map((m) => m[1]!);
    };
    const spawned = `topic="${scope.prefix}.${TREASURE_SPAWNED_TOPIC}"`;
    for (const [app, group] of [
      ['loot-service', `group="${scope.prefix}.loot-service"`],
      ['hunt-api', `group="${scope.prefix}.hunt-api-nearby-`],
    ] as const) {
      await waitFor(`${app}: the lag of its group on ${spawned}`, async () =>
        (await lagLabels(app)).some((l) => l.includes(group) && l.includes(spawned) && /partition="\d+"/.test(l)),
      );
    }
  });
});
