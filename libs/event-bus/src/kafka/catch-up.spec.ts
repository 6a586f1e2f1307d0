import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catchUpTargets } from './catch-up';

// Partition 0 holds offsets 10..19 (retention deleted 0..9); partition 1 is empty and new.
const admin = {
  fetchTopicOffsets: async () => [
    { partition: 0, offset: '20', high: '20', low: '10' },
    { partition: 1, offset: '0', high: '0', low: '0' },
  ],
};
const targets = (committed: string, opts: { placedAt?: string; fromBeginning: boolean }) =>
  catchUpTargets(
    admin,
    [{ topic: 't', partitions: [committed, '-1'].map((offset, partition) => ({ partition, offset, metadata: null })) }],
    opts.placedAt === undefined ? [] : [{ topic: 't', partition: 0, offset: opts.placedAt }],
    () => opts.fromBeginning,
  );
const starts = async (...args: Parameters<typeof targets>) => (await targets(...args)).map((t) => t.start);

test('catch-up targets: each partition ends at its high watermark and starts where the consumer will', async () => {
  assert.deepEqual(
    (await targets('15', { fromBeginning: true })).map((t) => t.end),
    [20, 0],
  );
  assert.deepEqual(await starts('15', { fromBeginning: true }), [15, 0], 'committed');
  assert.deepEqual(await starts('-1', { placedAt: '12', fromBeginning: true }), [12, 0], 'placed by startAt');
  assert.deepEqual(await starts('-1', { fromBeginning: true }), [10, 0], 'new, from the oldest');
  assert.deepEqual(await starts('-1', { fromBeginning: false }), [20, 0], 'new, from the end');
  // A committed offset out of range (deleted by retention, or past the end) resets as for a new group.
  assert.deepEqual(await starts('5', { fromBeginning: true }), [10, 0], 'deleted, from the oldest');
  assert.deepEqual(await starts('5', { fromBeginning: false }), [20, 0], 'deleted, from the end');
  assert.deepEqual(await starts('25', { fromBeginning: true }), [10, 0], 'past the end');
});
