/**
 * `docker-context.ts [--out <dir>] [app...]`: assembles each app's image build context at
 * `<out>/<app>/` (default dist/docker): deploy/docker's Dockerfile and .dockerignore, and
 * `app/` with the app's bundle and the HEALTHCHECK script. `build-args.json` beside them
 * (outside what .dockerignore lets through) holds the build args for `docker build`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { APPS, appSpec } from './apps';
import { runCli } from './cli';
import { buildIdentity, REPO_ROOT, tagOf, type BuildIdentity } from './identity';
import { assertReleasable, readReleaseLog } from './release-log';
import { RELEASE_SETTINGS } from './settings';

export const DOCKER_DIR = join(REPO_ROOT, 'deploy/docker');

/** Build args the Dockerfile declares; docker-context.int.ts checks the two agree. */
export function dockerBuildArgs(app: string, id: BuildIdentity): Record<string, string> {
  const spec = appSpec(app);
  return {
    APP: spec.name,
    CONFIG_VERSION: String(id.configVersion),
    CONFIG_SHA256: id.configSha256,
    GIT_SHA: id.gitSha,
    CREATED: id.createdAt,
    SOURCE_URL: RELEASE_SETTINGS.repositoryUrl,
    HTTP_PORT: String(spec.httpPort),
    GRPC_PORT: String(spec.grpcPort),
  };
}

/** Assembles one context; returns its folder. */
export function assembleDockerContext(app: string, outRoot: string, id: BuildIdentity): string {
  const ctx = join(outRoot, appSpec(app).name);
  rmSync(ctx, { recursive: true, force: true });
  mkdirSync(ctx, { recursive: true });
  execFileSync(process.execPath, ['--import', 'tsx', 'tools/build/build-app.ts', `apps/${app}`, join(ctx, 'app')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Source maps would only grow the image; stack traces in production come from the bundle.
  rmSync(join(ctx, 'app/main.js.map'), { force: true });
  copyFileSync(join(DOCKER_DIR, 'healthcheck.mjs'), join(ctx, 'app/healthcheck.mjs'));
  copyFileSync(join(DOCKER_DIR, 'Dockerfile'), join(ctx, 'Dockerfile'));
  copyFileSync(join(DOCKER_DIR, '.dockerignore'), join(ctx, '.dockerignore'));
  writeFileSync(
    join(ctx, 'build-args.json'),
    JSON.stringify({ tag: tagOf(id), args: dockerBuildArgs(app, id) }, null, 2) + '\n',
  );
  return ctx;
}

if (import.meta.main) {
  await runCli(() => {
    const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
    const id = buildIdentity();
    assertReleasable(id, readReleaseLog(REPO_ROOT));
    for (const app of positionals.length > 0 ? positionals : APPS.map((a) => a.name)) {
      console.error(
        `assembled ${assembleDockerContext(app, resolve(values.out ?? join(REPO_ROOT, 'dist/docker')), id)}`,
      );
    }
  });
}
