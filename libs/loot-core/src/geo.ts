/** Mean Earth radius in metres; the Redis claim script uses the same constant. */
export const EARTH_RADIUS_M = 6_371_008.8;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLng = rad(lng2 - lng1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Anti-cheat: is moving `distance` metres in `elapsedMs` implausible at `maxSpeedMps`? One
 * claim radius of slack absorbs GPS jitter between two claims made close together in time.
 */
export function isImplausibleMove(distance: number, elapsedMs: number, maxSpeedMps: number, slackM: number): boolean {
  return distance > (maxSpeedMps * Math.max(0, elapsedMs)) / 1000 + slackM;
}
