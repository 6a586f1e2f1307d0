import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startAppProcess, testDeployment } from '@hunt/service-kit/testing';
import { APPS } from './apps';
import { REPO_ROOT } from './identity';
import { TEST_APP_ENV } from './testing/app-env';

// One deployment scope for the three apps: their Redis keys and Kafka topics, removed or unused after.
const scope = testDeployment('test-promtool-metrics');

/** `promtool check metrics` over `text` on stdin: ok only on exit 0 with nothing reported. */
function checkMetrics(text: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile('promtool', ['check', 'metrics'], (error, stdout, stderr) => {
      const e = error as NodeJS.ErrnoException | null;
      if (e?.code === 'ENOENT') reject(new Error("promtool not found: install Debian's prometheus package"));
      else resolve({ ok: !e && stdout + stderr === '', output: stdout + stderr });
    });
    child.stdin!.end(text);
  });
}

/**
 * promtool lints only families that have a sample, and a labelled metric has none until first
 * observed (a claim outcome, a dropped spawn). So each sample-less family gets a zero sample
 * right after its `# TYPE` line: every metric the service declares is linted, used or not.
 */
function withPlaceholderSamples(text: string): string {
  const lines = text.trimEnd().split('\n');
  const sampled = new Set(lines.filter((l) => l && !l.startsWith('#')).map((l) => /^[^{\s]+/.exec(l)![0]));
  return `${lines
    .flatMap((line) => {
      const [, name, type] = /^# TYPE (\S+) (\S+)$/.exec(line) ?? [];
      if (!name) return [line];
      const series =
        type === 'histogram'
          ? [`${name}_bucket{le="+Inf"}`, `${name}_sum`, `${name}_count`]
          : type === 'summary'
            ? [`${name}_sum`, `${name}_count`]
            : [name];
      return series.some((s) => sampled.has(s.replace(/\{.*$/, ''))) ? [line] : [line, ...series.map((s) => `${s} 0`)];
    })
    .join('\n')}\n`;
}

test('the check fails on a problem in a metric that has no sample yet', async () => {
  const res = await checkMetrics(withPlaceholderSamples('# HELP loot_wins Wins\n# TYPE loot_wins counter\n'));
  assert.equal(res.ok, false, 'promtool accepted a counter without _total');
  assert.match(res.output, /loot_wins counter metrics should have "_total" suffix/);
});

after(() => scope.cleanup());

for (const { name } of APPS) {
  describe(`${name} /metrics`, () => {
    let text = '';
    before(async () => {
      const app = await startAppProcess(join(REPO_ROOT, 'apps', name, 'src/main.ts'), {
        ...scope.env,
        ...TEST_APP_ENV[name],
      });
      try {
        text = await (await fetch(`http://127.0.0.1:${app.httpPort}/metrics`)).text();
      } finally {
        await app.stop();
      }
    });

    test('promtool check metrics reports no problem, in any declared metric', async () => {
      assert.match(text, /^# TYPE /m, 'no metric scraped');
      const res = await checkMetrics(withPlaceholderSamples(text));
      assert.ok(res.ok, res.output);
    });

    // `service` is the Prometheus Operator's target label: ours would arrive as `exported_service`.
    test(`every series is labelled hunt_service="${name}", and none \`service\``, () => {
      const samples = text.split('\n').filter((l) => l && !l.startsWith('#'));
      assert.ok(samples.length > 0, 'no sample scraped');
      assert.deepEqual(
        samples.filter((l) => !l.includes(`hunt_service="${name}"`) || /[{,]service=/.test(l)),
        [],
      );
    });
  });
}
