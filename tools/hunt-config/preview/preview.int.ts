/**
 * The real CLI draws config/hunt.toml against a modified copy, and headless Chromium proves the
 * picture: one path per series spanning the plot, plot areas that are not blank, and every
 * series colour on screen. Needs Debian's chromium (/usr/bin/chromium); fails without it.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { REPO_ROOT } from '../paths';
import { runCli } from '../testing/run-cli';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** config/hunt.toml with a bumped version, a higher base rate and likelier legendaries. */
function modifiedCopy(dir: string): string {
  const edits: [RegExp, (...groups: string[]) => string][] = [
    [/^version = (\d+)$/m, (_, v) => `version = ${Number(v) + 1}`],
    [/^base_rate_per_s = .*$/m, () => 'base_rate_per_s = 0.45'],
    [/(\[tiers\.legendary\]\nweight = )\d+/, (_, key) => `${key}8`],
  ];
  let text = readFileSync(join(REPO_ROOT, 'config/hunt.toml'), 'utf8');
  for (const [pattern, replace] of edits) {
    assert.match(text, pattern, `config/hunt.toml no longer matches ${String(pattern)}`);
    text = text.replace(pattern, replace);
  }
  const file = join(dir, 'hunt-next.toml');
  writeFileSync(file, text);
  return file;
}

type Box = { x: number; y: number; width: number; height: number };

/** Inside the boxes: the share of pixels that are not background or grid, and hits per colour. */
function pixelStats(png: PNG, boxes: readonly Box[], colours: readonly string[]) {
  const targets = colours.map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));
  const perColour = new Map(colours.map((c) => [c, 0]));
  let coloured = 0;
  let total = 0;
  for (const box of boxes) {
    // Inset by 2px: the frame's own stroke is not a series.
    for (let y = Math.ceil(box.y) + 2; y < box.y + box.height - 2; y++) {
      for (let x = Math.ceil(box.x) + 2; x < box.x + box.width - 2; x++) {
        const i = (y * png.width + x) * 4;
        const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
        total++;
        // Background and grid are white or light grey; a series pixel is coloured or darker.
        if (Math.max(r, g, b) - Math.min(r, g, b) > 24 || Math.max(r, g, b) < 200) coloured++;
        targets.forEach(([tr, tg, tb], k) => {
          if (Math.abs(r - tr!) + Math.abs(g - tg!) + Math.abs(b - tb!) < 40)
            perColour.set(colours[k]!, perColour.get(colours[k]!)! + 1);
        });
      }
    }
  }
  return { colouredFraction: coloured / total, perColour };
}

describe('hunt-config preview in a browser', () => {
  test('usage errors exit 2: no --out, unknown extension', () => {
    assert.equal(runCli(['preview']).code, 2);
    assert.equal(runCli(['preview', '--out', join(tmpdir(), 'chart.png')]).code, 2);
  });

  test('the season chart of two versions draws every series', async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install it with "apt-get install -y chromium"`);
    const dir = mkdtempSync(join(tmpdir(), 'hunt-preview-'));
    const out = join(dir, 'chart.html');
    const r = runCli(['preview', 'config/hunt.toml', '--vs', modifiedCopy(dir), '--out', out]);
    assert.equal(r.code, 0, r.stderr + r.stdout);

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1300, height: 1100 }, deviceScaleFactor: 1 });
      await page.goto(`file://${out}`);
      assert.match(await page.title(), /config\/hunt\.toml v\d+ vs .*hunt-next\.toml v\d+/);
      assert.equal(await page.locator('tbody tr').count(), 2);
      const legend = await page.locator('[data-legend] text').allTextContents();
      for (const name of ['old-town', 'harbour', 'forest-park', 'common', 'rare', 'legendary'])
        assert.ok(legend.includes(name), `legend lacks ${name}: ${legend.join(', ')}`);

      const plots = await Promise.all((await page.locator('rect[data-plot]').all()).map((p) => p.boundingBox()));
      assert.equal(plots.length, 2);
      const series = await page.locator('path[data-series]').all();
      // 3 zones and 3 tiers, each drawn once per version.
      assert.equal(series.length, (3 + 3) * 2);
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
      assert.equal(strokes.size, 6, 'a colour per zone and per tier');

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
