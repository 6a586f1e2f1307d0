import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { loadConfigFile } from '@hunt/static-config';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** What a build is made of: the baked config's identity and the code's commit. */
export interface BuildIdentity {
  readonly configVersion: number;
  readonly configSha256: string;
  readonly gitSha: string;
  /**
   * RFC 3339 UTC time of that commit: the image's `created`. The commit's time rather than the
   * clock's, so that rebuilding the same commit and config labels the image identically.
   */
  readonly createdAt: string;
}

/**
 * Image and binary tag: `<app>:cfg<version>-<git short sha>`. The config version comes first
 * so that `kubectl get pods -o wide` and registry listings say which config runs.
 */
export function imageTag(app: string, id: Pick<BuildIdentity, 'configVersion' | 'gitSha'>): string {
  return `${app}:${tagOf(id)}`;
}

export function tagOf(id: Pick<BuildIdentity, 'configVersion' | 'gitSha'>): string {
  return `cfg${id.configVersion}-${id.gitSha}`;
}

/** Parses a tag made by tagOf; null for anything else (e.g. `latest`). */
export function parseTag(tag: string): { configVersion: number; gitSha: string } | null {
  const m = /^cfg(\d+)-([0-9a-f]{7,40})$/.exec(tag);
  return m ? { configVersion: Number(m[1]), gitSha: m[2]! } : null;
}

/** 7-hex short sha of HEAD (read-only git). Throws outside a git work tree. */
export function gitShortSha(root = REPO_ROOT): string {
  return execFileSync('git', ['rev-parse', '--short=7', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
}

/** Committer time of HEAD as RFC 3339 UTC without fractions (read-only git). */
export function gitCommitTime(root = REPO_ROOT): string {
  const epochS = execFileSync('git', ['show', '-s', '--format=%ct', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  return new Date(Number(epochS) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Validates the baked config (throws ConfigError when invalid) and reads its identity. */
export function buildIdentity(root = REPO_ROOT, configFile = join(root, 'config/hunt.toml')): BuildIdentity {
  const loaded = loadConfigFile(configFile);
  return {
    configVersion: loaded.version,
    configSha256: loaded.sha256,
    gitSha: gitShortSha(root),
    createdAt: gitCommitTime(root),
  };
}
