import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../http/errors';
import { buildTestHuntApp, createScriptedLoot } from '../testing/test-app';

const ZONE = 'old-town';
const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;
const LISTED = '01JF00000000000000000000A1';
const NEVER = '01JF00000000000000000000N1';
const GONE = '01JF00000000000000000000G1';
const EXPIRED = '01JF00000000000000000000E1';

/** A claim of a treasure this API lists while the loot-service does not know it (it lags). */
describe('claiming a listed treasure that loot does not know yet', () => {
  async function setup() {
    const loot = createScriptedLoot({ [EXPIRED]: new ApiError('expired') });
    const ctx = await buildTestHuntApp({ loot });
    const add = (id: string, expiresInMs: number) =>
      ctx.deps.index.add(
        {
          id,
          zoneId: ZONE,
          shardId: '871f1d489ffffff',
          lat: 1,
          lng: 1,
          tier: 'common',
          expiresAtMs: ctx.nowMs + expiresInMs,
        },
        ctx.nowMs,
      );
    const claim = (id: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/v1/treasures/${id}/claim`,
        headers: ctx.auth('p1'),
        payload: { lat: 1, lng: 1 },
      });
    const counted = async () =>
      (await ctx.deps.registry.getSingleMetric('hunt_claims_listed_unknown_total')!.get()).values[0]?.value ?? 0;
    return { ...ctx, loot, add, claim, counted };
  }

  test('is a retryable 503 HUNT_ERR_TREASURE_PENDING with Retry-After, never a 404, and is counted', async () => {
    const { add, claim, counted } = await setup();
    add(LISTED, 60_000);
    const res = await claim(LISTED);
    assert.equal(res.statusCode, 503, res.body);
    assert.equal(res.headers['retry-after'], '1');
    assert.equal(codeOf(res), 'HUNT_ERR_TREASURE_PENDING');
    assert.equal(await counted(), 1);
    await claim(LISTED);
    assert.equal(await counted(), 2, 'every such answer is counted');
  });

  test('a treasure this API never listed, or no longer lists, stays a 404 and is not counted', async () => {
    const { add, claim, counted, deps, nowMs } = await setup();
    assert.equal((await claim(NEVER)).statusCode, 404);
    add(GONE, 1_000);
    deps.index.sweep(nowMs + 2_000); // expired here: tombstoned, the zone still known
    const late = await buildTestHuntApp({ index: deps.index, now: () => nowMs + 2_000 });
    const res = await late.app.inject({
      method: 'POST',
      url: `/v1/treasures/${GONE}/claim`,
      headers: late.auth('p1'),
      payload: { lat: 1, lng: 1 },
    });
    assert.equal(res.statusCode, 404, res.body);
    assert.equal(await counted(), 0);
  });

  test("loot's other answers pass through unchanged", async () => {
    const { add, claim, counted } = await setup();
    add(EXPIRED, 60_000);
    assert.equal(codeOf(await claim(EXPIRED)), 'HUNT_ERR_TREASURE_EXPIRED');
    assert.equal(await counted(), 0);
  });
});
