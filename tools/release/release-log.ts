import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildIdentity } from './identity';

/**
 * deploy/releases.json: one record per config release, appended by `release --record` and
 * committed with it. It is the definition of "the last release": the record with the highest
 * config version. A file in the repo (not a git tag) so that the check works in a shallow CI
 * clone, is reviewed in the same PR as the TOML change, and rollback can list what exists.
 */
export interface ReleaseRecord {
  readonly configVersion: number;
  readonly configSha256: string;
  readonly gitSha: string;
  readonly releasedAt: string;
}

export interface ReleaseLog {
  readonly releases: readonly ReleaseRecord[];
}

export const RELEASE_LOG = 'deploy/releases.json';

export function readReleaseLog(root: string): ReleaseLog {
  return JSON.parse(readFileSync(join(root, RELEASE_LOG), 'utf8')) as ReleaseLog;
}

export function writeReleaseLog(root: string, log: ReleaseLog): void {
  writeFileSync(join(root, RELEASE_LOG), JSON.stringify(log, null, 2) + '\n');
}

export function lastRelease(log: ReleaseLog): ReleaseRecord | undefined {
  return log.releases.reduce<ReleaseRecord | undefined>(
    (best, r) => (best && best.configVersion >= r.configVersion ? best : r),
    undefined,
  );
}

export type BumpCheck = { ok: true; reason: string } | { ok: false; reason: string };

/**
 * May this config be built and released? A config identical to the last release (same version,
 * same bytes) may be rebuilt with new code; any edit must come with a higher version, so that
 * a TOML change can never hide behind an image tag that already exists.
 */
export function checkVersionBump(
  id: Pick<BuildIdentity, 'configVersion' | 'configSha256'>,
  log: ReleaseLog,
): BumpCheck {
  const last = lastRelease(log);
  if (!last) return { ok: true, reason: 'first release' };
  if (id.configVersion > last.configVersion) {
    return { ok: true, reason: `version ${id.configVersion} > last release ${last.configVersion}` };
  }
  if (id.configVersion === last.configVersion && id.configSha256 === last.configSha256) {
    return { ok: true, reason: `config identical to release cfg${last.configVersion}; code-only rebuild` };
  }
  if (id.configVersion === last.configVersion) {
    return {
      ok: false,
      reason:
        `config/hunt.toml changed since release cfg${last.configVersion} (sha256 ${last.configSha256.slice(0, 12)}… -> ` +
        `${id.configSha256.slice(0, 12)}…) but its version was not bumped; set version = ${last.configVersion + 1}`,
    };
  }
  return {
    ok: false,
    reason: `config version ${id.configVersion} is below the last release ${last.configVersion}; to go back, use rollback`,
  };
}

/** Throws with the check's reason when the config may not be released. */
export function assertReleasable(id: Pick<BuildIdentity, 'configVersion' | 'configSha256'>, log: ReleaseLog): void {
  const check = checkVersionBump(id, log);
  if (!check.ok) throw new Error(`release refused: ${check.reason}`);
}
