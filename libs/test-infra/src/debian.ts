import { spawnSync } from 'node:child_process';
import { InfraError } from './errors';
import { which } from './process';

type Log = (line: string) => void;

/** A command the tests run and the Debian package that provides it. */
export interface Needed {
  command: string;
  pkg: string;
}

/** Every command `npm test` needs from the OS, with the package that brings it. */
export const TEST_TOOLCHAIN: readonly Needed[] = [
  { command: 'java', pkg: 'openjdk-17-jre-headless' }, // the Kafka broker
  { command: 'mvn', pkg: 'maven' }, // resolves the broker's jars from Maven Central
  { command: 'redis-server', pkg: 'redis-server' },
  { command: 'chromium', pkg: 'chromium' }, // the preview and map charts are checked in it
  { command: 'promtool', pkg: 'prometheus' }, // alert rule tests
  { command: 'prometheus', pkg: 'prometheus' }, // the server prometheus.ts starts (same package)
];

/**
 * Makes every command in `needs` available, installing the missing ones' Debian packages in
 * one apt-get run when this process may (root, apt-get on PATH). Otherwise throws an
 * InfraError naming every missing command and the line that installs them. Apt's output is
 * kept out of the way and shown (on stderr) only when it fails.
 */
export function ensureCommands(needs: readonly Needed[], log: Log): void {
  const missing = needs.filter((n) => which(n.command) === null);
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((n) => n.pkg))];
  const hint = `apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  const names = missing.map((n) => n.command).join(', ');
  if (process.getuid?.() !== 0 || which('apt-get') === null) {
    throw new InfraError(`missing ${names}; install them as root: \`${hint}\` (Debian/Ubuntu)`);
  }
  log(`missing ${names}: apt-get update && ${hint}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...pkgs],
  ]) {
    const r = spawnSync('apt-get', args, { env, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) {
      const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trimEnd().split('\n').slice(-20).join('\n');
      throw new InfraError(
        `\`apt-get ${args.join(' ')}\` failed (exit ${r.status ?? r.error?.message}); install by hand: \`${hint}\`\n${tail}`,
      );
    }
  }
  const still = missing.filter((n) => which(n.command) === null).map((n) => `${n.command} (${n.pkg})`);
  if (still.length > 0) throw new InfraError(`apt-get installed ${pkgs.join(' ')} but ${still.join(', ')} not on PATH`);
}
