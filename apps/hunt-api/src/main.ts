import { huntService } from '@hunt/hunt';
import { serveFromEnv } from '@hunt/service-kit';
import { envSchema } from './env';

// Wiring only: the hunt API is composed in libs/hunt (huntService).
await serveFromEnv({ service: 'hunt-api', envSchema, appDir: import.meta.dirname }, (ctx, env) =>
  huntService(ctx, { ...env.tokenKeys, lootAddress: env.LOOT_GRPC_ADDRESS, lootServiceToken: env.LOOT_SERVICE_TOKEN }),
);
