import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT } from './identity';
import { readOverlayImages, VERSION_LABEL } from './overlay-images';
import { planRollback } from './rollback-plan';

describe('planRollback', () => {
  const root = mkdtempSync(join(tmpdir(), 'rollback-'));
  cpSync(join(REPO_ROOT, 'deploy/k8s'), join(root, 'deploy/k8s'), { recursive: true });
  writeFileSync(
    join(root, 'deploy/releases.json'),
    JSON.stringify({
      releases: [
        { configVersion: 7, configSha256: 'a', gitSha: '7777777', releasedAt: '2026-11-01T00:00:00Z' },
        { configVersion: 8, configSha256: 'b', gitSha: '8888888', releasedAt: '2026-11-02T00:00:00Z' },
      ],
    }),
  );
  const overlay = join(root, 'deploy/k8s/overlays/prod/kustomization.yaml');
  after(() => rmSync(root, { recursive: true, force: true }));

  test('a dry run reports every app moving to the release and writes nothing', () => {
    const before = readFileSync(overlay, 'utf8');
    const plan = planRollback(root, 'prod', 7, false);
    assert.equal(plan.tag, 'cfg7-7777777');
    assert.deepEqual(Object.keys(plan.changes).sort(), ['hunt-api', 'loot-service', 'spawner']);
    assert.equal(readFileSync(overlay, 'utf8'), before);
  });

  test('--apply rewrites only the tags and the version label, keeping comments and registry names', () => {
    const before = readOverlayImages(root, 'prod');
    planRollback(root, 'prod', 7, true);
    const after = readOverlayImages(root, 'prod');
    assert.deepEqual(
      after,
      before.map((i) => ({ ...i, newTag: 'cfg7-7777777' })),
    );
    assert.match(readFileSync(overlay, 'utf8'), /^# Production\./);
    const { labels } = parse(readFileSync(overlay, 'utf8')) as { labels: { pairs: Record<string, string> }[] };
    assert.deepEqual(
      labels.map((l) => l.pairs[VERSION_LABEL]),
      ['cfg7-7777777'],
    );
  });

  test('an unknown version is refused, listing the recorded releases', () => {
    assert.throws(() => planRollback(root, 'prod', 5, false), /recorded: cfg7-7777777, cfg8-8888888/);
    assert.throws(() => planRollback(root, 'qa', 7, false), /unknown environment 'qa'/);
  });
});
