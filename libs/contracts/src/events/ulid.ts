import { decodeTime, ulid as makeUlid } from 'ulidx';

/**
 * A ULID (ulidx): 48 bits of Unix milliseconds then 80 random bits, in Crockford base32, so ids
 * sort by creation time. The caller owns the clock; the randomness is ulidx's crypto source
 * unless a seeded one is given (replayable tests and benches). A bad time throws.
 */
export function ulid(timeMs: number, random?: () => number): string {
  // ulidx takes NaN for "now"; a clock that yields NaN is a bug here, not a request for now.
  if (!Number.isSafeInteger(timeMs) || timeMs < 0) throw new RangeError(`ulid: bad time ${timeMs}`);
  return makeUlid(timeMs, random);
}

/** The creation time (Unix ms) a ULID carries; undefined for a string that is not one. */
export function ulidTime(id: string): number | undefined {
  try {
    return decodeTime(id);
  } catch {
    return undefined;
  }
}
