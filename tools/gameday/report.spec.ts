import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderReport } from './report';
import { summarise } from './summary';
import { buildRun, guardedRun, unguardedRun } from './testing/fixtures';

const page = (...runs: ReturnType<typeof buildRun>[]) => renderReport(runs, runs.map(summarise));

describe('renderReport', () => {
  test('an unguarded run that held says so, and why in the words of its notes', () => {
    const html = page(guardedRun(), buildRun({ guarded: false, notes: ['offered <50 % & the "pipeline" kept up'] }));
    assert.match(html, /<p data-verdict="held"[^>]*><strong>The unguarded run did not break\.<\/strong>/);
    assert.match(html, /The run says why: offered &lt;50 % &amp; the &quot;pipeline&quot; kept up/);
    assert.doesNotMatch(html, /<50 %/, 'notes are escaped');
  });

  test('without notes the held verdict gives the scale it ran at', () => {
    const html = page(buildRun({ guarded: false }));
    assert.match(html, /The run recorded no reason\. It ran at 16 requests\/s \(50 % of the API's measured capacity\)/);
    assert.match(html, /against a demand of 180 events\/s from v2/);
  });

  test('a broken unguarded run is not called held; the guarded run comes first whatever the order given', () => {
    const html = page(unguardedRun(), guardedRun());
    assert.doesNotMatch(html, /data-verdict="held"/);
    assert.match(html, /data-verdict="broke"/);
    assert.ok(html.indexOf('data-run="guarded"') < html.indexOf('data-run="unguarded"'));
    assert.match(html, /loot lag never recovered/);
  });

  test('text from the run is escaped everywhere: alert labels, route and service names', () => {
    const run = buildRun({
      row: () => ({
        routes: { '<route>': { count: 9, p50Ms: 1, p99Ms: 2, outcomes: { '200': 9 } } },
        versions: { 'a&b': [1] },
      }),
      alerts: () => [{ name: 'Hunt"Odd"', labels: { pod: '<pod>' }, firedS: 6, resolvedS: 8 }],
    });
    const html = page(run);
    for (const raw of ['<route>', '<pod>', 'a&b', 'Hunt"Odd"']) assert.ok(!html.includes(raw), raw);
    for (const escaped of ['&lt;route&gt;', '&lt;pod&gt;', 'a&amp;b', 'Hunt&quot;Odd&quot;'])
      assert.ok(html.includes(escaped), escaped);
  });

  test('runs and summaries must pair up', () => {
    const run = buildRun();
    assert.throws(() => renderReport([run], []), /1 runs but 0 summaries/);
    assert.throws(() => renderReport([], []), /0 runs/);
    assert.throws(() => renderReport([run], [summarise(buildRun({ guarded: false }))]), /disagree on guarded/);
  });
});
