/**
 * `npm run build:sea [-- [--out <dir>] [app...]]`: one single executable per app (Node's
 * single executable applications, injected with postject) at `<out>/<app>-cfg<version>-<sha>`
 * (default out: dist/sea). Refuses a config whose version was not bumped against the last
 * release (deploy/releases.json). The binary runs with nothing beside it: no node, no
 * node_modules, no config file; see sea-entry.ts for what it carries and how it starts.
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { runCommand, UsageError } from '../cli/usage';
import { APPS, appSpec } from '../release/apps';
import { buildIdentity, REPO_ROOT, tagOf, type BuildIdentity } from '../release/identity';
import { assertReleasable, readReleaseLog } from '../release/release-log';

const run = promisify(execFile);

/** The fuse every official Node binary carries; postject flips it to enable the SEA blob. */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** Bundles the app, embeds its build output as assets and writes the binary; returns its path. */
export async function buildSea(opts: { app: string; outDir: string; identity: BuildIdentity }): Promise<string> {
  const { name } = appSpec(opts.app);
  const work = mkdtempSync(join(tmpdir(), `sea-${name}-`));
  try {
    const bundle = join(work, 'bundle');
    await run(process.execPath, ['--import', 'tsx', 'tools/build/build-app.ts', `apps/${name}`, bundle], {
      cwd: REPO_ROOT,
    });
    const main = join(work, 'sea-main.cjs');
    await build({
      entryPoints: [join(import.meta.dirname, 'sea-entry.ts')],
      outfile: main,
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'cjs',
      external: ['node:sea'],
      logLevel: 'warning',
    });
    const assets = Object.fromEntries(
      listFiles(bundle)
        .filter((file) => !file.endsWith('.map'))
        .map((file) => [relative(bundle, file), file]),
    );
    const blob = join(work, 'sea-prep.blob');
    const seaConfig = join(work, 'sea-config.json');
    writeFileSync(
      seaConfig,
      JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false, assets }),
    );
    await run(process.execPath, ['--experimental-sea-config', seaConfig]);

    mkdirSync(opts.outDir, { recursive: true });
    const binary = join(opts.outDir, `${name}-${tagOf(opts.identity)}`);
    rmSync(binary, { force: true });
    copyFileSync(process.execPath, binary);
    chmodSync(binary, 0o755);
    const postject = createRequire(import.meta.url).resolve('postject/dist/cli.js');
    await run(process.execPath, [postject, binary, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE]);
    return binary;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

const spec = {
  name: 'build:sea',
  usage: ['npm run build:sea [-- [--out <dir>] [app...]]'],
  description: `Builds one single executable per app (Node's single executable applications, injected
with postject) at <out>/<app>-cfg<version>-<git sha>: it runs with nothing beside it (no node,
no node_modules, no config file). Refuses config/hunt.toml when it is invalid or its version
was not bumped against the last release in deploy/releases.json.`,
  sections: { Arguments: `  app...  apps to build (default: all of ${APPS.map((a) => a.name).join(', ')})` },
  allowPositionals: true,
  options: {
    out: { type: 'string', value: '<dir>', defaultText: 'dist/sea', description: 'directory of the binaries' },
  },
  environment: {},
  exitCodes: { 0: 'built every binary', 1: 'refused (config invalid or not bumped) or a build failed' },
} as const;

if (import.meta.main) {
  await runCommand(spec, async ({ values, positionals }) => {
    const unknown = positionals.filter((app) => !APPS.some((a) => a.name === app));
    if (unknown.length > 0) throw new UsageError(`unknown app ${unknown.map((a) => `'${a}'`).join(', ')}`);
    const outDir = resolve(values.out ?? join(REPO_ROOT, 'dist/sea'));
    const identity = buildIdentity();
    assertReleasable(identity, readReleaseLog(REPO_ROOT));
    for (const app of positionals.length > 0 ? positionals : APPS.map((a) => a.name)) {
      const started = Date.now();
      const binary = await buildSea({ app, outDir, identity });
      console.error(`built ${binary} (${Date.now() - started} ms)`);
    }
  });
}
