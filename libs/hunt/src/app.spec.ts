import { worldOf } from '@hunt/config-schema';
import { shardAt } from '@hunt/world';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ClaimResponse } from '@hunt/contracts';
import { ApiError } from './http/errors';
import type { LootPort } from './loot/loot-port';
import { mintToken } from './auth/jwt';
import { buildTestHuntApp, createScriptedLoot, TEST_JWT_SECRET, testAward } from './testing/test-app';
import { CLOCK_TOLERANCE_S } from './auth/token-verifier';
import { DEFAULT_NEARBY, MAX_NEARBY } from './routes/schemas';
import { FEED_GRACE_MS } from './routes/treasures';
import { ulid } from '@hunt/contracts';

const T1 = '01KB0000000000000000000001';
const T2 = '01KB0000000000000000000002';
const award = testAward(T1);

type TestApp = Awaited<ReturnType<typeof buildTestHuntApp>>;

/** A live treasure of zone alpha at (lat, 13.4) in the app's index, for a minute. */
function spawnAt(t: TestApp, id: string, lat: number): void {
  const treasure = { id, zoneId: 'alpha', shardId: shardAt(lat, 13.4), lat, lng: 13.4, tier: 'common' };
  t.deps.index.add({ ...treasure, expiresAtMs: t.nowMs + 60_000 }, t.nowMs);
}

async function withTreasures(loot: LootPort = createScriptedLoot()) {
  const t = await buildTestHuntApp({ loot });
  spawnAt(t, T1, 52.52);
  spawnAt(t, T2, 52.5201);
  return t;
}

/**
 * The scripted loot plus a ledger of its awards, so player and leaderboard reads answer what
 * the claims before them won: score and finds per player, leaderboard by score per season.
 */
function createLedgerLoot(script: Record<string, ClaimResponse>) {
  const scripted = createScriptedLoot(script);
  const won: { player: string; award: ClaimResponse }[] = [];
  const leaderboardAsks: [string, number][] = [];
  const loot: LootPort & { leaderboardAsks: typeof leaderboardAsks } = {
    ...scripted,
    leaderboardAsks,
    async claim(request) {
      const answer = await scripted.claim(request);
      won.push({ player: request.player_id, award: answer });
      return answer;
    },
    async getPlayer(playerId) {
      const mine = won.filter((w) => w.player === playerId).map((w) => w.award);
      const fresh = await scripted.getPlayer(playerId);
      return {
        ...fresh,
        score: mine.reduce((sum, a) => sum + a.points, 0),
        finds: mine.length,
        multiplier: mine.at(-1)?.multiplier ?? fresh.multiplier,
        inventory: mine.map((a) => ({ item: a.item, count: 1 })),
      };
    },
    async getLeaderboard(seasonId, limit) {
      leaderboardAsks.push([seasonId, limit]);
      const season = seasonId || 's1';
      const scores = new Map<string, number>();
      for (const { player, award: a } of won)
        if (a.season_id === season) scores.set(player, (scores.get(player) ?? 0) + a.points);
      const entries = [...scores]
        .sort(([, x], [, y]) => y - x)
        .slice(0, limit)
        .map(([player_id, score], i) => ({ rank: i + 1, player_id, score }));
      return { season_id: season, entries };
    },
  };
  return loot;
}

