/**
 * The real CLI draws config/hunt.toml's world, and headless Chromium proves the picture: a
 * panel per region, every cell a hexagon on screen, every named zone labelled, a legend and a
 * scale bar, panels that are not blank, and the busier zones in darker shades than their
 * region's rest. Needs Debian's chromium (/usr/bin/chromium); fails without it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PNG } from 'pngjs';
import { launchChromium, pixelStats } from '../testing/chromium';
import { REAL } from '../testing/real-config';
import { runCli } from '../testing/run-cli';

const ids = (table: 'regions' | 'zones') =>
  [...REAL.matchAll(new RegExp(`^\\[\\[${table}\\]\\]\\nid = "([^"]+)"\\nname = "([^"]+)"`, 'gm'))].map((m) => ({
    id: m[1]!,
    name: m[2]!,
  }));

describe('hunt-config map in a browser', () => {
  test('--out - writes the page, and only it, to stdout; a second file is a usage error', () => {
    const r = runCli(['map', '--at', '14d', '--out', '-']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<!doctype html>\n[^]*<svg [^]*<\/html>\n$/);
    const usage = runCli(['map', 'a.toml', 'b.toml']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^hunt-config: map draws one config file\n\nhunt-config map /);
  });

  test("the shipped world: a panel per region, every cell, every zone's label, legend and scale bars", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hunt-map-'));
    const out = join(dir, 'map.html');
    // 18:30 on day 14: inside the daily happy hour, so the shades are the brightest of the day.
    const r = runCli(['map', 'config/hunt.toml', '--at', '14d18h30m', '--out', out]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const [, regionCount, cellCount] = /(\d+) regions, (\d+) cells, [\d.]+ spawns\/s at 2026-12-15 18:30 UTC$/m
      .exec(r.stdout)!
      .map(Number);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1300, height: 1100 }, deviceScaleFactor: 1 });
      await page.goto(`file://${out}`);
      assert.match(await page.title(), /^Hunt world map: config\/hunt\.toml v\d+$/);
      const regions = ids('regions');
      assert.equal(regionCount, regions.length);
      const panels = await page.locator('g[data-region]').all();
      assert.deepEqual(
        await Promise.all(panels.map((g) => g.getAttribute('data-region'))),
        regions.map((x) => x.id),
      );
      assert.equal(await page.locator('tbody tr').count(), regions.length);
      assert.equal(await page.locator('polygon[data-cell]').count(), cellCount);
      const labels = await page.locator('g[data-zone-shape] text').allTextContents();
      assert.deepEqual(
        labels,
        ids('zones').map((z) => z.name),
      );
      assert.ok(await page.locator('[data-legend="density"]').isVisible());
      const bars = await page.locator('g[data-scale-bar] text').allTextContents();
      assert.equal(bars.length, regions.length);
      for (const bar of bars) assert.match(bar, /^\d+(\.\d+)? km$/);

      // Tiergarten spawns at 1.5x the density of the rest of Berlin: a darker shade.
      const fill = (zone: string) => page.locator(`polygon[data-zone="${zone}"]`).first().getAttribute('fill');
      const [park, rest] = await Promise.all([fill('tiergarten'), fill('berlin')]);
      assert.notEqual(park, rest);
      const luminance = (hex: string) => [1, 3, 5].reduce((s, i) => s + parseInt(hex.slice(i, i + 2), 16), 0);
      assert.ok(luminance(park!) < luminance(rest!), `${park} should be darker than ${rest}`);

      // Each panel drawn, mostly in the shade of its region's rest (the cells outside named zones).
      const shot = join(dir, 'map.png');
      const png = PNG.sync.read(await page.screenshot({ path: shot, fullPage: true }));
      for (const { id } of regions) {
        const [box, own] = await Promise.all([page.locator(`rect[data-panel="${id}"]`).boundingBox(), fill(id)]);
        const stats = pixelStats(png, [box!], [own!]);
        assert.ok(stats.colouredFraction > 0.25, `${id}: panel mostly blank (${stats.colouredFraction}); see ${shot}`);
        assert.ok(stats.perColour.get(own!)! > 2000, `${id}: its cells barely drawn; see ${shot}`);
      }
    } finally {
      await browser.close();
    }
  });
});
