import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Registry } from 'prom-client';
import { CONSUMER_LAG_METRIC, exportConsumerLag, startLagRefresher, type LagSample } from './consumer-lag';
import { waitFor } from './testing/wait-for';

const sample = (lag: number): LagSample => ({ group: 'g', topic: 't', partition: 0, lag });

/** A read the test answers: each call waits for `answer` (a value, or an error to throw). */
function scriptedRead() {
  const calls: { resolve: (v: readonly LagSample[]) => void; reject: (e: unknown) => void }[] = [];
  let answered = 0;
  return {
    read: () => new Promise<readonly LagSample[]>((resolve, reject) => calls.push({ resolve, reject })),
    calls: () => calls.length,
    async answer(value: readonly LagSample[] | Error) {
      const n = answered++;
      const call = await waitFor(`read ${n + 1}`, () => calls[n]);
      if (value instanceof Error) call.reject(value);
      else call.resolve(value);
    },
    /** Closes `refresher` while its next read is in flight (close awaits it), answering that read. */
    async closeDuringRead(refresher: { close(): Promise<void> }) {
      await waitFor('the next read', () => calls.length > answered);
      const closing = refresher.close();
      await this.answer([]);
      await closing;
    },
  };
}

describe('startLagRefresher', () => {
  test('keeps the last values through failed reads, clears them once none succeeded for 60 s', async () => {
    const clock = { ms: 0 };
    const errors: unknown[] = [];
    const script = scriptedRead();
    const refresher = startLagRefresher({
      read: script.read,
      intervalMs: 1,
      onError: (e) => errors.push(e),
      now: () => clock.ms,
    });
    await script.answer([sample(7)]);
    await waitFor('the first values', () => refresher.latest().length === 1);
    clock.ms = 60_000;
    await script.answer(new Error('broker down'));
    await waitFor('the failure reported', () => errors.length === 1);
    assert.deepEqual(refresher.latest(), [sample(7)]);
    clock.ms = 60_001;
    await script.answer(new Error('broker down'));
    await waitFor('the second failure reported', () => errors.length === 2);
    assert.deepEqual(refresher.latest(), []);
    await script.answer([sample(3)]);
    await waitFor('values again', () => refresher.latest().length === 1);
    await script.closeDuringRead(refresher);
  });

  test('one read at a time; close awaits it and no read starts afterwards', async () => {
    const script = scriptedRead();
    const refresher = startLagRefresher({ read: script.read, intervalMs: 5, onError: () => {} });
    await waitFor('the first read', () => script.calls() === 1);
    const closing = refresher.close();
    let closed = false;
    void closing.then(() => (closed = true));
    // A second refresher with the same interval as a clock: its reads prove time passed.
    const control = scriptedRead();
    const clock = startLagRefresher({ read: control.read, intervalMs: 5, onError: () => {} });
    for (let i = 0; i < 3; i++) await control.answer([]);
    assert.equal(script.calls(), 1, 'no read beside the one in flight');
    assert.equal(closed, false, 'close() awaits the read in flight');
    await script.answer([sample(1)]);
    await closing;
    for (let i = 0; i < 3; i++) await control.answer([]);
    assert.equal(script.calls(), 1, 'no read after close()');
    assert.deepEqual(refresher.latest(), []);
    await control.closeDuringRead(clock);
  });
});

describe('exportConsumerLag', () => {
  test('buses sharing a registry share its one gauge; a removed source leaves it', async () => {
    const registry = new Registry();
    const removeA = exportConsumerLag(registry, () => [sample(2)]);
    exportConsumerLag(registry, () => [{ group: 'h', topic: 't', partition: 1, lag: 5 }]);
    const read = async () => (await registry.getSingleMetric(CONSUMER_LAG_METRIC)!.get()).values;
    assert.deepEqual(
      (await read()).map((v) => [v.labels, v.value]),
      [
        [{ group: 'g', topic: 't', partition: '0' }, 2],
        [{ group: 'h', topic: 't', partition: '1' }, 5],
      ],
    );
    removeA();
    assert.deepEqual(
      (await read()).map((v) => v.labels['group']),
      ['h'],
    );
    assert.match(await registry.metrics(), /^# TYPE kafka_consumer_lag gauge$/m);
  });
});
