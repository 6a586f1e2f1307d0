/**
 * Integration: a real Prometheus (Debian's binary) started by startPrometheus scrapes
 * prom-client endpoints served by this process, evaluates a rule file every second, picks up
 * targets added to its file_sd file while it runs, loads the shipped alerts.yml, and is gone
 * after stop(). Each server runs on a free port from its own state dir, so the shared
 * .infra/prometheus (and anything else on 19090) is never touched.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Gauge, Registry } from 'prom-client';
import { parse } from 'yaml';
import { prometheusClient, PrometheusApiError, SHIPPED_ALERT_RULES, startPrometheus } from './index';
import type { Sample, ScrapeTarget } from './index';
import { HOST, infraDir } from './paths';
import { waitUntil } from './wait';

/** Scrapes and rule evaluations run every second: a few of them bound a wait for a value. */
const SCRAPED = { timeoutMs: 5_000, intervalMs: 200 };
/**
 * A change of the target set takes longer: Prometheus 2.42's discovery and scrape managers each
 * apply updates on a 5 s tick (no flag changes that), so up to 10 s pass before a scrape.
 */
const DISCOVERED = { timeoutMs: 15_000, intervalMs: 250 };

mkdirSync(infraDir, { recursive: true }); // a fresh checkout has no .infra yet
const dir = mkdtempSync(join(infraDir, 'prometheus-test-'));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A /metrics endpoint on 127.0.0.1:<free port> serving `registry`. */
async function serveMetrics(registry: Registry): Promise<{ address: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    void registry.metrics().then((body) => res.setHeader('content-type', registry.contentType).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `${HOST}:${port}`,
    close: () => {
      server.closeAllConnections(); // Prometheus keeps its scrape connection alive
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function gaugeOn(registry: Registry): Gauge {
  return new Gauge({ name: 'treasure_test_depth', help: 'a value the test sets', registers: [registry] });
}

/** Polls `read` (bounded) until `holds`; fails with the last value it read. */
async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  holds: (v: T) => boolean,
  bound = SCRAPED,
): Promise<T> {
  let last: T | undefined;
  const res = await waitUntil(async () => holds((last = await read())), bound);
  assert.ok(res.ok, `${what}: ${res.ok ? '' : res.reason}; last saw ${JSON.stringify(last)}`);
  return last!;
}

const values = (samples: Sample[]) => samples.map((s) => s.value);

const registryA = new Registry();
const gaugeA = gaugeOn(registryA);
gaugeA.set(7);
const targetA = await serveMetrics(registryA);
const labelsA = { hunt_service: 'hunt-api', pod: 'hunt-api-a', namespace: 'prom-it' };

const rulesFile = join(dir, 'test-rules.yml');
writeFileSync(
  rulesFile,
  `groups:
  - name: prom-it
    rules:
      - alert: TreasureTestDepthHigh
        expr: max by (pod) (treasure_test_depth) > 10
        labels:
          severity: test
`,
);

const prom = await startPrometheus({
  dir: join(dir, 'server'),
  port: await freePort(),
  ruleFiles: [rulesFile],
  targets: [{ address: targetA.address, labels: labelsA }],
});
after(async () => {
  await prom.stop();
  await targetA.close();
  rmSync(dir, { recursive: true, force: true });
});
const api = prometheusClient({ url: prom.url });

void test('scrapes a target every second: the value set, then the new one, with the target labels', async () => {
  const byPod = () => api.query(`treasure_test_depth{pod="${labelsA.pod}"}`);
  const [first] = await eventually('first scrape', byPod, (s) => values(s).join() === '7', DISCOVERED);
  assert.deepEqual(first!.metric, {
    __name__: 'treasure_test_depth',
    ...labelsA,
    job: 'hunt',
    instance: targetA.address,
  });
  gaugeA.set(42);
  await eventually('the changed value', byPod, (s) => values(s).join() === '42');
});

void test('an alert fires while the gauge is over the threshold and resolves after', async () => {
  const ours = async () => (await api.alerts()).filter((a) => a.name === 'TreasureTestDepthHigh');
  const scraped = (v: number) =>
    eventually(
      `${v} scraped`,
      () => api.query(`treasure_test_depth{pod="${labelsA.pod}"}`),
      (s) => values(s).join() === String(v),
    );
  gaugeA.set(3);
  await scraped(3);
  await eventually('no alert below the threshold', ours, (a) => a.length === 0);
  gaugeA.set(20);
  // No `for`: the first evaluation that sees 20 fires it.
  const [alert] = await eventually('alert firing', ours, (a) => a.some((x) => x.state === 'firing' && x.value === 20));
  assert.deepEqual(alert!.labels, { alertname: 'TreasureTestDepthHigh', pod: labelsA.pod, severity: 'test' });
  assert.ok(
    Date.now() - alert!.activeAtMs < SCRAPED.timeoutMs,
    `activeAt ${new Date(alert!.activeAtMs).toISOString()}`,
  );
  gaugeA.set(1);
  await eventually('alert resolved', ours, (a) => a.length === 0);
});

void test('a target added through the file_sd file is scraped, and dropped when removed', async () => {
  const registryB = new Registry();
  registryB.setDefaultLabels({ hunt_service: 'loot-service' }); // as the apps do: it beats the target's label
  gaugeOn(registryB).set(5);
  const targetB = await serveMetrics(registryB);
  try {
    const b: ScrapeTarget = {
      address: targetB.address,
      labels: { hunt_service: 'from-target', pod: 'loot-b', namespace: 'prom-it' },
    };
    prom.setTargets([{ address: targetA.address, labels: labelsA }, b]);
    const [series] = await eventually(
      'series of the added target',
      () => api.query('treasure_test_depth{pod="loot-b"}'),
      (s) => s.length === 1,
      DISCOVERED,
    );
    assert.equal(series!.value, 5);
    assert.equal(series!.metric['hunt_service'], 'loot-service');
    assert.deepEqual(values(await api.query('count(up == 1)')), [2]);

    prom.setTargets([{ address: targetA.address, labels: labelsA }]);
    // Once the scrape manager drops the target, its series get staleness markers: instant
    // queries stop returning them at once, not after the 5 min lookback.
    await eventually(
      'removed target gone',
      () => api.query('up{pod="loot-b"}'),
      (s) => s.length === 0,
      DISCOVERED,
    );
  } finally {
    await targetB.close();
  }
});

void test('queryRange returns the samples of each second; a bad query names itself and the cause', async () => {
  const end = Date.now();
  const [series] = await api.queryRange(`treasure_test_depth{pod="${labelsA.pod}"}`, end - 3_000, end, 1);
  const times = (series?.points ?? []).map((p) => p.timeMs);
  assert.deepEqual(times, [end - 3_000, end - 2_000, end - 1_000, end]);

  await assert.rejects(api.query('sum(treasure_test_depth'), (err: unknown) => {
    assert.ok(err instanceof PrometheusApiError);
    assert.equal(err.errorType, 'bad_data');
    assert.equal(err.httpStatus, 400);
    assert.match(err.message, /\(sum\(treasure_test_depth\): HTTP 400 bad_data: .*parse error/);
    return true;
  });
});

void test('starting again from the same dir with the same settings reuses the server', async () => {
  const again = await startPrometheus({ dir: prom.dir, port: Number(new URL(prom.url).port), ruleFiles: [rulesFile] });
  assert.equal(again.outcome, 'reused');
  assert.equal(again.pid, prom.pid);
  // No `targets` given: the file, and so the scraped target, stay as they were.
  assert.deepEqual(values(await api.query('count(up)')), [1]);
});

void test('a port another server holds is a clear InfraError, and nothing is left running', async () => {
  const port = Number(new URL(prom.url).port);
  await assert.rejects(startPrometheus({ dir: join(dir, 'other'), port, ruleFiles: [rulesFile] }), {
    name: 'InfraError',
    message: new RegExp(`a Prometheus not started from .*/other already serves http://127.0.0.1:${port}`),
  });
  // Something that is no Prometheus (hangs up at once): ours starts, fails to bind, and says so.
  const squatter = createNetServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => squatter.listen(0, HOST, resolve));
  try {
    const taken = (squatter.address() as { port: number }).port;
    await assert.rejects(startPrometheus({ dir: join(dir, 'other'), port: taken, ruleFiles: [rulesFile] }), {
      name: 'InfraError',
      message: /is not ready: prometheus exited\.[^]*address already in use/,
    });
    assert.deepEqual(processesWith(join(dir, 'other', 'prometheus.yml')), []);
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
  }
});

void test('the shipped deploy/prometheus/alerts.yml loads: every group listed, every rule healthy', async () => {
  const shipped = parse(readFileSync(SHIPPED_ALERT_RULES, 'utf8')) as { groups: { name: string; rules: unknown[] }[] };
  const where = { dir: join(dir, 'shipped'), port: await freePort(), targets: [] };
  const before = await startPrometheus({ ...where, ruleFiles: [rulesFile] });
  const server = await startPrometheus(where); // other rule files: a restart, not a reuse
  try {
    assert.equal(server.outcome, 'started');
    assert.deepEqual(processesWith(join(where.dir, 'prometheus.yml')), [server.pid]);
    assert.notEqual(server.pid, before.pid);
    const groups = await eventually(
      'every rule evaluated',
      () => prometheusClient({ url: server.url }).rules(),
      (g) => g.length > 0 && g.every((x) => x.rules.every((r) => r.health !== 'unknown')),
    );
    assert.deepEqual(
      groups.map((g) => [g.name, g.rules.length]).sort(),
      shipped.groups.map((g) => [g.name, g.rules.length]).sort(),
    );
    const unhealthy = groups.flatMap((g) => g.rules.filter((r) => r.health !== 'ok'));
    assert.deepEqual(unhealthy, []);
    assert.ok(groups.every((g) => g.file === SHIPPED_ALERT_RULES));
  } finally {
    await server.stop();
  }
});

/** Pids of live processes whose command line mentions `text` (zombies have none). */
function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // exited meanwhile
      }
    })
    .map(Number);
}

void test('stop() leaves no process behind and frees the port', async () => {
  const conf = join(prom.dir, 'prometheus.yml');
  assert.deepEqual(processesWith(conf), [prom.pid]);
  await prom.stop();
  assert.deepEqual(processesWith(conf), []);
  await eventually(
    'the child reaped',
    async () => existsSync(`/proc/${prom.pid}`),
    (alive) => !alive,
  );
  assert.equal(existsSync(join(prom.dir, 'prometheus.pid')), false);
  await assert.rejects(fetch(`${prom.url}/-/ready`), /fetch failed/);
  await prom.stop(); // twice is fine
});
