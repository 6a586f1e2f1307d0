import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { parseDocument } from 'yaml';
import { REPO_ROOT } from './identity';
import { RELEASE_SETTINGS } from './settings';

const run = promisify(execFile);
const DIR = join(REPO_ROOT, 'deploy/prometheus');

async function promtool(args: string[], cwd: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run('promtool', args, { cwd });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error("promtool not found: install Debian's prometheus package (apt-get install prometheus)");
    }
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  annotations?: Record<string, string>;
}
const alertsText = readFileSync(join(DIR, 'alerts.yml'), 'utf8');
const rules = (parseDocument(alertsText).toJS() as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
const alertNames = rules.flatMap((r) => (r.alert ? [r.alert] : []));
const testsText = readFileSync(join(DIR, 'alerts.test.yml'), 'utf8');

describe('deploy/prometheus/alerts.yml', () => {
  // Every loop below runs once per alert name: an empty or misread list would pass them all.
  test('the alert names are read completely: one per `- alert:` line, none missing', () => {
    const byLine = [...alertsText.matchAll(/^\s*- alert: (\S+)$/gm)].map((m) => m[1]);
    assert.ok(alertNames.length > 0, 'no alerts read from alerts.yml');
    assert.deepEqual(alertNames, byLine);
  });

  // Alertmanager and Grafana link `runbook_url` (a URL); a repo path or a renamed heading links nowhere.
  test('every alert links its runbook: an https URL into deploy/README.md at an anchor it has', () => {
    const readme = readFileSync(join(REPO_ROOT, 'deploy/README.md'), 'utf8');
    const anchors = new Set([...readme.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    const base = `${RELEASE_SETTINGS.repositoryUrl}/blob/main/deploy/README.md#`;
    const wrong = rules.flatMap((r) => {
      if (!r.alert) return [];
      const url = r.annotations?.['runbook_url'] ?? '';
      if (!URL.canParse(url) || new URL(url).protocol !== 'https:') return [`${r.alert}: not an https URL: '${url}'`];
      if (!url.startsWith(base)) return [`${r.alert}: ${url} does not start with ${base}`];
      if (!anchors.has(new URL(url).hash.slice(1))) return [`${r.alert}: deploy/README.md has no <a id> for ${url}`];
      return r.annotations?.['runbook'] === undefined ? [] : [`${r.alert}: still has a 'runbook' annotation`];
    });
    assert.deepEqual(wrong, []);
  });

  test('promtool check rules accepts it, finding as many rules as were read', async () => {
    const res = await promtool(['check', 'rules', 'alerts.yml'], DIR);
    assert.ok(res.ok, res.output);
    assert.match(res.output, new RegExp(`SUCCESS: ${rules.length} rules found`), res.output);
  });

  test('the unit tests cover exactly the alerts that exist', () => {
    const tested = new Set([...testsText.matchAll(/alertname: (\S+)$/gm)].map((m) => m[1]));
    assert.deepEqual([...tested].sort(), [...alertNames].sort());
  });

  test('promtool test rules: every alert fires on its series and stays quiet on its near miss', async () => {
    const res = await promtool(['test', 'rules', 'alerts.test.yml'], DIR);
    assert.ok(res.ok, res.output);
    for (const name of alertNames) {
      assert.match(
        testsText,
        new RegExp(`alertname: ${name}\\n[^]*?exp_alerts:\\n\\s+- exp_labels`),
        `${name} never fires`,
      );
      assert.match(
        testsText,
        new RegExp(`alertname: ${name}\\n\\s+eval_time: \\S+\\n\\s+exp_alerts: \\[\\]`),
        `${name} never quiet`,
      );
    }
  });
});

// Proves the unit tests guard each alert: break it both ways and the suite must fail. One test
// per alert name, so this block is only as complete as alertNames (checked above).
describe('the alert unit tests catch a broken alert', { concurrency: 2 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'promtool-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const name of alertNames) {
    for (const [how, expr] of [
      ['never fires', 'vector(0) > 1'],
      ['always fires', 'vector(1)'],
    ] as const) {
      test(`the unit tests fail when ${name} ${how}`, async () => {
        const dir = mkdtempSync(join(work, `${name}-`));
        const doc = parseDocument(readFileSync(join(DIR, 'alerts.yml'), 'utf8'));
        const groups = doc.get('groups') as {
          items: { get(k: string): { items: { get(k: string): unknown; set(k: string, v: unknown): void }[] } }[];
        };
        const rule = groups.items.flatMap((g) => g.get('rules').items).find((r) => r.get('alert') === name)!;
        rule.set('expr', expr);
        writeFileSync(join(dir, 'alerts.yml'), doc.toString());
        copyFileSync(join(DIR, 'alerts.test.yml'), join(dir, 'alerts.test.yml'));
        const res = await promtool(['test', 'rules', 'alerts.test.yml'], dir);
        assert.equal(res.ok, false, `promtool passed with ${name} broken (${how})`);
        assert.match(res.output, new RegExp(`alertname: ${name}`));
      });
    }
  }
});
