import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { helpText, parseCommandLine } from './usage';

const spec = {
  name: 'demo',
  usage: ['demo [--env <env>] [--dry] <file>'],
  description: 'Does a demo.',
  allowPositionals: true,
  options: {
    env: { type: 'string', default: 'staging', value: '<env>', description: 'where' },
    out: { type: 'string', defaultText: 'dist/demo', description: 'into' },
    dry: { type: 'boolean', short: 'n', default: false, description: 'change nothing' },
  },
  environment: { DEMO_TOKEN: 'a token (default: none)' },
  exitCodes: { 0: 'done', 1: 'failed' },
} as const;

describe('parseCommandLine', () => {
  test('values with their defaults, and positionals', () => {
    assert.deepEqual(parseCommandLine(spec, ['a.toml', '-n']), {
      kind: 'run',
      values: { env: 'staging', dry: true },
      positionals: ['a.toml'],
    });
  });

  test('-h and --help ask for the help, whatever else is given', () => {
    assert.deepEqual(parseCommandLine(spec, ['-h']), { kind: 'help' });
    assert.deepEqual(parseCommandLine(spec, ['x', '--env', 'prod', '--help']), { kind: 'help' });
  });

  test("node's parse errors are usage errors, without its hint about '--'", () => {
    assert.deepEqual(parseCommandLine(spec, ['--bogus']), { kind: 'usage-error', message: "unknown option '--bogus'" });
    const missing = parseCommandLine(spec, ['--env']);
    assert.equal(missing.kind, 'usage-error');
    const positional = parseCommandLine({ ...spec, allowPositionals: false }, ['x']);
    assert.equal(positional.kind, 'usage-error');
  });
});

describe('helpText', () => {
  test('shows every option with its default, the environment and every exit code', () => {
    const help = helpText(spec);
    assert.match(help, /^Usage: demo \[--env <env>\] \[--dry\] <file>\n\nDoes a demo\.\n/);
    assert.match(help, /\n {6}--env <env> +where \(default: staging\)\n/);
    assert.match(help, /\n {6}--out <value> +into \(default: dist\/demo\)\n/);
    assert.match(help, /\n {2}-n, --dry +change nothing\n/);
    assert.match(help, /\n {2}-h, --help +print this help and exit\n/);
    assert.match(help, /\nEnvironment:\n {2}DEMO_TOKEN +a token \(default: none\)\n/);
    assert.match(help, /\nExit codes:\n {2}0 +done\n {2}1 +failed\n {2}2 +usage error: .+\n$/);
  });

  test('says so when a command reads no environment', () => {
    assert.match(helpText({ ...spec, environment: {} }), /\nEnvironment:\n {2}none read\n/);
  });
});
