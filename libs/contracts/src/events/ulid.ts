const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID: 48 bits of Unix milliseconds then 80 random bits, in Crockford base32, so ids sort
 * by creation time. Time and randomness are arguments: callers own the clock and the source.
 */
export function ulid(timeMs: number, random: () => number = Math.random): string {
  if (!Number.isSafeInteger(timeMs) || timeMs < 0) throw new RangeError(`ulid: bad time ${timeMs}`);
  let time = '';
  let t = timeMs;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  let rest = '';
  for (let i = 0; i < 16; i++) rest += ALPHABET[Math.floor(random() * 32) % 32]!;
  return time + rest;
}

/** The millisecond timestamp encoded in a ULID. */
export function ulidTime(id: string): number {
  let t = 0;
  for (const ch of id.slice(0, 10)) t = t * 32 + ALPHABET.indexOf(ch);
  return t;
}
