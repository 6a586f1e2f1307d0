import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cellAt, shardAt, shardOfCell } from './cells';
import { ringProblems } from './geometry';
import { randomPointInCell } from './sample';
import { tileWorld, type WorldInput } from './tiling';

const box = (minLat: number, minLng: number, maxLat: number, maxLng: number) => ({
  min_lat: minLat,
  min_lng: minLng,
  max_lat: maxLat,
  max_lng: maxLng,
});
const input = (over: Partial<WorldInput<string>> = {}): WorldInput<string> => ({
  regions: [{ id: 'city', name: 'City', bounds: box(52.5, 13.38, 52.53, 13.43), modifiers: 'region' }],
  zones: [
    {
      id: 'park',
      name: 'Park',
      region: 'city',
      modifiers: 'park',
      polygon: [
        { lat: 52.505, lng: 13.39 },
        { lat: 52.505, lng: 13.41 },
        { lat: 52.52, lng: 13.4 },
        { lat: 52.505, lng: 13.39 },
      ],
    },
  ],
  limits: { max_cells: 10_000 },
  ...over,
});

test('a ring must be closed, counter-clockwise and simple; each problem names the point', () => {
  const p = (lat: number, lng: number) => ({ lat, lng });
  assert.deepEqual(ringProblems([p(0, 0), p(0, 1), p(1, 1), p(0, 0)]), []);
  assert.match(ringProblems([p(0, 0), p(0, 1), p(1, 1)])[0]!.message, /at least 4 points/);
  assert.deepEqual(ringProblems([p(0, 0), p(0, 1), p(1, 1), p(1, 0)])[0]!.path, ['polygon', 3]);
  assert.match(ringProblems([p(0, 0), p(1, 1), p(0, 1), p(0, 0)])[0]!.message, /clockwise/);
  const bowtie = ringProblems([p(0, 0), p(0, 1), p(1, 0), p(1, 1), p(0, 0)]);
  assert.match(bowtie[0]!.message, /intersects itself: edge 3->4 meets edge 1->2/);
  assert.match(ringProblems([p(0, 0), p(0, 1), p(0, 0.5), p(1, 0), p(0, 0)])[0]!.message, /intersects itself/);
  assert.match(ringProblems([p(0, 179), p(0, -179), p(1, -179), p(0, 179)])[0]!.message, /antimeridian/);
});

test('tiling is a pure function of the config: every cell in exactly one zone, the remainder named after its region', () => {
  const a = tileWorld(input());
  const b = tileWorld(input());
  assert.ok(a.world && b.world);
  assert.deepEqual(
    a.world.zones.map((z) => [z.id, z.cells]),
    b.world.zones.map((z) => [z.id, z.cells]),
  );
  const [park, rest] = a.world.zones;
  assert.equal(park!.id, 'park');
  assert.equal(rest!.id, 'city');
  assert.equal(rest!.remainder, true);
  assert.equal(rest!.modifiers, 'region');
  assert.ok(park!.cells.length > 10, `park has ${park!.cells.length} cells`);
  assert.equal(new Set([...park!.cells, ...rest!.cells]).size, a.world.cellCount);
  assert.equal(a.world.regions[0]!.cellCount, a.world.cellCount);
  // Box of 3.3 km x 3.4 km at res 9 (0.105 km² a cell): about 107 cells.
  assert.ok(a.world.cellCount > 90 && a.world.cellCount < 125, `${a.world.cellCount} cells`);
  for (const shard of a.world.shards) {
    for (const part of shard.parts) for (const cell of part.cells) assert.equal(shardOfCell(cell), shard.id);
  }
  assert.deepEqual(
    a.world.shards.map((s) => s.id),
    [...a.world.shards.map((s) => s.id)].sort(),
  );
});

test('zones outside their region, overlapping zones, empty zones and too many cells are refused at their key', () => {
  const outside = tileWorld(
    input({
      zones: [{ id: 'far', name: 'Far', region: 'city', modifiers: '', bounds: box(52.52, 13.42, 52.54, 13.44) }],
    }),
  );
  assert.deepEqual(outside.problems[0]!.path, ['zones', 0]);
  assert.match(outside.problems[0]!.message, /cells lie outside its region "city"/);

  const z = (id: string, b: ReturnType<typeof box>) => ({ id, name: id, region: 'city', modifiers: '', bounds: b });
  const overlap = tileWorld(
    input({ zones: [z('a', box(52.5, 13.38, 52.51, 13.4)), z('b', box(52.505, 13.39, 52.515, 13.41))] }),
  );
  assert.deepEqual(overlap.problems[0]!.path, ['zones', 1]);
  assert.match(overlap.problems[0]!.message, /shares \d+ cells with zones\[0\] \("a"\)/);

  const tiny = tileWorld(input({ zones: [z('dot', box(52.51, 13.4, 52.5101, 13.4001))] }));
  assert.match(tiny.problems[0]!.message, /zone "dot" covers no cell/);

  const capped = tileWorld(input({ limits: { max_cells: 50 } }));
  assert.deepEqual(capped.problems[0]!.path, ['limits', 'max_cells']);
  assert.match(capped.problems[0]!.message, /tiles into \d+ cells, more than limits.max_cells \(50\)/);

  const country = tileWorld(
    input({ regions: [{ id: 'city', name: 'C', modifiers: '', bounds: box(40, 0, 55, 20) }], zones: [] }),
  );
  assert.match(country.problems[0]!.message, /tiles into about \d+ cells/);

  const unknown = tileWorld(input({ zones: [{ ...z('a', box(52.5, 13.38, 52.51, 13.4)), region: 'nowhere' }] }));
  assert.match(unknown.problems[0]!.message, /no region named "nowhere"/);
});

test("a random point in a cell lies in that cell, so its shard is the cell's shard", () => {
  const world = tileWorld(input()).world!;
  const cells = world.zones.flatMap((z) => z.cells);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: cells.length - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 2 }), (i, seed) => {
      let x = seed;
      const random = () => (x = (x * 16807) % 2147483647) / 2147483647;
      const p = randomPointInCell(cells[i]!, random);
      assert.equal(cellAt(p.lat, p.lng), cells[i]);
      assert.equal(shardAt(p.lat, p.lng), shardOfCell(cells[i]!));
      assert.equal(p.lat, Math.round(p.lat * 1e6) / 1e6);
    }),
  );
});
