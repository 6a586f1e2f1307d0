import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LeaseStore, RampStore } from '../ports';

export type Coordination = LeaseStore & RampStore;

/** Waits until `check` passes (polling), for lease expiry in real time. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The contract every coordination adapter passes (in-memory and Redis). `make` returns a
 * fresh, isolated store (own key prefix); leases expire in real time, so TTLs here are short.
 */
export function describeCoordinationContract(name: string, make: () => Promise<Coordination>): void {
  describe(`${name} coordination contract`, () => {
    test('a lease is exclusive until released, and tokens grow with each acquisition', async () => {
      const s = await make();
      const a = await s.acquire('z1', 'r1', 5000);
      assert.ok(a);
      assert.equal(await s.acquire('z1', 'r2', 5000), undefined);
      await s.release(a, 'r2'); // not r2's: ignored
      assert.equal(await s.acquire('z1', 'r2', 5000), undefined);
      await s.release(a, 'r1');
      const b = await s.acquire('z1', 'r2', 5000);
      assert.ok(b && b.token > a.token);
    });

    test('an expired lease can be taken over and the old holder can no longer renew or write', async () => {
      const s = await make();
      const old = await s.acquire('z2', 'r1', 150);
      assert.ok(old);
      let taken: Awaited<ReturnType<typeof s.acquire>>;
      await eventually(async () => (taken = await s.acquire('z2', 'r2', 5000)) !== undefined, 2000);
      assert.equal(await s.renew(old, 'r1', 5000), false);
      assert.equal(await s.write(old, 'r1', { ratePerS: 99, atMs: 1 }), false);
      assert.equal(await s.write(taken!, 'r2', { ratePerS: 3, atMs: 2 }), true);
      assert.deepEqual(await s.read('z2'), { ratePerS: 3, atMs: 2 });
    });

    test('renewing keeps a lease alive past its first ttl', async () => {
      const s = await make();
      const lease = await s.acquire('z3', 'r1', 300);
      assert.ok(lease);
      for (let i = 0; i < 4; i++) {
        await new Promise((r) => setTimeout(r, 120));
        assert.equal(await s.renew(lease, 'r1', 300), true);
      }
      assert.equal(await s.acquire('z3', 'r2', 300), undefined);
    });

    test('ramp state is absent until written', async () => {
      const s = await make();
      assert.equal(await s.read('never'), undefined);
    });

    test('heartbeats list live replicas; a replica that leaves or stops beating drops out', async () => {
      const s = await make();
      await s.heartbeat('a', 5000);
      assert.deepEqual([...(await s.heartbeat('b', 150))].sort(), ['a', 'b']);
      await s.leave('a');
      await eventually(async () => (await s.heartbeat('c', 5000)).join() === 'c', 2000);
    });
  });
}
