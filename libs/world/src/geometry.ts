import type { LatLng } from './cells';

/** A problem with one shape, at a path relative to the shape (e.g. `['polygon', 3]`). */
export interface ShapeProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface Bounds {
  readonly min_lat: number;
  readonly min_lng: number;
  readonly max_lat: number;
  readonly max_lng: number;
}

/** A designer's area: a box or a polygon ring, as the config writes them (the schema requires exactly one). */
export interface Shape {
  readonly bounds?: Bounds;
  readonly polygon?: readonly LatLng[];
}

/** A box as a closed, counter-clockwise ring. */
export function boxRing(b: Bounds): LatLng[] {
  return [
    { lat: b.min_lat, lng: b.min_lng },
    { lat: b.min_lat, lng: b.max_lng },
    { lat: b.max_lat, lng: b.max_lng },
    { lat: b.max_lat, lng: b.min_lng },
    { lat: b.min_lat, lng: b.min_lng },
  ];
}

export const ringOf = (shape: Shape): readonly LatLng[] =>
  shape.bounds ? boxRing(shape.bounds) : (shape.polygon ?? []);

/**
 * The rules of a polygon ring, as GeoJSON (RFC 7946) states them for an exterior ring: at least
 * four points, the last equal to the first (closed), counter-clockwise (the right-hand rule),
 * and no edge that crosses or touches another (simple). Rings may not cross the antimeridian.
 * Holes are not supported: a lake inside a region is a zone with a low spawn modifier.
 */
export function ringProblems(ring: readonly LatLng[]): ShapeProblem[] {
  const at = (i: number) => ['polygon', i];
  if (ring.length < 4)
    return [
      {
        path: ['polygon'],
        message: `a ring needs at least 4 points (3 corners and the first again to close it), got ${ring.length}`,
      },
    ];
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first.lat !== last.lat || first.lng !== last.lng)
    return [
      {
        path: at(ring.length - 1),
        message: `the ring is not closed: the last point must equal the first (${first.lat}, ${first.lng})`,
      },
    ];
  const problems: ShapeProblem[] = [];
  const n = ring.length - 1; // edges
  for (let i = 0; i < n; i++) {
    const [a, b] = [ring[i]!, ring[i + 1]!];
    if (a.lat === b.lat && a.lng === b.lng)
      problems.push({ path: at(i + 1), message: `point ${i + 1} repeats point ${i}` });
    if (Math.abs(b.lng - a.lng) > 180)
      problems.push({ path: at(i + 1), message: 'the edge crosses the antimeridian, which is not supported' });
  }
  if (problems.length > 0) return problems;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (
        adjacent
          ? overlapsCollinear(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)
          : segmentsTouch(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)
      ) {
        problems.push({
          path: at(j),
          message: `the ring intersects itself: edge ${j}->${j + 1} meets edge ${i}->${i + 1}`,
        });
        return problems;
      }
    }
  }
  if (signedArea(ring) < 0)
    problems.push({
      path: ['polygon'],
      message:
        'the ring runs clockwise; GeoJSON exterior rings run counter-clockwise: list the points in reverse order',
    });
  return problems;
}

/** Shoelace area in degree² (x = lng, y = lat): positive when counter-clockwise. */
function signedArea(ring: readonly LatLng[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]!.lng * ring[i + 1]!.lat - ring[i + 1]!.lng * ring[i]!.lat;
  return sum / 2;
}

const cross = (o: LatLng, a: LatLng, b: LatLng) =>
  (a.lng - o.lng) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lng - o.lng);
const within = (a: LatLng, b: LatLng, p: LatLng) =>
  Math.min(a.lng, b.lng) <= p.lng &&
  p.lng <= Math.max(a.lng, b.lng) &&
  Math.min(a.lat, b.lat) <= p.lat &&
  p.lat <= Math.max(a.lat, b.lat);

/** Whether segments ab and cd share any point (crossing, touching or overlapping). */
function segmentsTouch(a: LatLng, b: LatLng, c: LatLng, d: LatLng): boolean {
  const [d1, d2, d3, d4] = [cross(c, d, a), cross(c, d, b), cross(a, b, c), cross(a, b, d)];
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    (d1 === 0 && within(c, d, a)) ||
    (d2 === 0 && within(c, d, b)) ||
    (d3 === 0 && within(a, b, c)) ||
    (d4 === 0 && within(a, b, d))
  );
}

/** Adjacent edges share one endpoint by construction; they are wrong only if they fold back onto each other. */
function overlapsCollinear(a: LatLng, b: LatLng, c: LatLng, d: LatLng): boolean {
  // The shared point is b === c (or a === d for the closing pair); fold-back = collinear and pointing back.
  const [p, q, r] = b.lat === c.lat && b.lng === c.lng ? [a, b, d] : [c, d, b];
  if (cross(p, q, r) !== 0) return false;
  const dot = (p.lng - q.lng) * (r.lng - q.lng) + (p.lat - q.lat) * (r.lat - q.lat);
  return dot > 0;
}
