import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lootAwardedV1 } from '@hunt/contracts';
import { awardEvent } from '../award-event';
import type { OutboxReadOptions, TreasureStore } from '../port';
import { claimOf, makeTreasure, T0, TEST_CONFIG_VERSION } from './fixtures';

const HOLD = 60_000; // long enough that nothing is taken over by accident

/** Reads and acks until empty, so a test sees only its own entries in the shared store. */
async function drain(store: TreasureStore): Promise<void> {
  for (;;) {
    const entries = await store.outbox.read({ consumer: 'drain', limit: 1000, reclaimIdleMs: 0 });
    if (entries.length === 0) return;
    await store.outbox.ack(entries.map((e) => e.id));
  }
}

async function win(store: TreasureStore, shardId: string, player: string, nowMs = T0 + 1000) {
  const t = makeTreasure({ shardId });
  await store.materialise(t, T0);
  const outcome = await store.claim(claimOf(t, player, nowMs));
  assert.equal(outcome.kind, 'won');
  return outcome.kind === 'won' ? outcome.award : assert.fail('not won');
}

/** The AwardOutbox part of the TreasureStore contract (called inside describeTreasureStoreContract). */
export function describeOutboxContract(store: () => TreasureStore): void {
  const read = (o: Partial<OutboxReadOptions> & { consumer: string }) =>
    store().outbox.read({ limit: 100, reclaimIdleMs: HOLD, ...o });

  test('outbox: a win appends its loot-awarded event once; replays and rejections append nothing', async () => {
    await drain(store());
    const t = makeTreasure({ shardId: 'o1' });
    await store().materialise(t, T0);
    assert.equal((await store().claim({ ...claimOf(t, 'o-a'), lat: 10.2 })).kind, 'rejected');
    const won = await store().claim(claimOf(t, 'o-b', T0 + 1234));
    await store().claim(claimOf(t, 'o-b', T0 + 2000));
    await store().claim(claimOf(t, 'o-b', T0 + 3000));
    assert.equal((await store().claim(claimOf(t, 'o-c'))).kind, 'rejected');
    assert.equal(won.kind, 'won');
    if (won.kind !== 'won') return;
    const entries = await read({ consumer: 'a' });
    assert.equal(entries.length, 1);
    const [e] = entries;
    assert.deepEqual(
      { shardId: e!.shardId, configVersion: e!.configVersion, appendedAtMs: e!.appendedAtMs },
      { shardId: 'o1', configVersion: TEST_CONFIG_VERSION, appendedAtMs: T0 + 1234 },
    );
    assert.deepEqual(lootAwardedV1.parse(JSON.parse(e!.event)), awardEvent(won.award));
  });

  test('outbox: unacked entries come back to their consumer in order until acked; stats', async () => {
    await drain(store());
    assert.deepEqual(await store().outbox.stats(), { depth: 0, oldestAppendedAtMs: null });
    const awards = [
      await win(store(), 'o2', 'o-d', T0 + 1000),
      await win(store(), 'o3', 'o-e', T0 + 2000),
      await win(store(), 'o2', 'o-f', T0 + 3000),
    ];
    assert.deepEqual(await store().outbox.stats(), { depth: 3, oldestAppendedAtMs: T0 + 1000 });
    const first = await read({ consumer: 'a', limit: 2 });
    const ids = (es: { event: string }[]) =>
      es.map((e) => (JSON.parse(e.event) as { treasure_id: string }).treasure_id);
    assert.deepEqual(ids(first), ids(awards.slice(0, 2).map((a) => ({ event: JSON.stringify(awardEvent(a)) }))));
    assert.deepEqual(await read({ consumer: 'a', limit: 2 }), first, 'a failed publish is retried');
    await store().outbox.ack(first.map((e) => e.id));
    assert.deepEqual(await store().outbox.stats(), { depth: 1, oldestAppendedAtMs: T0 + 3000 });
    const rest = await read({ consumer: 'a' });
    assert.deepEqual(ids(rest), [awards[2]!.treasureId]);
    await store().outbox.ack([...rest.map((e) => e.id), ...first.map((e) => e.id)]);
    assert.deepEqual(await read({ consumer: 'a' }), []);
    assert.deepEqual(await store().outbox.stats(), { depth: 0, oldestAppendedAtMs: null });
  });

  test('outbox: entries a consumer left unacked are taken over after reclaimIdleMs (a restart)', async () => {
    await drain(store());
    const award = await win(store(), 'o4', 'o-g');
    const held = await read({ consumer: 'crashed' });
    assert.equal(held.length, 1);
    assert.deepEqual(await read({ consumer: 'restarted' }), [], 'held by a live consumer');
    const taken = await read({ consumer: 'restarted', reclaimIdleMs: 0 });
    assert.deepEqual(taken, held);
    assert.equal((JSON.parse(taken[0]!.event) as { treasure_id: string }).treasure_id, award.treasureId);
    await store().outbox.ack(taken.map((e) => e.id));
    assert.deepEqual(await read({ consumer: 'crashed', reclaimIdleMs: 0 }), []);
  });
}
