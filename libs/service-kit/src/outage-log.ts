/** The one logger method this uses (a pino Logger has it). */
export interface WarnLogger {
  warn(obj: object, msg: string): void;
}

/** Default length of one cause's logging window. */
export const OUTAGE_LOG_INTERVAL_MS = 10_000;

interface Window {
  readonly msg: string;
  suppressed: number;
  lastError: unknown;
  timer: NodeJS.Timeout;
}

export interface OutageLogOptions {
  readonly intervalMs?: number;
}

/**
 * Logs an expected dependency failure (Redis or Kafka down or hung) without a log storm: the
 * first occurrence of a cause logs at once, later ones in the same interval are only counted,
 * and at the end of each interval that saw more, one line says how many. So an outage writes
 * one line per cause per interval however many requests fail; the metrics carry the rates.
 * The error is logged by name, code and message, without its stack: the stack of a refused
 * connection says nothing. Unexpected errors are not for this: log those with their stack.
 */
export function createOutageLog(logger: WarnLogger, opts: OutageLogOptions = {}) {
  const intervalMs = opts.intervalMs ?? OUTAGE_LOG_INTERVAL_MS;
  const windows = new Map<string, Window>();

  function summarise(cause: string, w: Window): void {
    const line = `${w.msg} (${w.suppressed} more in the last ${intervalMs / 1000} s)`;
    logger.warn({ cause, error: errorSummary(w.lastError), count: w.suppressed }, line);
  }

  function open(cause: string, msg: string): Window {
    const window: Window = {
      msg,
      suppressed: 0,
      lastError: undefined,
      timer: setTimeout(() => close(cause, msg), intervalMs).unref(),
    };
    windows.set(cause, window);
    return window;
  }

  function close(cause: string, msg: string): void {
    const window = windows.get(cause);
    windows.delete(cause);
    if (!window || window.suppressed === 0) return;
    summarise(cause, window);
    open(cause, msg); // still failing: keep counting in a new window
  }

  return {
    /** Reports one failure of `cause` (e.g. 'redis', 'kafka-publish'); logs or counts it. */
    report(cause: string, error: unknown, msg: string): void {
      const window = windows.get(cause);
      if (window) {
        window.suppressed += 1;
        window.lastError = error;
        return;
      }
      open(cause, msg);
      logger.warn({ cause, error: errorSummary(error) }, msg);
    },
    /** Writes the pending counts and stops the timers (at shutdown). */
    flush(): void {
      for (const [cause, window] of [...windows]) {
        clearTimeout(window.timer);
        windows.delete(cause);
        if (window.suppressed > 0) summarise(cause, window);
      }
    },
  };
}

export type OutageLog = ReturnType<typeof createOutageLog>;

/** Name, code and message of an error (and of its cause), never its stack. */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    ...(error.cause instanceof Error ? { cause: `${error.cause.name}: ${error.cause.message}` } : {}),
  };
}
