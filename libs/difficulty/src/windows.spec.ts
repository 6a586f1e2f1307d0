import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileWindows, minuteOfWeek } from './windows';

test('minuteOfWeek counts from Monday 00:00 UTC', () => {
  assert.equal(minuteOfWeek(Date.parse('2026-11-30T00:00:00Z') / 60_000), 0); // a Monday
  assert.equal(minuteOfWeek(Date.parse('2026-12-06T23:59:00Z') / 60_000), 7 * 1440 - 1);
  assert.equal(minuteOfWeek(Date.parse('1969-12-29T00:01:00Z') / 60_000), 1); // before the epoch
});

test('a window past Sunday midnight continues into Monday', () => {
  const t = compileWindows(
    [{ name: 'late', days: ['sun'], start: '23:00', duration: '2h', spawn_rate: 2, loot_multiplier: 1 }],
    4,
  );
  assert.equal(t.spawn[7 * 1440 - 1], 2);
  assert.equal(t.spawn[59], 2);
  assert.equal(t.spawn[60], 1);
});
