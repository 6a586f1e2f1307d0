import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatUtc, timeTicks, valueTicks } from './axes';

const at = (iso: string) => Date.parse(iso);

describe('timeTicks', () => {
  test('three days: 6-hour UTC clock labels, each midnight named with its weekday and date', () => {
    const ticks = timeTicks(at('2026-12-04T00:00Z'), at('2026-12-07T00:00Z'), 13);
    assert.deepEqual(
      ticks.slice(0, 5).map((t) => t.label),
      ['00:00', '06:00', '12:00', '18:00', '00:00'],
    );
    assert.equal(ticks[0]!.context, 'Fri Dec 04');
    assert.equal(ticks[4]!.context, 'Sat Dec 05');
    assert.equal(ticks[3]!.context, undefined);
    assert.equal(ticks[3]!.t, at('2026-12-04T18:00Z'));
  });

  test('labels are UTC whatever the offset of the range: 22:30+02:00 is 20:30 UTC', () => {
    const ticks = timeTicks(at('2026-12-04T22:30+02:00'), at('2026-12-05T02:00+02:00'), 4);
    assert.equal(ticks[0]!.label, '21:00');
    assert.equal(ticks[0]!.t, at('2026-12-04T21:00Z'));
  });

  test('a season: weekly ticks on Mondays, the year under the first tick and the new year', () => {
    const ticks = timeTicks(at('2026-12-01T00:00Z'), at('2027-03-01T00:00Z'), 13);
    assert.equal(ticks[0]!.label, 'Dec 07');
    assert.equal(new Date(ticks[0]!.t).getUTCDay(), 1);
    assert.equal(ticks[0]!.context, '2026');
    const jan = ticks.find((t) => t.label === 'Jan 04')!;
    assert.equal(jan.context, '2027');
    assert.ok(ticks.length <= 13);
  });

  test('a year: monthly ticks on the 1st', () => {
    const ticks = timeTicks(at('2026-01-15T00:00Z'), at('2027-01-15T00:00Z'), 13);
    assert.deepEqual(
      ticks.slice(0, 3).map((t) => t.label),
      ['Feb 01', 'Mar 01', 'Apr 01'],
    );
  });

  test('formatUtc', () => assert.equal(formatUtc(at('2026-12-24T19:30+01:00')), '2026-12-24 18:30 UTC'));
});

describe('valueTicks', () => {
  test('rounds the top up to a 1-2-5 step', () => {
    assert.deepEqual(valueTicks(3.6), { top: 4, ticks: [0, 1, 2, 3, 4] });
    assert.deepEqual(valueTicks(0.69, 4), { top: 0.8, ticks: [0, 0.2, 0.4, 0.6, 0.8] });
    assert.deepEqual(valueTicks(0), { top: 1, ticks: [0, 0.5, 1] });
  });
});
