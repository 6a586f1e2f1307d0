import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { pino } from 'pino';
import { createOutageLog } from './outage-log';

/** A real pino logger writing JSON lines into an array. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6390'), { code: 'ECONNREFUSED' });
/** pino writes asynchronously to a stream: let the lines arrive. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('outage log', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  test('a burst of failures of one cause is one line now and one line with the count per interval', async () => {
    const { logger, lines } = capture();
    const log = createOutageLog(logger, { intervalMs: 10_000 });
    for (let i = 0; i < 1000; i++) log.report('redis', refused, 'claim: store unavailable');
    await settle();
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!['msg'], 'claim: store unavailable');
    mock.timers.tick(10_000);
    await settle();
    assert.equal(lines.length, 2);
    assert.equal(lines[1]!['count'], 999);
    assert.match(String(lines[1]!['msg']), /999 more in the last 10 s/);
    const counted = lines.reduce((n, l) => n + (typeof l['count'] === 'number' ? l['count'] : 1), 0);
    assert.equal(counted, 1000, 'every failure is accounted for in the lines');
  });

  test('no stack traces, the error named by type, code and message', async () => {
    const { logger, lines } = capture();
    createOutageLog(logger).report('redis', refused, 'redis down');
    await settle();
    assert.deepEqual(lines[0]!['error'], { type: 'Error', message: refused.message, code: 'ECONNREFUSED' });
    assert.ok(!JSON.stringify(lines).includes('at '), 'no stack frames');
  });

  test('causes are counted apart; a quiet interval ends the window, the next failure logs at once', async () => {
    const { logger, lines } = capture();
    const log = createOutageLog(logger, { intervalMs: 1_000 });
    log.report('redis', refused, 'redis down');
    log.report('kafka', refused, 'kafka down');
    mock.timers.tick(1_000); // nothing more in the interval: no count line
    log.report('redis', refused, 'redis down');
    await settle();
    assert.deepEqual(
      lines.map((l) => [l['cause'], l['count'] ?? null]),
      [
        ['redis', null],
        ['kafka', null],
        ['redis', null],
      ],
    );
  });

  test('flush writes pending counts (shutdown)', async () => {
    const { logger, lines } = capture();
    const log = createOutageLog(logger);
    log.report('kafka', refused, 'publish failed');
    log.report('kafka', refused, 'publish failed');
    log.flush();
    await settle();
    assert.deepEqual(
      lines.map((l) => l['count'] ?? null),
      [null, 1],
    );
  });
});