describe('hunt API', () => {
  test('GET /v1/treasures lists nearby treasures, nearest first, without loot', async () => {
    const { app, auth } = await withTreasures();
    const res = await app.inject({ url: '/v1/treasures?lat=52.5201&lng=13.4&radius=50', headers: auth('ada') });
    assert.equal(res.statusCode, 200);
    const body = res.json<{ treasures: { id: string; distance_m: number }[] }>();
    assert.deepEqual(
      body.treasures.map((t) => [t.id, t.distance_m]),
      [
        [T2, 0],
        [T1, 11.1],
      ],
    );
    assert.equal(res.headers['x-config-version'], '7');
    assert.ok(!('item' in body.treasures[0]!));
  });

  test('a read lists the nearest DEFAULT_NEARBY, or up to `limit` (at most MAX_NEARBY)', async () => {
    const t = await buildTestHuntApp({ loot: createScriptedLoot() });
    // 120 treasures on a line northwards, 1 m apart: the nearest are the first ids.
    const ids = Array.from({ length: 120 }, (_, i) => `01KB${String(i).padStart(22, '0')}`);
    ids.forEach((id, i) => spawnAt(t, id, 52.52 + i * 0.000009));
    const listed = async (query: string) => {
      const res = await t.app.inject({ url: `/v1/treasures?lat=52.52&lng=13.4${query}`, headers: t.auth('ada') });
      assert.equal(res.statusCode, 200, query);
      return res.json<{ treasures: { id: string }[] }>().treasures.map((x) => x.id);
    };
    assert.deepEqual(await listed(''), ids.slice(0, DEFAULT_NEARBY));
    assert.deepEqual(await listed('&limit=5'), ids.slice(0, 5));
    assert.deepEqual(await listed(`&limit=${MAX_NEARBY}`), ids.slice(0, MAX_NEARBY));
    for (const bad of ['0', String(MAX_NEARBY + 1), '2.5']) {
      const res = await t.app.inject({ url: `/v1/treasures?lat=52.52&lng=13.4&limit=${bad}`, headers: t.auth('ada') });
      assert.equal(res.statusCode, 400, bad);
      assert.equal(res.json<{ error: { field: string } }>().error.field, 'limit', bad);
    }
  });

  test('bad input is a 400 naming the field, never coerced', async () => {
    const { app, auth } = await withTreasures();
    const cases: [string, string][] = [
      ['/v1/treasures?lng=13.4', 'lat'],
      ['/v1/treasures?lat=abc&lng=13.4', 'lat'],
      ['/v1/treasures?lat=&lng=13.4', 'lat'],
      ['/v1/treasures?lat=0x10&lng=13.4', 'lat'],
      ['/v1/treasures?lat=91&lng=13.4', 'lat'],
      ['/v1/treasures?lat=52&lng=13.4&radius=5000', 'radius'],
      ['/v1/treasures?lat=52&lng=13.4&colour=red', 'colour'],
      ['/v1/leaderboard?limit=1.5', 'limit'],
    ];
    for (const [url, field] of cases) {
      const res = await app.inject({ url, headers: auth('ada') });
      assert.equal(res.statusCode, 400, url);
      const { error } = res.json<{ error: { code: string; field: string; message: string } }>();
      assert.equal(error.code, 'HUNT_ERR_INVALID_ARGUMENT', url);
      assert.equal(error.field, field, url);
      assert.match(error.message, new RegExp(`^${field}: `), url);
    }
    const claim = (payload: string, id = T1) =>
      app.inject({
        method: 'POST',
        url: `/v1/treasures/${id}/claim`,
        headers: { ...auth('ada'), 'content-type': 'application/json' },
        payload,
      });
    assert.equal((await claim('{"lat":"52.5","lng":13.4}')).json<{ error: { field: string } }>().error.field, 'lat');
    assert.equal((await claim('{"lat":52.5}')).json<{ error: { field: string } }>().error.field, 'lng');
    assert.equal(
      (await claim('{"lat":52.5,"lng":13.4}', 'nope')).json<{ error: { field: string } }>().error.field,
      'id',
    );
    const broken = await claim('{"lat":');
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json<{ error: { field: string } }>().error.field, 'body');
  });

  test('tokens: missing, forged, alg none and expired are 401; the error names the authorization field', async () => {
    const { app, tokenFor, nowMs } = await withTreasures();
    const url = '/v1/treasures?lat=52&lng=13';
    const [h, p] = tokenFor('ada').split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    // Signed with the app's own secret, so expiry is the only thing wrong with them; they expired
    // at now minus the clock tolerance (a token is valid strictly before exp + the tolerance).
    const expired = (ttlS: number) =>
      mintToken({ secret: TEST_JWT_SECRET, playerId: 'ada', nowS: nowMs / 1000 - 3600 - CLOCK_TOLERANCE_S, ttlS });
    const cases: [string | undefined, string][] = [
      [undefined, 'authorization: expected "Bearer <token>"'],
      ['Basic abc', 'authorization: expected "Bearer <token>"'],
      ['Bearer x.y.z', 'authorization: malformed token'],
      [`Bearer ${h}.${p}.AAAA`, 'authorization: bad signature'],
      [`Bearer ${none}`, 'authorization: unsupported algorithm'],
      [`Bearer ${expired(60)}`, 'authorization: token expired'],
      [`Bearer ${expired(3600)}`, 'authorization: token expired'],
    ];
    for (const [authorization, message] of cases) {
      const res = await app.inject({ url, headers: authorization ? { authorization } : {} });
      assert.equal(res.statusCode, 401, authorization);
      assert.deepEqual(
        res.json<{ error: unknown }>().error,
        { code: 'HUNT_ERR_UNAUTHENTICATED', message, field: 'authorization' },
        authorization,
      );
      assert.equal(res.headers['x-config-version'], '7');
    }
    const fresh = await app.inject({ url, headers: { authorization: `Bearer ${expired(3601)}` } });
    assert.equal(fresh.statusCode, 200, 'a token one second before its exp is still accepted');
  });

  test('claims map loot outcomes to 200, 409, 410, 422, 404 and a fast 503 with Retry-After', async () => {
    const script = {
      [T1]: award,
      [T2]: new ApiError('already-claimed'),
    };
    const loot = createScriptedLoot(script);
    const { app, auth, deps, nowMs } = await withTreasures(loot);
    const claim = (id: string) =>
      app.inject({
        method: 'POST',
        url: `/v1/treasures/${id}/claim`,
        headers: auth('ada'),
        payload: { lat: 52.52, lng: 13.4 },
      });

    const won = await claim(T1);
    assert.equal(won.statusCode, 200);
    assert.equal(won.json<{ points: number }>().points, 10);
    assert.deepEqual(loot.claims[0], {
      player_id: 'ada',
      treasure_id: T1,
      zone_id: 'alpha',
      shard_id: shardAt(52.52, 13.4),
      lat: 52.52,
      lng: 13.4,
    });
    assert.equal(deps.index.near(52.52, 13.4, 10, 10, 0).length, 0, 'a won treasure leaves the index at once');
    assert.deepEqual(deps.index.placeOf(T1), { zoneId: 'alpha', shardId: shardAt(52.52, 13.4) });

    const expectations: [ApiError, number, string][] = [
      [new ApiError('already-claimed'), 409, 'HUNT_ERR_ALREADY_CLAIMED'],
      [new ApiError('expired'), 410, 'HUNT_ERR_TREASURE_EXPIRED'],
      [new ApiError('too-far'), 422, 'HUNT_ERR_TOO_FAR'],
      [new ApiError('implausible-movement'), 422, 'HUNT_ERR_IMPLAUSIBLE_MOVEMENT'],
      [new ApiError('rate-limited'), 429, 'HUNT_ERR_RATE_LIMITED'],
      [new ApiError('unavailable'), 503, 'HUNT_ERR_UNAVAILABLE'],
    ];
    for (const [error, status, code] of expectations) {
      script[T2] = error;
      const res = await claim(T2);
      assert.equal(res.statusCode, status, code);
      assert.equal(res.json<{ error: { code: string } }>().error.code, code);
      // A refused claim may be retried when the loot-service's minute ends (the clock is on a boundary).
      assert.equal(res.headers['retry-after'], status === 503 ? '1' : status === 429 ? '60' : undefined);
    }
    const unknown = await claim('01KB00000000000000000000ZZ');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<{ error: { code: string } }>().error.code, 'HUNT_ERR_TREASURE_NOT_FOUND');
    // An id spawned just now that this replica has not indexed yet may be on its way: retry, no 404.
    const fresh = await claim(ulid(nowMs - 1000));
    assert.deepEqual([fresh.statusCode, fresh.headers['retry-after']], [503, '1']);
    assert.equal(fresh.json<{ error: { code: string } }>().error.code, 'HUNT_ERR_TREASURE_PENDING');
    const old = await claim(ulid(nowMs - FEED_GRACE_MS - 1000));
    assert.equal(old.statusCode, 404);
  });

  test('reads are limited per player per second with 429', async () => {
    const { app, auth, deps } = await withTreasures();
    const limit = deps.loaded.config.rate_limits.reads_per_second;
    const codes: number[] = [];
    for (let i = 0; i <= limit; i++)
      codes.push((await app.inject({ url: '/v1/zones', headers: auth('ada') })).statusCode);
    assert.deepEqual(codes, [...Array<number>(limit).fill(200), 429]);
    assert.equal((await app.inject({ url: '/v1/zones', headers: auth('bob') })).statusCode, 200);
  });

  test('zones carry their difficulty at the current minute, straight from the test config', async () => {
    // The test season runs 2026-01-01..04-01 and is closed outside it; inside, a zone spawns
    // spawn.base_density_per_km2_s (0.5) x its area x its spawn modifier (alpha 1, beta 2);
    // rarity is tier weight 80:20.
    let clock = Date.parse('2026-02-01T12:00:00Z');
    const { app, auth, deps } = await buildTestHuntApp({ now: () => clock });
    const world = worldOf(deps.loaded.config);
    type Zone = {
      id: string;
      region_id: string;
      area_km2: number;
      cell_count: number;
      bounds: Record<string, number>;
      difficulty: Record<string, unknown>;
    };
    const zones = async () =>
      (await app.inject({ url: '/v1/zones', headers: auth('ada') })).json<{ zones: Zone[] }>().zones;
    const inSeason = await zones();
    const rate = (id: string, modifier: number) => 0.5 * world.zone(id)!.areaKm2 * modifier;
    assert.deepEqual(
      inSeason.map((z) => [
        z.id,
        z.region_id,
        z.cell_count,
        z.difficulty['in_season'],
        z.difficulty['spawn_rate_per_s'],
      ]),
      [
        ['alpha', 'north', world.zone('alpha')!.cells.length, true, rate('alpha', 1)],
        ['beta', 'south', world.zone('beta')!.cells.length, true, rate('beta', 2)],
      ],
    );
    // The box around alpha's hexagons: the drawn box (10..10.02, 20..20.02) give or take a cell.
    const b = inSeason[0]!.bounds;
    assert.ok(Math.abs(b['min_lat']! - 10) < 0.005 && Math.abs(b['max_lng']! - 20.02) < 0.005, JSON.stringify(b));
    assert.deepEqual(inSeason[0]!.difficulty['rarity'], { common: 0.8, rare: 0.2 });
    clock = Date.parse('2026-04-01T00:00:00Z');
    assert.deepEqual(
      (await zones()).map((z) => [z.id, z.difficulty['in_season'], z.difficulty['spawn_rate_per_s']]),
      [
        ['alpha', false, 0],
        ['beta', false, 0],
      ],
      'the season ends at ends_at',
    );
  });

  test("player and leaderboard are the loot-service's answers for the token's player", async () => {
    const loot = createLedgerLoot({ [T1]: award, [T2]: { ...award, treasure_id: T2, item: 'crown', points: 25 } });
    const { app, auth } = await withTreasures(loot);
    const get = async <T>(url: string, player: string) => {
      const res = await app.inject({ url, headers: auth(player) });
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json<T>();
    };
    assert.deepEqual(await get('/v1/players/me', 'ada'), {
      player_id: 'ada',
      score: 0,
      finds: 0,
      multiplier: 1,
      inventory: [],
    });
    const claim = (id: string, player: string) =>
      app.inject({
        method: 'POST',
        url: `/v1/treasures/${id}/claim`,
        headers: auth(player),
        payload: { lat: 52.52, lng: 13.4 },
      });
    assert.equal((await claim(T1, 'ada')).statusCode, 200);
    assert.equal((await claim(T2, 'bob')).statusCode, 200);

    assert.deepEqual(await get('/v1/players/me', 'ada'), {
      player_id: 'ada',
      score: 10,
      finds: 1,
      multiplier: 1.25,
      inventory: [{ item: 'old-map', count: 1 }],
    });
    const bob = await get<{ score: number; finds: number }>('/v1/players/me', 'bob');
    assert.deepEqual([bob.score, bob.finds], [25, 1]);
    assert.deepEqual(await get('/v1/leaderboard', 'ada'), {
      season_id: 's1',
      entries: [
        { rank: 1, player_id: 'bob', score: 25 },
        { rank: 2, player_id: 'ada', score: 10 },
      ],
    });
    assert.deepEqual(await get('/v1/leaderboard?season=s1&limit=1', 'ada'), {
      season_id: 's1',
      entries: [{ rank: 1, player_id: 'bob', score: 25 }],
    });
    assert.deepEqual(await get('/v1/leaderboard?season=s9', 'ada'), { season_id: 's9', entries: [] });
    // The API passes the season ('' = the running one) and the limit (default 10) through.
    assert.deepEqual(loot.leaderboardAsks, [
      ['', 10],
      ['s1', 1],
      ['s9', 10],
    ]);
  });

  test('/openapi.json documents every /v1 route from the same schemas', async () => {
    const { app } = await withTreasures();
    const res = await app.inject({ url: '/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json<{
      openapi: string;
      paths: Record<string, Record<string, { parameters: { name: string }[] }>>;
    }>();
    assert.equal(doc.openapi, '3.0.3');
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/v1/leaderboard',
      '/v1/players/me',
      '/v1/treasures',
      '/v1/treasures/{id}/claim',
      '/v1/zones',
    ]);
    assert.deepEqual(
      doc.paths['/v1/treasures']!['get']!.parameters.map((p) => p.name),
      ['lat', 'lng', 'radius', 'limit'],
    );
  });

  test('unknown routes answer 404 in the error shape with the version header', async () => {
    const { app } = await withTreasures();
    const res = await app.inject({ url: '/nope' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json<{ error: { code: string } }>().error.code, 'HUNT_ERR_ROUTE_NOT_FOUND');
    assert.equal(res.headers['x-config-version'], '7');
  });
});
