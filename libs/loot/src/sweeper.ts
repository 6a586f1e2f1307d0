import type { TreasureStore } from '@hunt/loot-store';
import { createOutageLog, type Logger } from '@hunt/service-kit';
import type { LootMetrics } from './metrics';

/**
 * Removes expired treasures from the indexes every `intervalMs`, so they leave nearby reads
 * promptly. Claims never depend on it: the claim step checks expiry itself. One sweep at a time;
 * a failed sweep (store down) is logged (once per interval while it lasts) and the next tick tries again.
 */
export function startSweeper(deps: {
  store: TreasureStore;
  now: () => number;
  metrics: LootMetrics;
  logger: Logger;
  intervalMs: number;
}): { stop(): Promise<void> } {
  const outages = createOutageLog(deps.logger);
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= deps.store
      .sweepExpired(deps.now())
      .then(
        (n) => void deps.metrics.swept.inc(n),
        (error: unknown) => outages.report('store', error, 'sweep failed'),
      )
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, deps.intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
