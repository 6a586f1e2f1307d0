import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const REPO_ROOT = join(import.meta.dirname, '../..');

/** Each command with the name its usage errors carry and the start of its usage line. */
const COMMANDS = [
  { file: 'tools/release/release.ts', name: 'release', usage: 'npm run release --' },
  { file: 'tools/release/rollback.ts', name: 'rollback', usage: 'npm run rollback --' },
  { file: 'tools/engine/token.ts', name: 'token', usage: 'npm run -s token --' },
  { file: 'tools/bench/run.ts', name: 'bench', usage: 'npm run -s bench --' },
  { file: 'tools/build/sea-build.ts', name: 'build:sea', usage: 'npm run build:sea' },
  { file: 'tools/infra/cli.ts', name: 'infra', usage: 'npm run infra --' },
] as const;

function run(file: string, args: readonly string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('every command answers --help with its usage and exit codes', () => {
  for (const { file, name, usage } of COMMANDS) {
    test(`${name} --help: usage on stdout, exit 0, nothing done`, () => {
      const r = run(file, ['--help']);
      assert.equal(r.code, 0, r.stderr);
      // stdout is the help and nothing else: a release or build that started would print more.
      assert.match(r.stdout, new RegExp(`^Usage: ${escape(usage)}`));
      assert.match(r.stdout, /\nOptions:\n(.*\n)* {2}-h, --help /);
      assert.match(r.stdout, /\nEnvironment:\n/);
      assert.match(r.stdout, /\nExit codes:\n {2}0 .+\n {2}1 .+\n {2}2 +usage error.+\n( {2}\d .+\n)*$/);
      assert.equal(r.stderr, '');
    });

    test(`${name} --no-such-flag: "${name}: ..." and the usage on stderr, exit 2`, () => {
      const r = run(file, ['--no-such-flag']);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`^${escape(name)}: unknown option '--no-such-flag'\n\nUsage: `));
      assert.equal(r.stdout, '');
    });
  }

  test('-h is --help', () => {
    const r = run('tools/engine/token.ts', ['-h']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage: npm run -s token -- <player-id> \[--ttl <seconds>\]\n/);
    assert.match(r.stdout, /--ttl <seconds> +lifetime of the token \(default: 86400\)/);
  });

  test('a bad value is a usage error too (exit 2), an operational failure exits 1', () => {
    const bad = run('tools/release/rollback.ts', ['latest']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^rollback: the config version must be an integer >= 1, got 'latest'\n\nUsage: /);
    const badEnv = run('tools/release/release.ts', ['--env', 'qa']);
    assert.equal(badEnv.code, 2);
    assert.match(badEnv.stderr, /^release: --env must be one of staging, prod, got 'qa'\n/);
    const unknownApp = run('tools/build/sea-build.ts', ['no-such-app']);
    assert.equal(unknownApp.code, 2);
    assert.match(unknownApp.stderr, /^build:sea: unknown app 'no-such-app'\n/);
    const unknownRelease = run('tools/release/rollback.ts', ['999999']);
    assert.equal(unknownRelease.code, 1);
    assert.match(unknownRelease.stderr, /^no release with config version 999999/);
  });

  test('bench checks a benchmark name and its options before loading it', () => {
    assert.match(run('tools/bench/run.ts', []).stderr, /^bench: missing benchmark name\n/);
    const r = run('tools/bench/run.ts', ['config', '--no-such-flag']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^bench: config: unknown option '--no-such-flag'\n/);
    assert.equal(r.stdout, '');
  });

  test('npx hunt-config: each command answers --help with its exit codes', () => {
    const bin = 'tools/hunt-config/bin.mjs';
    for (const command of [[], ['validate'], ['schema'], ['check-version'], ['diff'], ['preview'], ['map']]) {
      const r = spawnSync(process.execPath, [bin, ...command, '--help'], { cwd: REPO_ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^hunt-config ${command[0] ?? '<command>'}`));
      assert.match(r.stdout, /\nExit codes: 0 .+, 2 usage error/);
    }
  });
});

describe('each app answers --help without starting', () => {
  for (const app of ['hunt-api', 'loot-service', 'spawner']) {
    test(`${app} --help names its environment and exit codes, exit 0`, () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', `apps/${app}/src/main.ts`, '--help'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] }, // no REDIS_URL etc.: it must not try to start
      });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^usage: node main\\.js +\\(the ${app};`));
      assert.match(r.stdout, /Environment .*: HUNT_CONFIG, HTTP_PORT, GRPC_PORT, .*REDIS_URL, KAFKA_BROKERS/);
      // Both ends of hunt.loot.v1 need the loot-service's token.
      if (app !== 'spawner') assert.match(r.stdout, /Environment .*LOOT_SERVICE_TOKEN/);
      assert.match(r.stdout, /Exit codes: 0 .+; 1 /);
    });
  }
});
