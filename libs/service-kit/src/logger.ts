import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON lines on stdout, one logger per service, tagged with the service name. */
export function createLogger(service: string, level: string): Logger {
  return pino({ level, base: { service } });
}
