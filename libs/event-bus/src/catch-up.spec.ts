import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trackCatchUp } from './catch-up';

test('trackCatchUp: pending until a partition consumed up to its end; a partition another member took drops out', () => {
  const catchUp = trackCatchUp([
    { topic: 'a', partition: 0, start: 0, end: 3 },
    { topic: 'a', partition: 1, start: 5, end: 5 },
    { topic: 'b', partition: 0, start: 0, end: 2 },
  ]);
  assert.equal(catchUp.caughtUp(), false);
  catchUp.consumed('a', 0, 2);
  catchUp.consumed('b', 0, 9);
  assert.equal(catchUp.caughtUp(), false, 'a/0 has one message left');
  catchUp.retain({ a: [1], b: [0] });
  assert.equal(catchUp.caughtUp(), true, 'a/0 went to another member');
  catchUp.retain({ a: [0, 1], b: [0] });
  catchUp.consumed('a', 0, 0);
  assert.equal(catchUp.caughtUp(), true, 'stays caught up');
});
