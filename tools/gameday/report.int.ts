/**
 * The game-day page as a reader sees it in headless Chromium: a guarded run that holds and an
 * unguarded one that breaks, side by side, each with its phase strip and every chart drawn,
 * and the targets table marking exactly the unguarded run's misses. Needs Debian's chromium
 * (/usr/bin/chromium); fails without it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { PNG } from 'pngjs';
import { launchChromium, pixelStats } from '../hunt-config/testing/chromium';
import { renderReport } from './report';
import { summarise } from './summary';
import { TARGETS, type CheckName } from './targets';
import { guardedRun, PHASE_NAMES, unguardedRun } from './testing/fixtures';

/** An element as the test reads it: tools/ type-checks without the DOM lib, hence this shape. */
interface El {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  getBoundingClientRect(): { x: number; y: number; width: number; height: number };
}
/** Every element the locator matches: the named attributes, its text and its box, in one round trip. */
const read = (l: Locator, names: readonly string[] = []) =>
  l.evaluateAll(
    (els: El[], ns: readonly string[]) =>
      els.map((e) => {
        const { x, y, width, height } = e.getBoundingClientRect();
        const attrs = Object.fromEntries(ns.map((n) => [n, e.getAttribute(n)]));
        return { attrs, text: e.textContent ?? '', box: { x, y, width, height } };
      }),
    names,
  );
const CHARTS = ['phases', 'p99', 'spawns', 'loot-lag', 'loot-age', 'claims', 'outbox', 'versions', 'alerts'];

describe('game-day report in a browser', () => {
  test('both runs side by side, every chart drawn, the unguarded misses marked failed', async () => {
    const runs = [unguardedRun(), guardedRun()];
    const summaries = runs.map(summarise);
    const dir = mkdtempSync(join(tmpdir(), 'gameday-report-'));
    const out = join(dir, 'report.html');
    writeFileSync(out, renderReport(runs, summaries));

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1320, height: 1000 }, deviceScaleFactor: 1 });
      const errors: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => void (r.url().startsWith('file://') || errors.push(`fetched ${r.url()}`)));
      await page.goto(`file://${out}`);
      assert.equal(await page.title(), 'Game day: hunt config v1 -> v2, rolled out and back');

      const sections = page.locator('section[data-run]');
      const [left, right] = await read(sections, ['data-run']);
      assert.deepEqual([left?.attrs['data-run'], right?.attrs['data-run']], ['guarded', 'unguarded']);
      assert.ok(right!.box.x >= left!.box.x + left!.box.width, 'two columns side by side');
      assert.ok(Math.abs(right!.box.y - left!.box.y) < 2, 'two columns side by side');
      assert.match((await sections.nth(0).locator('[data-verdict]').textContent())!, /met every target/);
      assert.match((await sections.nth(1).locator('[data-verdict="broke"]').textContent())!, /broke/);

      const shot = join(dir, 'report.png');
      const png = PNG.sync.read(await page.screenshot({ path: shot, fullPage: true }));
      for (const id of ['guarded', 'unguarded']) {
        const section = page.locator(`section[data-run="${id}"]`);
        const charts = await read(section.locator('svg[data-chart]'), ['data-chart']);
        assert.deepEqual(
          charts.map((c) => c.attrs['data-chart']),
          CHARTS,
          id,
        );
        assert.deepEqual(await section.locator('[data-phase-label]').allTextContents(), PHASE_NAMES, id);
        const plots = (await read(section.locator('rect[data-plot]'))).map((p) => p.box);
        const paths = await read(section.locator('path[data-series]'), ['data-series', 'd']);
        assert.ok(paths.length >= 12, `${id}: ${paths.length} series`);
        for (const { attrs, box } of paths) {
          const series = attrs['data-series'];
          assert.match(attrs.d!, /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){10,}/, `${id} ${series}: an empty path`);
          // v2 spawns only from the rollout to the rollback's end: 72 of the replay's 132 s.
          const share = series === 'spawns:v2' ? 0.5 : 0.95;
          assert.ok(box.width > share * plots[0]!.width, `${id} ${series} does not span its part of the plot`);
        }
        assert.ok((await section.locator('[data-chart="versions"] g[data-span]').count()) >= 3 * 3, `${id}: versions`);
        assert.ok((await section.locator('[data-chart="alerts"] g[data-span="HuntConfigStale"]').count()) >= 1, id);

        const stats = pixelStats(png, plots, []);
        assert.ok(stats.colouredFraction > 0.05, `${id}: plots mostly blank (${stats.colouredFraction}); see ${shot}`);
      }

      const verdicts = (await read(page.locator('span[data-check]'), ['data-run', 'data-check', 'data-pass'])).map(
        ({ attrs, text, box }) => ({
          run: attrs['data-run'],
          check: attrs['data-check'],
          pass: attrs['data-pass'],
          text,
          visible: box.width > 0 && box.height > 0,
        }),
      );
      const failedOf = (run: string) =>
        verdicts
          .filter((v) => v.run === run && v.pass === 'false' && v.text === 'FAIL' && v.visible)
          .map((v) => v.check);
      const expected = (Object.keys(TARGETS) as CheckName[]).filter((c) => !summaries[0]!.checks[c]);
      assert.deepEqual(expected, [
        'p99_ratio',
        'errors_5xx',
        'kafka_over_cap',
        'lag_recovered',
        'zones_double_owned',
        'listed_not_found',
      ]);
      assert.deepEqual(failedOf('unguarded'), expected);
      assert.deepEqual(failedOf('guarded'), []);
      assert.equal(verdicts.length, 2 * Object.keys(TARGETS).length);
      assert.ok(await page.getByText('42 min').isVisible(), 'the story figures');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});
