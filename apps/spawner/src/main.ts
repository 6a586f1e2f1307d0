import {
  createLogger,
  createServiceCore,
  installShutdown,
  parseEnv,
  resolveConfigFile,
  runMain,
  startStandardService,
} from '@hunt/service-kit';
import { envSchema } from './env';

const SERVICE = 'spawner';

// Reads the environment, builds the service and listens; everything else lives in libs.
await runMain(SERVICE, async () => {
  const env = parseEnv(envSchema, process.env);
  const logger = createLogger(SERVICE, env.LOG_LEVEL);
  const core = createServiceCore({
    service: SERVICE,
    configFile: resolveConfigFile(env.HUNT_CONFIG, import.meta.dirname),
  });
  const running = await startStandardService({
    core,
    logger,
    host: env.HOST,
    grpcPort: env.GRPC_PORT,
    httpPort: env.HTTP_PORT,
  });
  installShutdown({ logger, closers: () => running.closers });
});
