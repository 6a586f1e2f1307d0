/**
 * `npm run release -- [--record] [--env staging|prod]`: validates the baked config, refuses it
 * when its version was not bumped against the last release, assembles every app's image
 * context (dist/docker/<app>) and prints the `docker build` and `docker push` commands with
 * tags `cfg<version>-<git sha>`. A dry run by default; `--record` appends the release to
 * deploy/releases.json and points the overlay (default staging) at the new tags, for the
 * release PR. It never pushes and never talks to a cluster.
 */
import { join, relative } from 'node:path';
import { runCommand, UsageError } from '../cli/usage';
import { APPS } from './apps';
import { assembleDockerContext, dockerBuildArgs } from './docker-context';
import { buildIdentity, REPO_ROOT, tagOf } from './identity';
import { ENVIRONMENTS, readOverlayImages, setOverlayTag } from './overlay-images';
import { checkVersionBump, lastRelease, readReleaseLog, writeReleaseLog } from './release-log';

const spec = {
  name: 'release',
  usage: ['npm run release -- [--record] [--env staging|prod]'],
  description: `Validates config/hunt.toml, refuses it when its version was not bumped against the last
release in deploy/releases.json, assembles every app's image context in dist/docker/<app> and
prints the docker build and docker push commands (tags cfg<version>-<git sha>). A dry run
unless --record. It never pushes and never talks to a cluster.`,
  options: {
    record: {
      type: 'boolean',
      default: false,
      description: 'append the release to deploy/releases.json and point the overlay at its tags',
    },
    env: {
      type: 'string',
      default: 'staging',
      value: `<${ENVIRONMENTS.join('|')}>`,
      description: 'overlay (deploy/k8s/overlays/<env>) to take image names from and --record into',
    },
  },
  environment: {},
  exitCodes: {
    0: 'printed the commands (and, with --record, recorded the release)',
    1: 'refused (config invalid or its version not bumped) or failed (e.g. git, an app build)',
  },
} as const;

await runCommand(spec, ({ values }) => {
  if (!(ENVIRONMENTS as readonly string[]).includes(values.env)) {
    throw new UsageError(`--env must be one of ${ENVIRONMENTS.join(', ')}, got '${values.env}'`);
  }
  const id = buildIdentity();
  const log = readReleaseLog(REPO_ROOT);
  const check = checkVersionBump(id, log);
  if (!check.ok) throw new Error(`release refused: ${check.reason}`);
  const tag = tagOf(id);
  console.log(`# release ${tag} (${check.reason}); config sha256 ${id.configSha256}`);
  const images = readOverlayImages(REPO_ROOT, values.env);
  for (const { name } of APPS) {
    const ctx = assembleDockerContext(name, join(REPO_ROOT, 'dist/docker'), id);
    const ref = `${images.find((i) => i.name === name)?.newName ?? name}:${tag}`;
    const args = Object.entries(dockerBuildArgs(name, id)).map(([k, v]) => `--build-arg ${k}=${v}`);
    console.log(`docker build -t ${ref} ${args.join(' ')} ${relative(process.cwd(), ctx) || '.'}`);
    console.log(`docker push ${ref}`);
  }
  if (!values.record) {
    console.log(`# dry run: rerun with --record to write deploy/releases.json and overlays/${values.env}`);
    return;
  }
  const last = lastRelease(log);
  if (!(last?.configVersion === id.configVersion && last.gitSha === id.gitSha)) {
    writeReleaseLog(REPO_ROOT, {
      releases: [
        ...log.releases,
        {
          configVersion: id.configVersion,
          configSha256: id.configSha256,
          gitSha: id.gitSha,
          releasedAt: new Date().toISOString(),
        },
      ],
    });
  }
  setOverlayTag(REPO_ROOT, values.env, tag, true);
  console.log(`# recorded ${tag} in deploy/releases.json; overlays/${values.env} now points at it`);
});
