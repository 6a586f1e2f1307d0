import { worldOf } from '@hunt/config-schema';
import { editConfigText } from '@hunt/config-schema/testing';
import { SEASON_START_MS, testConfigWith } from '@hunt/difficulty/testing';
import { writeTempConfig } from '@hunt/static-config/testing';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runMap } from '../commands/map';
import { EXIT, UsageError } from '../exit-codes';
import { renderMapHtml } from './html';
import { layoutMap, mapArea, rampColour, ZERO_COLOUR } from './layout';
import { buildWorldMap } from './model';

const config = testConfigWith('', { 'name = "Alpha"': 'name = "Alpha & <Co>"' });
const NOON = SEASON_START_MS + 10 * 86_400_000 + 12 * 3_600_000;
const map = buildWorldMap(config, 'test.toml', NOON);

describe('buildWorldMap', () => {
  test("every cell of the world once, shaded by its zone's density (rate / area) at the instant", () => {
    assert.deepEqual(
      map.regions.map((r) => r.id),
      ['north', 'south'],
    );
    const cells = map.regions.flatMap((r) => r.cells);
    assert.equal(cells.length, worldOf(config).cellCount);
    assert.equal(new Set(cells.map((c) => c.id)).size, cells.length);
    const density = (zone: string) => cells.find((c) => c.zoneId === zone)!.density;
    // beta has modifiers.spawn_rate = 2: twice alpha's density whatever their areas.
    assert.ok(Math.abs(density('beta') / density('alpha') - 2) < 1e-9);
    assert.equal(map.maxDensity, density('beta'));
    assert.ok(Math.abs(map.ratePerS - map.regions.reduce((s, r) => s + r.ratePerS, 0)) < 1e-9);
    assert.ok(map.inSeason);
  });

  test('off season nothing spawns: every cell takes the grey of "nothing spawns"', () => {
    const closed = buildWorldMap(config, 'test.toml', SEASON_START_MS - 60_000);
    assert.equal(closed.inSeason, false);
    assert.equal(closed.maxDensity, 0);
    const layout = layoutMap(closed);
    assert.ok(closed.regions.every((r) => r.cells.every((c) => layout.colour(c.density) === ZERO_COLOUR)));
  });
});

describe('layoutMap', () => {
  const layout = layoutMap(map);

  test('a panel per region in a grid; each projection keeps its region inside its own map area', () => {
    assert.equal(layout.panels.length, 2);
    assert.notEqual(layout.panels[0]!.x, layout.panels[1]!.x);
    for (const p of layout.panels) {
      const area = mapArea(p);
      for (const point of [...p.region.ring, ...p.region.cells.flatMap((c) => c.boundary)]) {
        const [x, y] = p.project(point);
        assert.ok(x >= area.x && x <= area.x + area.width && y >= area.y && y <= area.y + area.height, `${x},${y}`);
      }
      assert.ok(p.scaleBar.px > 20 && p.scaleBar.px <= area.width / 4, `scale bar ${p.scaleBar.px}px`);
    }
  });

  test('north is up and east is right; a km is as long east-west as north-south (cos(lat))', () => {
    const p = layout.panels[0]!;
    const [x0, y0] = p.project({ lat: 10.01, lng: 20.01 });
    const [x1, y1] = p.project({ lat: 10.019, lng: 20.01 });
    const [x2] = p.project({ lat: 10.01, lng: 20.01 + 0.009 / Math.cos((10.01 * Math.PI) / 180) });
    assert.ok(y1 < y0, 'north is up');
    assert.ok(Math.abs(x2 - x0 - (y0 - y1)) < 0.01 * (y0 - y1), 'same length both ways');
    assert.equal(x1, x0);
  });

  test('the ramp runs light to dark; the top of the scale is a round number at or above the densest cell', () => {
    assert.equal(rampColour(0), '#ffffb2');
    assert.equal(rampColour(1), '#bd0026');
    assert.ok(layout.densityTop >= map.maxDensity);
    assert.equal(layout.densityTicks.at(-1), layout.densityTop);
  });
});

describe('renderMapHtml', () => {
  test('one polygon per cell, a group per region and per named zone, names escaped', () => {
    const html = renderMapHtml(map);
    assert.match(html, /^<!doctype html>/);
    assert.equal([...html.matchAll(/<polygon data-cell="/g)].length, worldOf(config).cellCount);
    assert.equal([...html.matchAll(/<g data-region="/g)].length, 2);
    assert.equal([...html.matchAll(/<g data-zone-shape="/g)].length, 2);
    assert.match(html, />Alpha &amp; &lt;Co&gt;<\/text>/);
    assert.match(html, /<g data-scale-bar="[\d.]+">/);
    assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org\/2000\/svg)/, 'nothing to fetch');
  });
});

describe('runMap', () => {
  const file = writeTempConfig();
  const dir = mkdtempSync(join(tmpdir(), 'hunt-map-'));
  const run = (args: Partial<Parameters<typeof runMap>[0]>) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runMap(
      { file, nowMs: NOON, ...args },
      (s) => out.push(s),
      (s) => err.push(s),
    );
    return { code, out, err };
  };

  test('writes the page and says what it drew; --at takes an instant or an offset from the season start', () => {
    const target = join(dir, 'map.html');
    const r = run({ out: target, at: '10d12h' });
    assert.equal(r.code, EXIT.ok);
    assert.match(r.out[0]!, /map\.html: 2 regions, \d+ cells, [\d.]+ spawns\/s at 2026-01-11 12:00 UTC$/);
    assert.match(readFileSync(target, 'utf8'), /^<!doctype html>/);
  });

  test('by default now; outside a closed season its start, said on stderr', () => {
    const r = run({ nowMs: SEASON_START_MS - 86_400_000 });
    assert.equal(r.code, EXIT.ok);
    assert.match(r.out.join('\n'), /^<!doctype html>[^]*at 2026-01-01 00:00 UTC: /);
    assert.match(r.err[0]!, /now is outside season test-season: drawn at its start, 2026-01-01 00:00 UTC/);
  });

  test('usage errors: a terminal as stdout, a malformed --at; an invalid file exits 1 with its problems', () => {
    assert.throws(() => run({ stdoutIsTty: true }), /give --out map\.html/);
    assert.throws(() => run({ at: 'yesterday', out: join(dir, 'x.html') }), UsageError);
    const bad = writeTempConfig(editConfigText({ 'radius_m = 25': 'radius_m = -1' }));
    const r = run({ file: bad });
    assert.equal(r.code, EXIT.invalid);
    assert.deepEqual(r.out, []);
    assert.match(r.err.join('\n'), /claim\.radius_m: /);
  });
});
