/**
 * The spawner with its runtime guards off, for the game day's `--unguarded` replay only: the
 * app's own entry (apps/spawner/src/main.ts, same environment, same composition) with the
 * harness switch `unguarded` set, so it publishes what the curves ask at once and uncapped. No
 * image ships it and no setting of the TOML or the environment turns it on.
 */
import { serveFromEnv } from '@hunt/service-kit';
import { spawnerService } from '@hunt/spawning';
import { join } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- this harness is the spawner app's entry with one switch flipped: it must read exactly the app's environment, and a copy of the schema would drift
import { envSchema } from '../../apps/spawner/src/env';

await serveFromEnv(
  { service: 'spawner', envSchema, appDir: join(import.meta.dirname, '../../apps/spawner/src') },
  (ctx, env) => {
    ctx.logger.warn(
      { replicaId: env.SPAWNER_REPLICA_ID, unguarded: true },
      'GAME-DAY HARNESS, GUARDS OFF: this spawner ignores the fleet cap and the ramp (tools/gameday/unguarded-spawner.ts); never run it against players',
    );
    return spawnerService(ctx, { replicaId: env.SPAWNER_REPLICA_ID, options: { unguarded: true } });
  },
);
