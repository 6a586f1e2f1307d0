import { ConfigError } from '@hunt/config-schema';
import type { z } from 'zod';
import { resolveConfigFile } from './config-file';
import { EnvError, parseEnv } from './env';
import { infraFromEnv } from './infra';
import { installShutdown, type Closer } from './lifecycle';
import { createLogger } from './logger';
import { createServiceContext, type ServiceContext } from './service-context';
import { createServiceCore } from './service-core';
import type { ServicePart } from './service-part';
import { closeAll, startService } from './start-service';

/** What every app's environment carries (serviceEnvSchema extended with infraEnvShape). */
interface AppEnv {
  HUNT_CONFIG?: string | undefined;
  LOG_LEVEL: string;
  HOST: string;
  HTTP_PORT: number;
  GRPC_PORT: number;
  REDIS_URL: string;
  KAFKA_BROKERS: string[];
  REDIS_KEY_PREFIX: string;
  KAFKA_TOPIC_PREFIX: string;
}

/**
 * The whole of an app's main.ts: validate the environment, load the config (refusing to start
 * on a bad one, before any port opens), compose the service over the real infra, open its
 * ports, and close everything in reverse on SIGTERM within 5 s. `appDir` locates the baked
 * config (import.meta.dirname of main.ts).
 */
export function serveFromEnv<S extends z.ZodType<AppEnv>>(
  opts: { service: string; envSchema: S; appDir: string },
  compose: (ctx: ServiceContext, env: z.output<S>) => Promise<ServicePart>,
): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(appHelp(opts.service, opts.envSchema));
    process.exit(0);
  }
  return runMain(opts.service, async () => {
    const env = parseEnv(opts.envSchema, process.env);
    const logger = createLogger(opts.service, env.LOG_LEVEL);
    const core = createServiceCore({
      service: opts.service,
      configFile: resolveConfigFile(env.HUNT_CONFIG, opts.appDir),
    });
    const ctx = createServiceContext({ service: opts.service, core, logger, infra: infraFromEnv(env) });
    let closers: readonly Closer[] = ctx.closers;
    installShutdown({ logger, closers: () => closers });
    try {
      const part = await compose(ctx, env);
      closers = (await startService(ctx, part, { host: env.HOST, httpPort: env.HTTP_PORT, grpcPort: env.GRPC_PORT }))
        .closers;
    } catch (error) {
      await closeAll(ctx.closers, (err, name) => logger.warn({ err, component: name }, 'close failed'));
      throw error;
    }
  });
}

/** `--help` of an app: it takes no arguments; everything comes from the environment. */
function appHelp(service: string, schema: z.ZodType): string {
  // The object schema's keys; a transformed schema (zod pipe) keeps them on its input side.
  type Inspectable = { shape?: Record<string, unknown>; in?: Inspectable };
  let s = schema as unknown as Inspectable | undefined;
  while (s && !s.shape) s = s.in;
  const names = Object.keys(s?.shape ?? {});
  return [
    `usage: node main.js   (the ${service}; configured only by its environment)`,
    '',
    `Environment (validated at start; a bad value is named): ${names.join(', ')}`,
    'See the README ("Every service" and this service\'s section) for each meaning and default.',
    '',
    'Exit codes: 0 stopped by SIGTERM or SIGINT within 5 s; 1 refused to start (bad config file or',
    'environment, a port in use, a dependency unreachable) or the shutdown deadline passed.',
    '',
  ].join('\n');
}

/**
 * Runs a process's start-up. A user error (bad config file, bad environment) prints its
 * message without a stack trace and exits 1 before any port is open; anything else is a bug
 * and is printed in full.
 */
export async function runMain(service: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `${service}: refusing to start, the config file ${error.file} is invalid:\n${error.message}\n`,
      );
    } else if (error instanceof EnvError) {
      process.stderr.write(`${service}: refusing to start, ${error.message}\n`);
    } else {
      process.stderr.write(
        `${service}: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  }
}
