import type { NearbyHit, NearbyTreasure } from './nearby-index';

const prefixes = new WeakMap<NearbyTreasure, string>();

/** A treasure's JSON up to its per-request field, built once per treasure (number formatting dominates otherwise). */
function prefixOf(t: NearbyTreasure): string {
  let prefix = prefixes.get(t);
  if (prefix === undefined) {
    prefix =
      `{"id":${JSON.stringify(t.id)},"zone_id":${JSON.stringify(t.zoneId)},"lat":${t.lat},"lng":${t.lng},` +
      `"tier":${JSON.stringify(t.tier)},"expires_at":${t.expiresAtMs},"distance_m":`;
    prefixes.set(t, prefix);
  }
  return prefix;
}

/**
 * The nearby response body (`nearbyResponse` in routes/schemas.ts, which documents it) as a
 * JSON string. The hot path of the game: JSON.stringify of freshly mapped objects cost about
 * three times the rest of the request, mostly formatting the same coordinates again and again.
 */
export function nearbyJson(hits: readonly NearbyHit[]): string {
  let body = '{"treasures":[';
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i]!;
    // Decimetres formatted as integers: formatting a fractional double costs several times more.
    const dm = Math.round(hit.distanceM * 10);
    body += `${i === 0 ? '' : ','}${prefixOf(hit.treasure)}${Math.floor(dm / 10)}.${dm % 10}}`;
  }
  return `${body}]}`;
}
