import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { worldOf } from '@hunt/config-schema';
import { createDifficulty } from '@hunt/difficulty';
import { SEASON_START_MS, testConfigWith } from '@hunt/difficulty/testing';
import { createBotStats } from './bots';
import { startLiveFrame } from './live-frame';
import { summaryLines, type SummarySnapshot } from './summary-frame';

const NOW = SEASON_START_MS + 3 * 86_400_000;

/**
 * The test config's two zones and 998 more in a 40 x 25 grid of boxes (each about 6 cells) inside
 * a region `grid` a little larger (its remainder, spawning at a tenth, is one more zone): 1,001 zones. z-0500 is by far
 * the busiest, z-0501 next.
 */
const zonesToml = [
  `[[regions]]\nid = "grid"\nname = "Grid"\nmodifiers = { spawn_rate = 0.1 }\nbounds = { min_lat = 0.99, min_lng = 0.99, max_lat = 1.21, max_lng = 1.26 }\n`,
  ...Array.from({ length: 998 }, (_, i) => {
    const n = i + 3;
    const spawn = n === 500 ? 50 : n === 501 ? 40 : 1 + (n % 7) / 10;
    const [row, col] = [Math.floor(i / 40), i % 40];
    const box = `min_lat = ${1 + row * 0.008}, min_lng = ${1 + col * 0.00625}, max_lat = ${1 + (row + 1) * 0.008}, max_lng = ${1 + (col + 1) * 0.00625}`;
    return `[[zones]]\nid = "z-${String(n).padStart(4, '0')}"\nname = "Z${n}"\nregion = "grid"\nmodifiers = { spawn_rate = ${spawn} }\nbounds = { ${box} }\n`;
  }),
].join('\n');
const config = testConfigWith(zonesToml);
const world = worldOf(config);
const ZONES = world.zones.length;

function snapshot(): SummarySnapshot {
  const stats = createBotStats();
  stats.claims.set('won', 4).set('HUNT_ERR_ALREADY_CLAIMED', 9).set('HUNT_ERR_TREASURE_NOT_FOUND', 3);
  stats.claims.set('HUNT_ERR_TOO_FAR', 2).set('network', 1).set('http_502', 1);
  stats.readFailures.set('HUNT_ERR_RATE_LIMITED', 5);
  return {
    spawnsPerS: 306.2,
    claimsPerS: 1.4,
    apiP99Ms: 9.9,
    liveTreasures: 12_345,
    versions: [
      { name: 'loot-service', version: 2 },
      { name: 'spawner', version: 2 },
      { name: 'hunt-api', version: 2 },
    ],
    staleSeconds: 0,
    bots: 5,
    stats,
    config,
  };
}

/** A TTY as the summary sees one: size, 'resize' events, and everything written. */
function fakeTty(columns: number, rows: number) {
  const writes: string[] = [];
  const out = Object.assign(new EventEmitter(), { isTTY: true, columns, rows, write: (t: string) => writes.push(t) });
  return { out, writes };
}

