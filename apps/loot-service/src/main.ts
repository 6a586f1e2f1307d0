import { lootService } from '@hunt/loot';
import { serveFromEnv } from '@hunt/service-kit';
import { envSchema } from './env';

// Wiring only: the loot-service is composed in libs/loot (lootService).
await serveFromEnv({ service: 'loot-service', envSchema, appDir: import.meta.dirname }, (ctx, env) =>
  lootService(ctx, { rollSecret: env.LOOT_ROLL_SECRET, serviceToken: env.LOOT_SERVICE_TOKEN }),
);
