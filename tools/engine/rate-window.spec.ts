import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRateWindow } from './rate-window';

const START = 1_800_000_000_000;

/** Timestamps of a steady `perS` stream from `fromMs` for `forMs`, each jittered by up to ±2 ms. */
function steady(perS: number, fromMs: number, forMs: number): number[] {
  const out: number[] = [];
  for (let t = fromMs; t < fromMs + forMs; t += 1000 / perS) out.push(t + (Math.random() - 0.5) * 4);
  return out;
}

test('a steady 306/s delivered in alternating batches of 200 and 400 reads 306 ± 2 %', () => {
  const window = createRateWindow({ startMs: START });
  const events = steady(306, START, 20_000);
  const readings: number[] = [];
  for (let i = 0, size = 200; i < events.length; i += size, size = size === 200 ? 400 : 200) {
    const batch = events.slice(i, i + size);
    for (const t of batch) window.add(t);
    // Delivered a little after the batch's last event; read as the summary would, then.
    const deliveredAt = batch.at(-1)! + 30;
    if (deliveredAt > START + 7000) readings.push(window.perSecond(deliveredAt)!);
  }
  assert.ok(readings.length > 10);
  for (const r of readings) assert.ok(Math.abs(r - 306) <= 306 * 0.02, `read ${r}/s`);
});

test('the rate divides by the span covered so far, not the whole window, while warming up', () => {
  const window = createRateWindow({ startMs: START });
  for (const t of steady(306, START, 2500)) window.add(t);
  const rate = window.perSecond(START + 2500)!; // covers the 1.5 s that have settled
  assert.ok(Math.abs(rate - 306) <= 306 * 0.02, `read ${rate}/s`);
  assert.equal(createRateWindow({ startMs: START }).perSecond(START + 500), undefined);
});

test('old events fall out of the window, and events older than the ring are not counted', () => {
  const window = createRateWindow({ startMs: START, windowMs: 5000, settleMs: 1000 });
  for (const t of steady(1000, START, 10_000)) window.add(t);
  assert.ok(window.perSecond(START + 10_000)! > 900);
  assert.equal(window.perSecond(START + 16_100), 0);
  window.add(START + 20_000);
  window.add(START + 9000); // delivered 11 s late: outside every window still computable
  assert.equal(window.perSecond(START + 21_100)! * 5, 1);
  window.add(START - 1); // before counting began
  assert.equal(window.perSecond(START + 21_100)! * 5, 1);
});

test('memory is the fixed ring whatever the rate: 10,000 events/s for a minute', () => {
  const window = createRateWindow({ startMs: START, windowMs: 5000, settleMs: 1000, bucketMs: 100 });
  assert.equal(window.slots, 61);
  for (let ms = 0; ms < 60_000; ms++) window.add(START + ms, 10);
  assert.equal(window.slots, 61);
  assert.equal(window.perSecond(START + 60_000), 10_000);
});

test('windows that are not whole buckets are refused', () => {
  assert.throws(() => createRateWindow({ startMs: START, windowMs: 5050 }), RangeError);
  assert.throws(() => createRateWindow({ startMs: START, settleMs: 30 }), RangeError);
});
