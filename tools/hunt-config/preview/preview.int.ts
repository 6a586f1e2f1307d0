/**
 * The real CLI draws config/hunt.toml against a modified copy, and headless Chromium proves the
 * picture: a line per region and per busiest zone (not per zone), one path per series spanning
 * the plot, plot areas that are not blank, and every series colour on screen. Needs Debian's
 * chromium (/usr/bin/chromium); fails without it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PNG } from 'pngjs';
import { launchChromium, pixelStats, type Box } from '../testing/chromium';
import { REAL } from '../testing/real-config';
import { runCli } from '../testing/run-cli';
import { TOP_ZONES } from './series';

/** config/hunt.toml with a bumped version, a higher base density and likelier legendaries. */
function modifiedCopy(dir: string): string {
  const edits: [RegExp, (...groups: string[]) => string][] = [
    [/^version = (\d+)$/m, (_, v) => `version = ${Number(v) + 1}`],
    [/^base_density_per_km2_s = .*$/m, () => 'base_density_per_km2_s = 2.0'],
    [/(\[tiers\.legendary\]\nweight = )\d+/, (_, key) => `${key}8`],
  ];
  let text = REAL;
  for (const [pattern, replace] of edits) {
    assert.match(text, pattern, `config/hunt.toml no longer matches ${String(pattern)}`);
    text = text.replace(pattern, replace);
  }
  const file = join(dir, 'hunt-next.toml');
  writeFileSync(file, text);
  return file;
}

describe('hunt-config preview in a browser', () => {
  test('usage errors exit 2: no --out, unknown extension', () => {
    assert.equal(runCli(['preview']).code, 2);
    assert.equal(runCli(['preview', '--out', join(tmpdir(), 'chart.png')]).code, 2);
  });

  test('the season chart of two versions draws every series', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hunt-preview-'));
    const out = join(dir, 'chart.html');
    const r = runCli(['preview', 'config/hunt.toml', '--vs', modifiedCopy(dir), '--out', out]);
    assert.equal(r.code, 0, r.stderr + r.stdout);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1300, height: 1100 }, deviceScaleFactor: 1 });
      await page.goto(`file://${out}`);
      assert.match(await page.title(), /config\/hunt\.toml v\d+ vs .*hunt-next\.toml v\d+/);
      assert.equal(await page.locator('tbody tr').count(), 2);
      const legend = (group: string) => page.locator(`[data-legend="${group}"] text`).allTextContents();
      assert.deepEqual(await legend('region'), ['berlin', 'hamburg', 'munich', 'cologne']);
      assert.deepEqual(await legend('rarity'), ['common', 'rare', 'legendary']);
      const zones = await legend('zone');
      assert.equal(zones.length, TOP_ZONES, `the busiest zones only: ${zones.join(', ')}`);
      const named = [...REAL.matchAll(/^\[\[zones\]\]\nid = "([^"]+)"/gm)].map((m) => m[1]);
      for (const zone of zones) assert.ok(named.includes(zone), `${zone} is not a named zone`);

      const plots = await Promise.all((await page.locator('rect[data-plot]').all()).map((p) => p.boundingBox()));
      assert.equal(plots.length, 3);
      const series = await page.locator('path[data-series]').all();
      // 4 regions, 5 zones and 3 tiers, each drawn once per version.
      assert.equal(series.length, (4 + TOP_ZONES + 3) * 2);
      const strokes = new Set<string>();
      for (const path of series) {
        const [id, stroke, box] = await Promise.all([
          path.getAttribute('data-series'),
          path.getAttribute('stroke'),
          path.boundingBox(),
        ]);
        assert.ok(box && box.width > 0.95 * plots[0]!.width, `${id} does not span the plot`);
        strokes.add(stroke!);
      }
      assert.equal(strokes.size, 4 + TOP_ZONES + 3, 'a colour per region, zone and tier');

      const shot = join(dir, 'chart.png');
      const stats = pixelStats(PNG.sync.read(await page.screenshot({ path: shot })), plots as Box[], [...strokes]);
      assert.ok(stats.colouredFraction > 0.02, `plot mostly blank (${stats.colouredFraction}); see ${shot}`);
      for (const [colour, hits] of stats.perColour)
        assert.ok(hits > 100, `series colour ${colour} barely drawn (${hits} px); see ${shot}`);
    } finally {
      await browser.close();
    }
  });
});
