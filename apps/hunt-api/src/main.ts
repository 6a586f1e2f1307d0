import {
  createLogger,
  createServiceCore,
  installShutdown,
  parseEnv,
  resolveConfigFile,
  runMain,
  startStandardService,
} from '@hunt/service-kit';
import { buildApp } from './app';
import { envSchema } from './env';

const SERVICE = 'hunt-api';

// Reads the environment, builds the app and listens; everything else lives in app.ts and libs.
await runMain(SERVICE, async () => {
  const env = parseEnv(envSchema, process.env);
  const logger = createLogger(SERVICE, env.LOG_LEVEL);
  const core = createServiceCore({
    service: SERVICE,
    configFile: resolveConfigFile(env.HUNT_CONFIG, import.meta.dirname),
  });
  const http = await buildApp({ loaded: core.loaded, registry: core.registry });
  const running = await startStandardService({
    core,
    logger,
    host: env.HOST,
    grpcPort: env.GRPC_PORT,
    httpPort: env.HTTP_PORT,
    http,
  });
  installShutdown({ logger, closers: () => running.closers });
});
