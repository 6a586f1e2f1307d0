import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { benchLine, summarise } from './summary';
import { TARGETS, type CheckName } from './targets';
import { buildRun, route, stale } from './testing/fixtures';
import type { SecondRow } from './timeline';

/** The checks that failed: each test below changes one thing and expects exactly its check to fail. */
const failed = (s: ReturnType<typeof summarise>) =>
  (Object.keys(TARGETS) as CheckName[]).filter((name) => !s.checks[name]);

describe('summarise', () => {
  test("the builder's defaults meet every target", () => {
    const s = summarise(buildRun());
    assert.deepEqual(failed(s), []);
    assert.equal(s.steady_p99_ms, 30);
    assert.equal(s.p99_ratio, 1);
    assert.equal(s.kafka_max_over_cap_pct, 0, 'half the cap is floored at 0, not -50');
    assert.equal(s.lag_recovered_s, 0);
  });

  test('offered counts every request due; achieved only those answered, 5xx included', () => {
    const s = summarise(
      buildRun({
        row: (t) =>
          t === 0
            ? {
                intended: 26,
                shed: 4,
                routes: { nearby: route(20, 22, { '200': 2, '503 X': 10, timeout: 9, network: 1 }) },
              }
            : {},
      }),
    );
    // 25 seconds: 24 of 16 due and 16 answered, one of 26 due and 12 answered.
    assert.equal(s.offered_rps, 16.4);
    assert.equal(s.achieved_rps, 15.8);
    assert.equal(s.shed, 4);
    assert.equal(s.unanswered, 10);
  });

  test("steady p99: the median over steady seconds of each second's worst route with >= 5 requests", () => {
    const nearby = [10, 20, 30, 40, 1000];
    const s = summarise(
      buildRun({
        row: (t, phase, i): Partial<SecondRow> =>
          phase === 'steady'
            ? { routes: { nearby: route(nearby[i]!), claim: route(35, 6), me: route(5000, 4) } }
            : { routes: { nearby: route(20) } },
      }),
    );
    // Per second [35, 35, 35, 40, 1000]: the mean would be 229, ignoring `claim` 30, counting `me` 5000.
    assert.equal(s.steady_p99_ms, 35);
    assert.equal(s.change_p99_ms, 20);
    assert.equal(s.p99_ratio, 0.57);
  });

  test('change p99: the worst second of rollout and new-only, not of the rollback', () => {
    const p99: Record<number, number> = { 6: 90, 12: 120, 16: 500, 22: 900 };
    const s = summarise(buildRun({ row: (t) => (p99[t] ? { routes: { nearby: route(p99[t]) } } : {}) }));
    assert.equal(s.change_p99_ms, 120);
    assert.equal(s.p99_ratio, 4);
    assert.deepEqual(failed(s), ['p99_ratio']);
  });

  test('every 5xx counts, pending included and also reported apart; 429s and timeouts do not', () => {
    const outcomes = {
      '200': 4,
      '503 HUNT_ERR_TREASURE_PENDING': 3,
      '500': 1,
      '429 HUNT_ERR_RATE_LIMITED': 1,
      timeout: 1,
    };
    const s = summarise(buildRun({ row: (t) => (t === 3 ? { routes: { claim: route(30, 10, outcomes) } } : {}) }));
    assert.equal(s.errors_5xx, 4);
    assert.equal(s.pending_503, 3);
    assert.deepEqual(failed(s), ['errors_5xx']);
  });

  test('over the cap: the cap is the highest of the versions live that second', () => {
    const caps = { '1': 100, '2': 80 };
    // Both live: 110/s against 100 (not against 80, which would be 37.5 %).
    const mixed = summarise(
      buildRun({ row: (t) => (t === 6 ? { spawnsPerS: { '1': 60, '2': 50 }, capPerS: caps } : {}) }),
    );
    assert.equal(mixed.kafka_max_over_cap_pct, 10);
    // Only v2 live: its own cap applies, not v1's 100 that nothing runs.
    const v2 = summarise(buildRun({ row: (t) => (t === 11 ? { spawnsPerS: { '2': 82 }, capPerS: caps } : {}) }));
    assert.equal(v2.kafka_max_over_cap_pct, 2.5);
    assert.deepEqual(failed(v2), ['kafka_over_cap']);
    // A version that spawns counts as live even when no replica reports it.
    const spawning = summarise(
      buildRun({ row: (t) => (t === 1 ? { spawnsPerS: { '1': 40, '2': 45 }, capPerS: { '1': 50, '2': 80 } } : {}) }),
    );
    assert.equal(spawning.kafka_max_over_cap_pct, 6.3);
  });

  test('loot lag: the worst age and the worst event count, gaps ignored', () => {
    const s = summarise(
      buildRun({
        row: (t): Partial<SecondRow> =>
          t === 7
            ? { newestMaterialisedAgeS: 1.26, lootLag: 900 }
            : t === 8
              ? { newestMaterialisedAgeS: null, lootLag: null }
              : {},
      }),
    );
    assert.equal(s.max_loot_lag_s, 1.3);
    assert.equal(s.max_loot_lag_events, 900);
  });

  test('lag recovered: worst phase change until the age is back within 2x steady + 1 s, measured into the next phase', () => {
    // Steady median 0.5 s, so within means <= 2 s. Rollout [5, 10), new-only [10, 15), rollback [15, 20).
    const age: Record<number, number> = { 5: 5, 6: 5, 7: 5, 12: 3, 14: 3, 15: 3, 16: 3, 17: 1.8 };
    const s = summarise(buildRun({ row: (t) => ({ newestMaterialisedAgeS: age[t] ?? 0.5 }) }));
    // Rollout back at 8 (3 s); new-only last above at 14, back at 17 (7 s; 1.8 s is within thanks to
    // the +1 s); rollback back at 17 (2 s).
    assert.equal(s.lag_recovered_s, 7);
    const slow = summarise(
      buildRun({
        phaseS: { 'steady-again': 40 },
        row: (t) => (t >= 10 && t < 50 ? { newestMaterialisedAgeS: 9 } : {}),
      }),
    );
    assert.equal(slow.lag_recovered_s, 40);
    assert.deepEqual(failed(slow), ['lag_recovered']);
  });

  test('lag never recovered: null, and a missing sample is no recovery', () => {
    const s = summarise(buildRun({ row: (t) => (t >= 20 ? { newestMaterialisedAgeS: t === 24 ? null : 9 } : {}) }));
    assert.equal(s.lag_recovered_s, null);
    assert.deepEqual(failed(s), ['lag_recovered']);
  });

  test("the ledger's verdicts, each its own check", () => {
    const ledger = { awardsLost: 1, doubleWinners: 2, zonesDoubleOwned: 3, listedNotFound: 4 };
    const s = summarise(buildRun({ ledger }));
    assert.deepEqual([s.awards_lost, s.double_winners, s.zones_double_owned, s.listed_not_found], [1, 2, 3, 4]);
    assert.deepEqual(failed(s), ['awards_lost', 'double_winners', 'zones_double_owned', 'listed_not_found']);
  });

  test('the stale alert: fired in a rollout or rollback window (+10 s), and resolved', () => {
    const fired = (alerts: ReturnType<typeof stale>[]) =>
      summarise(buildRun({ alerts: () => alerts })).stale_alert_fired;
    // Rollback is [15, 20): its window ends at 30.
    assert.equal(fired([stale(30, 33)]), true);
    assert.equal(fired([stale(31, 33)]), false, 'after the window');
    assert.equal(fired([stale(2, 4)]), false, 'in steady');
    assert.equal(fired([stale(16, null)]), false, 'still firing at the end');
    assert.equal(fired([{ ...stale(16, 18), name: 'HuntConfigVersionSkew' }]), false, 'another alert');
    assert.deepEqual(failed(summarise(buildRun({ alerts: () => [] }))), ['stale_alert']);
  });

  test('rollback: at most 47 s; unknown fails', () => {
    assert.deepEqual(failed(summarise(buildRun({ rollbackS: 47 }))), []);
    assert.deepEqual(failed(summarise(buildRun({ rollbackS: 48 }))), ['rollback']);
    assert.deepEqual(failed(summarise(buildRun({ rollbackS: null }))), ['rollback']);
  });

  test('SLO misses: percent of requests in steady and in the change phases; null when not recorded', () => {
    const misses = (n: number) => ({ routes: { nearby: { ...route(20), sloMisses: n } } });
    const s = summarise(buildRun({ row: (t, phase) => (phase === 'steady' ? misses(t === 0 ? 1 : 0) : misses(5)) }));
    assert.equal(s.slo_miss_pct_steady, 2);
    assert.equal(s.slo_miss_pct_change, 50);
    const { sloMisses: _, ...unrecorded } = route(20);
    const none = summarise(buildRun({ row: (t) => (t === 12 ? { routes: { nearby: unrecorded } } : {}) }));
    assert.equal(none.slo_miss_pct_change, null);
    assert.equal(none.slo_miss_pct_steady, 0);
  });

  test('the bench line is flat: figures as they are, each check as check_<name>', () => {
    const line = benchLine(summarise(buildRun({ rollbackS: 48 })));
    assert.equal(line['rollback_s'], 48);
    assert.equal(line['check_rollback'], false);
    assert.equal(line['check_p99_ratio'], true);
    assert.equal('checks' in line, false);
    for (const value of Object.values(line)) assert.ok(value === null || typeof value !== 'object', 'no nesting');
  });
});
