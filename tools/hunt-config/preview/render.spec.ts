import { MINUTE_MS, SEASON_START_MS, testConfigWith } from '@hunt/difficulty/testing';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderHtml } from './html';
import { layoutChart } from './layout';
import { buildChart } from './series';
import { renderSvg } from './svg';

const config = testConfigWith('');
const next = testConfigWith('', { 'version = 7': 'version = 8' });
const from = SEASON_START_MS;
const to = from + 3 * 1440 * MINUTE_MS;
const single = buildChart([{ label: 'a.toml', config }], from, to);
const both = buildChart(
  [
    { label: 'a.toml', config },
    { label: 'b & c.toml', config: next },
  ],
  from,
  to,
);
const seriesPaths = (svg: string) => [...svg.matchAll(/<path data-series="([^"]+)"[^>]*>/g)];

describe('chart rendering', () => {
  test('one path per series: (regions + zones + tiers) x versions, in a panel each', () => {
    assert.equal(seriesPaths(renderSvg(single)).length, 2 + 2 + 2);
    assert.deepEqual(
      [...renderSvg(single).matchAll(/<g data-panel="([^"]+)">/g)].map((m) => m[1]),
      ['region', 'zone', 'rarity'],
    );
    const paths = seriesPaths(renderSvg(both));
    assert.equal(paths.length, (2 + 2 + 2) * 2);
    assert.ok(paths.filter((p) => p[1]!.endsWith(':1')).every((p) => p[0].includes('stroke-dasharray')));
    assert.ok(paths.filter((p) => p[1]!.endsWith(':0')).every((p) => !p[0].includes('stroke-dasharray')));
  });

  test('the legend names each version with its line style, then regions, zones and tiers', () => {
    const legend = layoutChart(both).legend;
    assert.deepEqual(
      legend.map((e) => [e.group, e.label, e.dash]),
      [
        ['version', 'a.toml v7', undefined],
        ['version', 'b & c.toml v8', '7 4'],
        ['region', 'north', undefined],
        ['region', 'south', undefined],
        ['zone', 'alpha', undefined],
        ['zone', 'beta', undefined],
        ['rarity', 'common', undefined],
        ['rarity', 'rare', undefined],
      ],
    );
    assert.equal(new Set(legend.filter((e) => e.group !== 'version').map((e) => e.colour)).size, 6);
  });

  test('title and axis labels: both versions, UTC times, escaped', () => {
    const svg = renderSvg(both);
    assert.match(svg, /<title>Hunt config preview: a\.toml v7 vs b &amp; c\.toml v8<\/title>/);
    assert.match(svg, />2026-01-01 00:00 UTC to 2026-01-04 00:00 UTC\./);
    assert.match(svg, />18:00<\/text>/);
    assert.match(svg, />Thu Jan 01<\/text>/);
    assert.match(svg, />time \(UTC\)<\/text>/);
  });

  test('html embeds the svg and tabulates the versions', () => {
    const html = renderHtml(both);
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const rows = [...html.matchAll(/<tr><td>(solid|dashed)<\/td><td>([^<]+)<\/td><td>(\d+)<\/td>/g)];
    assert.deepEqual(
      rows.map((r) => [r[1], r[2], r[3]]),
      [
        ['solid', 'a.toml', '7'],
        ['dashed', 'b &amp; c.toml', '8'],
      ],
    );
  });
});
