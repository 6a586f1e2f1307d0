import { serveFromEnv } from '@hunt/service-kit';
import { spawnerService } from '@hunt/spawning';
import { envSchema } from './env';

// Wiring only: the spawner is composed in libs/spawning (spawnerService).
await serveFromEnv({ service: 'spawner', envSchema, appDir: import.meta.dirname }, (ctx, env) =>
  spawnerService(ctx, { replicaId: env.SPAWNER_REPLICA_ID }),
);
