import { cellAt, cellBoundary, cellCenter, type CellId, type LatLng } from './cells';

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * A point uniform over the cell's hexagon, rounded to 1e-6 degrees (about 0.1 m), that lies in
 * that very cell: the hexagon is split into triangles from its centre, one is picked by area and
 * a point drawn inside it. A point that rounding (or the planar approximation of the cell's
 * edges) pushed into a neighbour is drawn again, so the treasure's cell, and thus its shard, is
 * the one the spawner chose; after 8 misses (never seen) the centre is used.
 */
export function randomPointInCell(cell: CellId, random: () => number): LatLng {
  const c = cellCenter(cell);
  const ring = cellBoundary(cell);
  const areas = ring.map((a, i) => {
    const b = ring[(i + 1) % ring.length]!;
    return Math.abs((a.lng - c.lng) * (b.lat - c.lat) - (a.lat - c.lat) * (b.lng - c.lng));
  });
  const total = areas.reduce((s, a) => s + a, 0);
  for (let attempt = 0; attempt < 8; attempt++) {
    let pick = random() * total;
    let i = 0;
    while (i < areas.length - 1 && pick >= areas[i]!) pick -= areas[i++]!;
    const [a, b] = [ring[i]!, ring[(i + 1) % ring.length]!];
    let [u, v] = [random(), random()];
    if (u + v > 1) [u, v] = [1 - u, 1 - v];
    const p = {
      lat: round6(c.lat + u * (a.lat - c.lat) + v * (b.lat - c.lat)),
      lng: round6(c.lng + u * (a.lng - c.lng) + v * (b.lng - c.lng)),
    };
    if (cellAt(p.lat, p.lng) === cell) return p;
  }
  return { lat: round6(c.lat), lng: round6(c.lng) };
}
