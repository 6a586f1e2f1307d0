import type { z } from 'zod';
import { resolveConfigFile } from './config-file';
import { parseEnv } from './env';
import { installShutdown, type Closer } from './lifecycle';
import { createLogger, type Logger } from './logger';
import { runMain } from './run-main';
import { createServiceCore, type ServiceCore } from './service-core';
import { startStandardService } from './standard-service';

/** What every service's environment carries (see serviceEnvSchema). */
interface BaseEnv {
  HUNT_CONFIG?: string | undefined;
  LOG_LEVEL: string;
  HOST: string;
  HTTP_PORT: number;
  GRPC_PORT: number;
}

/** What a service serves besides the standard parts (see startStandardService). */
export type ListenOptions = Pick<Parameters<typeof startStandardService>[0], 'grpcServices' | 'readiness' | 'http'>;

export interface BootContext<E> {
  readonly env: E;
  readonly logger: Logger;
  readonly core: ServiceCore;
  /** Push what you open, in order; SIGTERM closes them in reverse within 5 s. */
  readonly closers: Closer[];
  /** Opens the gRPC and HTTP ports on HOST, GRPC_PORT and HTTP_PORT (last step of wiring). */
  readonly listen: (opts?: ListenOptions) => Promise<void>;
}

/**
 * The common start of every app's main.ts: validate the environment, create the logger, load
 * the config (refusing to start on a bad one, before any port opens), install the SIGTERM
 * handler, then hand over to the app's wiring. `appDir` locates the baked config
 * (import.meta.dirname of main.ts).
 */
export function bootService<S extends z.ZodType<BaseEnv>>(
  opts: { service: string; envSchema: S; appDir: string },
  wire: (ctx: BootContext<z.output<S>>) => Promise<void>,
): Promise<void> {
  return runMain(opts.service, async () => {
    const env = parseEnv(opts.envSchema, process.env);
    const logger = createLogger(opts.service, env.LOG_LEVEL);
    const core = createServiceCore({
      service: opts.service,
      configFile: resolveConfigFile(env.HUNT_CONFIG, opts.appDir),
    });
    const closers: Closer[] = [];
    installShutdown({ logger, closers: () => closers });
    const listen = async (extra: ListenOptions = {}) => {
      const running = await startStandardService({
        core,
        logger,
        host: env.HOST,
        grpcPort: env.GRPC_PORT,
        httpPort: env.HTTP_PORT,
        ...extra,
      });
      closers.push(...running.closers);
    };
    await wire({ env, logger, core, closers, listen });
  });
}
