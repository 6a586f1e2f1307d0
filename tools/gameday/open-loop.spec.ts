import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { runOpenLoop, type PlannedRequest } from './open-loop';

/** A loopback server answering after `delayMs`, or holding every answer until the gate opens. */
let server: Server;
let base: string;
let delayMs = 20;
let gate: Promise<void> = Promise.resolve();
before(async () => {
  server = createServer((req, res) => {
    void gate.then(() =>
      setTimeout(() => {
        res.writeHead(req.url === '/busy' ? 429 : 200, { 'content-type': 'application/json' });
        res.end(req.url === '/busy' ? '{"error":{"code":"HUNT_ERR_RATE_LIMITED"}}' : '{}');
      }, delayMs),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (route: string): PlannedRequest => ({
  route,
  async send(signal) {
    const res = await fetch(`${base}${route}`, { signal });
    const body = (await res.json()) as { error?: { code?: string } };
    return { status: res.status, code: body.error?.code };
  },
});

test('sends at the fixed rate and measures from the intended send time, per route and outcome', async () => {
  delayMs = 20;
  gate = Promise.resolve();
  const seconds = await runOpenLoop({
    ratePerS: 200,
    durationMs: 2000,
    maxInFlight: 500,
    timeoutMs: 2000,
    next: (i) => get(i % 4 === 0 ? '/busy' : '/ok'),
  });
  assert.deepEqual(
    seconds.map((s) => [s.intended, s.shed]),
    [
      [200, 0],
      [200, 0],
    ],
  );
  const ok = seconds[1]!.routes.get('/ok')!;
  assert.equal(ok.count, 150);
  assert.deepEqual([...ok.outcomes], [['200', 150]]);
  assert.deepEqual([...seconds[1]!.routes.get('/busy')!.outcomes], [['429 HUNT_ERR_RATE_LIMITED', 50]]);
  // A lower bound only: the answer cannot come before the server's delay (speed is for benchmarks).
  assert.ok(ok.p50Ms >= 20, `p50 ${ok.p50Ms} ms for a 20 ms server`);
});

test('a stall shows in every request due during it (no coordinated omission)', async () => {
  delayMs = 1;
  let open = () => {};
  // Answers are held from the start until 600 ms: a request due at t waits about 600 - t ms.
  gate = new Promise<void>((resolve) => (open = resolve));
  setTimeout(() => open(), 600);
  const [first] = await runOpenLoop({
    ratePerS: 100,
    durationMs: 1000,
    maxInFlight: 1000,
    timeoutMs: 5000,
    next: () => get('/ok'),
  });
  const r = first!.routes.get('/ok')!;
  assert.equal(r.count, 100);
  // The first request waited the whole stall; the median one (due at ~500 ms) about 100 ms.
  assert.ok(r.maxMs >= 550, `max ${r.maxMs} ms`);
  assert.ok(r.p50Ms >= 60, `p50 ${r.p50Ms} ms: the requests due during the stall carry it`);
});

test('beyond maxInFlight requests are shed and counted, and unanswered ones time out', async () => {
  delayMs = 1;
  gate = new Promise<void>(() => {}); // never answers
  const seconds = await runOpenLoop({
    ratePerS: 100,
    durationMs: 500,
    maxInFlight: 10,
    timeoutMs: 300,
    next: () => get('/ok'),
  });
  const [s] = seconds;
  assert.equal(s!.intended, 50);
  const sent = s!.routes.get('/ok')!;
  assert.equal(sent.count + s!.shed, 50);
  assert.ok(s!.shed >= 20, `${s!.shed} shed`);
  assert.deepEqual([...sent.outcomes.keys()], ['timeout']);
  assert.ok(sent.p50Ms >= 300);
});

test('an aborted run sends nothing due after the abort and still waits for what it sent', async () => {
  delayMs = 20;
  gate = Promise.resolve();
  const stop = new AbortController();
  let sent = 0;
  const run = runOpenLoop({
    ratePerS: 100,
    durationMs: 60_000,
    maxInFlight: 500,
    timeoutMs: 2000,
    signal: stop.signal,
    next: () => {
      sent++;
      if (sent === 50) stop.abort();
      return get('/ok');
    },
  });
  const seconds = await run;
  const answered = seconds.reduce((n, s) => n + (s.routes.get('/ok')?.count ?? 0), 0);
  assert.equal(sent, 50);
  assert.equal(answered, 50);
});

test('requests slower than the SLO, 5xx or unanswered are counted as SLO misses, once each', async () => {
  delayMs = 60;
  gate = Promise.resolve();
  const misses = async (sloMs: number) => {
    const [first] = await runOpenLoop({
      ratePerS: 50,
      durationMs: 1000,
      maxInFlight: 500,
      timeoutMs: 2000,
      sloMs,
      next: () => get('/ok'),
    });
    return [first!.routes.get('/ok')!.count, first!.routes.get('/ok')!.sloMisses];
  };
  assert.deepEqual(await misses(40), [50, 50], 'every answer took >= 60 ms against a 40 ms SLO');
  assert.deepEqual(await misses(1000), [50, 0]);
});
