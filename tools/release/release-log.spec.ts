import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildIdentity, parseTag, REPO_ROOT, tagOf } from './identity';
import { checkVersionBump, readReleaseLog, type ReleaseLog } from './release-log';

const log: ReleaseLog = {
  releases: [
    { configVersion: 3, configSha256: 'aaa', gitSha: '1111111', releasedAt: '2026-11-01T00:00:00Z' },
    { configVersion: 4, configSha256: 'bbb', gitSha: '2222222', releasedAt: '2026-11-02T00:00:00Z' },
  ],
};

describe('checkVersionBump against the last release (highest recorded version)', () => {
  test('a higher version is releasable', () => {
    assert.equal(checkVersionBump({ configVersion: 5, configSha256: 'ccc' }, log).ok, true);
  });
  test('the same version with the same bytes is a code-only rebuild', () => {
    assert.equal(checkVersionBump({ configVersion: 4, configSha256: 'bbb' }, log).ok, true);
  });
  test('an edited TOML without a version bump is refused, saying which version to set', () => {
    const check = checkVersionBump({ configVersion: 4, configSha256: 'ccc' }, log);
    assert.equal(check.ok, false);
    assert.match(check.reason, /not bumped; set version = 5/);
  });
  test('a lower version is refused and pointed at rollback', () => {
    const check = checkVersionBump({ configVersion: 3, configSha256: 'aaa' }, log);
    assert.deepEqual([check.ok, /rollback/.test(check.reason)], [false, true]);
  });
  test('the first release is always allowed', () => {
    assert.equal(checkVersionBump({ configVersion: 1, configSha256: 'x' }, { releases: [] }).ok, true);
  });
});

describe('tags', () => {
  test('cfg<version>-<sha> round-trips and nothing else parses', () => {
    assert.equal(tagOf({ configVersion: 12, gitSha: 'abc1234' }), 'cfg12-abc1234');
    assert.deepEqual(parseTag('cfg12-abc1234'), { configVersion: 12, gitSha: 'abc1234' });
    for (const bad of ['latest', 'cfg-abc1234', 'cfg1-XYZ', 'v1-abc1234']) assert.equal(parseTag(bad), null);
  });
});

// The guard that makes "a TOML edit that never shipped" impossible: CI fails on a PR that
// edits config/hunt.toml without bumping `version` past deploy/releases.json.
test('config/hunt.toml in this tree is releasable against deploy/releases.json', () => {
  const check = checkVersionBump(buildIdentity(), readReleaseLog(REPO_ROOT));
  assert.ok(check.ok, check.reason);
});
