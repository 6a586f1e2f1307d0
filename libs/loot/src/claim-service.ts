import type { Award, ClaimRejection } from '@hunt/loot-core';
import { StoreUnavailableError, type TreasureStore } from '@hunt/loot-store';
import { createOutageLog, type Logger } from '@hunt/service-kit';
import { parseClaimRequest } from './claim-request';
import type { LootMetrics } from './metrics';

export type ClaimResult =
  | { readonly kind: 'won'; readonly award: Award; readonly replayed: boolean }
  | { readonly kind: 'rejected'; readonly reason: ClaimRejection }
  | { readonly kind: 'invalid'; readonly message: string }
  /** The store did not answer; nothing is half-applied and a retry is safe. */
  | { readonly kind: 'unavailable' };

/**
 * The claim use case: validate, then one atomic store step, which on a win also appends the
 * award event to the store's outbox. The answer does not wait for Kafka: the award relay
 * (award-relay.ts) publishes from the outbox, at-least-once, so a won claim's event survives a
 * crash or a broker outage without the player retrying. A replay appends nothing.
 */
export function createClaimService(deps: {
  store: TreasureStore;
  now: () => number;
  metrics: LootMetrics;
  logger: Logger;
}) {
  const { store, metrics, logger } = deps;
  const outages = createOutageLog(logger);

  async function claim(request: unknown): Promise<ClaimResult> {
    const parsed = parseClaimRequest(request, deps.now());
    if (!parsed.ok) return { kind: 'invalid', message: parsed.message };
    try {
      return await store.claim(parsed.command);
    } catch (error) {
      // An outage fails many claims at once: a line per interval, the count in the metrics.
      // Anything else is a bug (a script error): logged with its stack, still safe to retry.
      if (error instanceof StoreUnavailableError) outages.report('store', error, 'claim: store unavailable');
      else logger.error({ err: error }, 'claim: unexpected store error');
      return { kind: 'unavailable' };
    }
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
