import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Checked before each probe; a non-null string aborts the wait with that reason (e.g. "process exited"). */
  abortIf?: () => string | null;
}

export type WaitResult = { ok: true } | { ok: false; reason: string };

/**
 * Polls `probe` until it resolves true. Resolves `{ ok: false }` (never throws)
 * on timeout or abort so callers can attach context such as a log tail.
 */
export async function waitUntil(
  probe: () => Promise<boolean>,
  { timeoutMs, intervalMs = 250, abortIf }: WaitOptions,
): Promise<WaitResult> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    const aborted = abortIf?.() ?? null;
    if (aborted !== null) return { ok: false, reason: aborted };
    try {
      if (await probe()) return { ok: true };
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() >= deadline) {
      const suffix = lastError ? ` (last error: ${lastError})` : '';
      return { ok: false, reason: `timed out after ${Math.round(timeoutMs / 1000)} s${suffix}` };
    }
    await sleep(intervalMs);
  }
}
