import { parseDurationMinutes, type HuntConfig } from '@hunt/config-schema';
import { UsageError } from '../exit-codes';

const MINUTE_MS = 60_000;
/** Every minute is evaluated, so the range is bounded: a season and then some. */
export const MAX_RANGE_DAYS = 400;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Resolves --from/--to against the season of `config`. Each is an ISO instant
 * ("2026-12-24T12:00Z", a bare date means its UTC midnight) or a duration from the season
 * start ("14d", "1d12h", "90m"). Defaults: the season's starts_at and ends_at. Both are
 * floored to the UTC minute (difficulty values resolve per minute).
 * @throws UsageError on a malformed value, an empty range, or one longer than MAX_RANGE_DAYS.
 */
export function resolveRange(config: HuntConfig, from?: string, to?: string): { fromMs: number; toMs: number } {
  const seasonStart = floorMinute(Date.parse(config.season.starts_at));
  const fromMs = from === undefined ? seasonStart : parseInstant(from, seasonStart, '--from');
  const toMs =
    to === undefined ? floorMinute(Date.parse(config.season.ends_at)) : parseInstant(to, seasonStart, '--to');
  if (toMs <= fromMs) throw new UsageError(`--to (${iso(toMs)}) must be after --from (${iso(fromMs)})`);
  if (toMs - fromMs > MAX_RANGE_DAYS * 1440 * MINUTE_MS)
    throw new UsageError(`the range may span at most ${MAX_RANGE_DAYS} days`);
  return { fromMs, toMs };
}

/** One instant as --from/--to/--at take it, floored to the UTC minute. @throws UsageError when malformed. */
export function resolveInstant(config: HuntConfig, text: string, option: string): number {
  return parseInstant(text, floorMinute(Date.parse(config.season.starts_at)), option);
}

function parseInstant(text: string, seasonStart: number, option: string): number {
  const minutes = parseDurationMinutes(text);
  if (minutes !== undefined) return seasonStart + minutes * MINUTE_MS;
  const ms = ISO_INSTANT.test(text) ? Date.parse(text.length === 10 ? `${text}T00:00Z` : text) : NaN;
  if (Number.isNaN(ms))
    throw new UsageError(
      `${option} must be an ISO instant (2026-12-24T18:00Z) or a duration from the season start (14d)`,
    );
  return floorMinute(ms);
}

const floorMinute = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;
const iso = (ms: number) => new Date(ms).toISOString();