/** A write's frame: the cursor-up count before it (ESC [ n A, ESC [ J) and its lines. */
function parse(write: string): { up: number; lines: string[] } {
  const prefix = /^(.)\[(\d+)A(.)\[J/.exec(write);
  if (prefix) assert.deepEqual([prefix[1], prefix[3]], ['\x1b', '\x1b']);
  const text = write.slice(prefix?.[0].length ?? 0);
  return { up: Number(prefix?.[2] ?? 0), lines: text.replace(/\n$/, '').split('\n') };
}

test('a frame of 1,001 zones fits the screen: totals, the busiest zones first, and how many more', () => {
  assert.equal(ZONES, 1001);
  const lines = summaryLines(NOW, snapshot(), 79, 23);
  assert.equal(lines.length, 23);
  for (const line of lines) assert.ok(line.length <= 79, line);
  const total = world.zones.reduce((sum, z) => sum + createDifficulty(config).at(z.id, NOW)!.spawnRatePerS, 0);
  const wide = summaryLines(NOW, snapshot(), 400, 23);
  assert.equal(
    wide[5],
    `world    3 regions, 1001 zones, ${world.cellCount} cells, ${world.shards.length} shards; target ${total.toFixed(2)} spawns/s this minute, decay 10.0 s; busiest:`,
  );
  assert.match(lines[6]!, /^ {2}z-0500 {11}spawn \d+\.\d\d\/s {2}loot x1\.00 {2}common \d+% rare \d+%$/);
  assert.match(lines[7]!, /^ {2}z-0501 /);
  const rates = lines.slice(6, -1).map((l) => Number(/spawn (\d+\.\d+)\/s/.exec(l)![1]));
  assert.deepEqual(
    rates,
    [...rates].sort((a, b) => b - a),
  );
  assert.equal(lines.at(-1), `… and ${ZONES - rates.length} more zones`);
});

test('claim outcomes are listed by code, as many as fit the width', () => {
  const [, , , claims, reads] = summaryLines(NOW, snapshot(), 79, 23);
  assert.equal(claims, 'claims   won 4, HUNT_ERR_ALREADY_CLAIMED 9, +4 more');
  assert.equal(
    summaryLines(NOW, snapshot(), 82, 23)[3],
    'claims   won 4, HUNT_ERR_ALREADY_CLAIMED 9, HUNT_ERR_TREASURE_NOT_FOUND 3, +3 more',
  );
  assert.equal(reads, 'reads    failed: HUNT_ERR_RATE_LIMITED 5');
  const wide = summaryLines(NOW, snapshot(), Infinity, 23)[3];
  assert.equal(
    wide,
    'claims   won 4, HUNT_ERR_ALREADY_CLAIMED 9, HUNT_ERR_TREASURE_NOT_FOUND 3, HUNT_ERR_TOO_FAR 2, http_502 1, network 1',
  );
});

test('a screen too short for any zone shows the first lines only; a tall one shows every zone', () => {
  assert.equal(summaryLines(NOW, snapshot(), 79, 3).length, 3);
  assert.equal(summaryLines(NOW, snapshot(), 79, 7).at(-1), `… and ${ZONES} more zones`);
  const all = summaryLines(NOW, snapshot(), 200, 2000);
  assert.equal(all.length, 6 + ZONES);
  assert.ok(!all.some((l) => l.includes('more zones')));
});

test('on a TTY each redraw goes up by the rows drawn and stays within the screen, also after a resize', () => {
  const { out, writes } = fakeTty(80, 24);
  const frame = startLiveFrame({
    out,
    render: (width, height) => summaryLines(NOW, snapshot(), width, height),
    plainLines: 10,
    ttyEveryMs: 3_600_000,
  });
  try {
    frame.draw();
    frame.draw();
    const [first, second] = writes.map(parse);
    assert.equal(first!.up, 0);
    assert.ok(first!.lines.length <= 23);
    for (const line of first!.lines) assert.ok(line.length <= 80, line);
    assert.equal(second!.up, first!.lines.length);

    out.columns = 40;
    out.emit('resize');
    assert.equal(writes.length, 3);
    const resized = parse(writes[2]!);
    for (const line of resized.lines) assert.ok(line.length <= 40, line);
    // The old 80-column lines may have been reflowed onto two rows each.
    assert.ok(resized.up >= second!.lines.length);
    frame.draw();
    assert.equal(parse(writes[3]!).up, resized.lines.length);
  } finally {
    frame.stop();
  }
  assert.equal(out.listenerCount('resize'), 0);
});

test('off a TTY the frame is one plain line with the header and the three busiest zones', () => {
  const writes: string[] = [];
  const out = Object.assign(new EventEmitter(), { isTTY: false, write: (t: string) => writes.push(t) });
  const frame = startLiveFrame({
    out,
    render: (width, height) => summaryLines(NOW, snapshot(), width, height),
    plainLines: 10,
    plainEveryMs: 3_600_000,
  });
  frame.draw();
  frame.stop();
  assert.equal(writes.length, 1);
  assert.match(writes[0]!, /^\S+Z spawns\/s 306\.20 claims\/s 1\.40 .*\| z-0500 spawn .*\| … and 998 more zones\n$/);
  assert.equal(writes[0]!.split('\n').length, 2);
});
