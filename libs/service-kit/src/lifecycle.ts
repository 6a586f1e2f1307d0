import type { Logger } from 'pino';

/** Something a component opened and must close; closed in reverse order of opening. */
export interface Closer {
  readonly name: string;
  close(): Promise<void>;
}

/**
 * On SIGTERM or SIGINT closes every component in reverse order and exits 0. Whatever is still
 * open after `deadlineMs` (default 5 s, the shutdown budget of every service) is abandoned and
 * the process exits 1, so a stuck dependency can never hold a rolling deploy.
 */
export function installShutdown(opts: { logger: Logger; closers: () => readonly Closer[]; deadlineMs?: number }): void {
  const deadlineMs = opts.deadlineMs ?? 5000;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    opts.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      opts.logger.error({ deadlineMs }, 'shutdown deadline passed; exiting');
      process.exit(1);
    }, deadlineMs);
    timer.unref();
    for (const closer of [...opts.closers()].reverse()) {
      await closer.close().catch((err: unknown) => opts.logger.warn({ err, component: closer.name }, 'close failed'));
    }
    opts.logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
