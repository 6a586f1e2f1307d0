import type { NearbyHit, NearbyTreasure } from './nearby-index';

const prefixes = new WeakMap<NearbyTreasure, Buffer>();

/** A treasure's JSON up to its per-request field, built once per treasure (number formatting dominates otherwise). */
function prefixOf(t: NearbyTreasure): Buffer {
  let prefix = prefixes.get(t);
  if (prefix === undefined) {
    prefix = Buffer.from(
      `{"id":${JSON.stringify(t.id)},"zone_id":${JSON.stringify(t.zoneId)},"lat":${t.lat},"lng":${t.lng},` +
        `"tier":${JSON.stringify(t.tier)},"expires_at":${t.expiresAtMs},"distance_m":`,
      'latin1',
    );
    prefixes.set(t, prefix);
  }
  return prefix;
}

const OPEN = Buffer.from('{"treasures":[', 'latin1');
const CLOSE = Buffer.from(']}', 'latin1');
/** Longest distance field: up to 8 digits of metres, '.', one decimal, '}' (radius is at most 1 km). */
const MAX_DISTANCE_BYTES = 11;

/** Writes `dm` decimetres as `<metres>.<decimetre>}`; returns the bytes written. */
function writeDistance(out: Buffer, at: number, dm: number): number {
  let metres = Math.floor(dm / 10);
  let digits = 1;
  for (let m = metres; m >= 10; m = Math.floor(m / 10)) digits++;
  for (let i = digits - 1; i >= 0; i--) {
    out[at + i] = 0x30 + (metres % 10);
    metres = Math.floor(metres / 10);
  }
  out[at + digits] = 0x2e; // '.'
  out[at + digits + 1] = 0x30 + (dm % 10);
  out[at + digits + 2] = 0x7d; // '}'
  return digits + 3;
}

/**
 * The nearby response body (`nearbyResponse` in routes/schemas.ts, which documents it) as the
 * bytes sent. The hot path of the game: JSON.stringify of freshly mapped objects cost about
 * three times the rest of the request, mostly formatting the same coordinates again and again;
 * and at city density (100 treasures listed, 15 KB) a string body built by concatenation cost
 * more again, because Fastify's content-length (Buffer.byteLength) and the socket write each
 * walk the 100-piece rope. So each treasure's constant part is cached as bytes, the distance is
 * written digit by digit, and the body is one Buffer (sized for the longest distances, then
 * cut to what was written). Every field is ASCII (ULIDs, slugs, numbers).
 */
export function nearbyBody(hits: readonly NearbyHit[]): Buffer {
  let size = OPEN.length + CLOSE.length + hits.length * (MAX_DISTANCE_BYTES + 1);
  const prefixList: Buffer[] = new Array<Buffer>(hits.length);
  for (let i = 0; i < hits.length; i++) {
    const prefix = prefixOf(hits[i]!.treasure);
    prefixList[i] = prefix;
    size += prefix.length;
  }
  const out = Buffer.allocUnsafe(size);
  let at = OPEN.copy(out, 0);
  for (let i = 0; i < hits.length; i++) {
    if (i > 0) out[at++] = 0x2c; // ','
    out.set(prefixList[i]!, at);
    at += prefixList[i]!.length;
    // Decimetres as integers: formatting a fractional double costs several times more.
    at += writeDistance(out, at, Math.round(hits[i]!.distanceM * 10));
  }
  at += CLOSE.copy(out, at);
  return out.subarray(0, at);
}
