import { lootAwardedV1, type LootAwardedV1 } from '@hunt/contracts';
import type { EventBus } from '@hunt/event-bus';
import type { Award, ClaimRejection } from '@hunt/loot-core';
import type { TreasureStore } from '@hunt/loot-store';
import type { Logger } from '@hunt/service-kit';
import { parseClaimRequest } from './claim-request';
import type { LootMetrics } from './metrics';

export type ClaimResult =
  | { readonly kind: 'won'; readonly award: Award; readonly replayed: boolean }
  | { readonly kind: 'rejected'; readonly reason: ClaimRejection }
  | { readonly kind: 'invalid'; readonly message: string }
  /** The store or the bus did not answer; nothing is half-applied and a retry is safe. */
  | { readonly kind: 'unavailable' };

/**
 * The claim use case: validate, one atomic store step, then publish the award. The award event
 * is published on every won answer, replays included, and a failed publish answers
 * 'unavailable': the client's retry replays the stored award and publishes again, so the event
 * is at-least-once (consumers deduplicate by treasure_id) and never silently lost.
 */
export function createClaimService(deps: {
  store: TreasureStore;
  bus: EventBus;
  now: () => number;
  metrics: LootMetrics;
  logger: Logger;
  /** The loot-awarded topic (LOOT_AWARDED_TOPIC outside tests). */
  topic: string;
}) {
  const { store, bus, metrics, logger } = deps;

  async function claim(request: unknown): Promise<ClaimResult> {
    const parsed = parseClaimRequest(request, deps.now());
    if (!parsed.ok) return { kind: 'invalid', message: parsed.message };
    let outcome;
    try {
      outcome = await store.claim(parsed.command);
    } catch (error) {
      logger.warn({ err: error }, 'claim: store unavailable');
      return { kind: 'unavailable' };
    }
    if (outcome.kind === 'rejected') return outcome;
    try {
      await bus.publish({
        topic: deps.topic,
        key: outcome.award.zoneId,
        schema: lootAwardedV1,
        value: toEvent(outcome.award),
      });
    } catch (error) {
      metrics.awardPublishFailures.inc();
      logger.warn(
        { err: error, treasureId: outcome.award.treasureId },
        'claim won but the award event was not published',
      );
      return { kind: 'unavailable' };
    }
    return outcome;
  }

  return {
    async claim(request: unknown): Promise<ClaimResult> {
      const end = metrics.claimDuration.startTimer();
      const result = await claim(request);
      end();
      const outcome =
        result.kind === 'won'
          ? result.replayed
            ? 'replayed'
            : 'won'
          : result.kind === 'rejected'
            ? result.reason
            : result.kind;
      metrics.claims.inc({ outcome });
      return result;
    },
  };
}

export type ClaimService = ReturnType<typeof createClaimService>;

function toEvent(a: Award): LootAwardedV1 {
  return {
    treasure_id: a.treasureId,
    zone_id: a.zoneId,
    player_id: a.playerId,
    season_id: a.seasonId,
    tier: a.tier,
    item: a.item,
    value: a.value,
    multiplier: a.multiplier,
    points: a.points,
    claimed_at: a.claimedAtMs,
    loot_config_version: a.lootConfigVersion,
    spawn_config_version: a.spawnConfigVersion,
  };
}
