import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { ServiceError } from '@grpc/grpc-js';
import { errorInfoOf } from '@hunt/contracts';
import { createLootClient } from '@hunt/loot/testing';
import { createOpsGrpcClients } from '@hunt/service-kit/testing';
import { APPS } from './apps';
import { assembleDockerContext, DOCKER_DIR, dockerBuildArgs } from './docker-context';
import { parseDockerfile } from './dockerfile';
import { buildIdentity } from './identity';
import { RELEASE_SETTINGS } from './settings';
import { startListening } from './testing/listening-process';

const run = promisify(execFile);
const dockerfile = parseDockerfile(join(DOCKER_DIR, 'Dockerfile'));
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('deploy/docker/Dockerfile', () => {
  test('its base image is the Node 24 release the tests run on', () => {
    const nodeImage = dockerfile.args.includes('NODE_IMAGE')
      ? /ARG NODE_IMAGE=(\S+)/.exec(readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8'))![1]
      : undefined;
    assert.equal(nodeImage, `node:${process.versions.node}-bookworm-slim`);
    for (const from of dockerfile.froms) assert.match(from, /^\$\{NODE_IMAGE\}/);
  });

  test('runs as a numeric non-root user with a HEALTHCHECK and plain node', () => {
    assert.match(dockerfile.user ?? '', /^[1-9]\d*:[1-9]\d*$/);
    assert.match(dockerfile.healthcheck ?? '', /CMD \["node", "healthcheck\.mjs"\]/);
    assert.equal(dockerfile.cmd, '["node", "main.js"]');
  });

  test('declares exactly the build args the release passes', () => {
    const passed = Object.keys(dockerBuildArgs('spawner', buildIdentity()));
    assert.deepEqual([...new Set(dockerfile.args)].filter((a) => a !== 'NODE_IMAGE').sort(), passed.sort());
  });

  test('OCI labels: source is the repository URL, created an RFC 3339 time, both from the build', async () => {
    const identity = buildIdentity();
    const args = dockerBuildArgs('hunt-api', identity);
    const label = (key: string) =>
      dockerfile.labels[`org.opencontainers.image.${key}`]?.replace(
        /\$\{(\w+)\}/g,
        (_, arg: string) => args[arg] ?? '',
      );
    const source = new URL(label('source') ?? '');
    assert.equal(source.protocol, 'https:');
    assert.equal(source.href.replace(/\/$/, ''), RELEASE_SETTINGS.repositoryUrl);
    const created = label('created') ?? '';
    assert.match(created, RFC3339);
    assert.equal(created, identity.createdAt);
    const commitTime = (await run('git', ['show', '-s', '--format=%cI', 'HEAD'])).stdout.trim();
    assert.equal(Date.parse(created), Date.parse(commitTime), 'the commit time, not the clock');
    assert.equal(label('revision'), identity.gitSha);
  });

  test('the RFC 3339 check refuses what is not one', () => {
    for (const bad of ['2026-11-28', '2026-11-28 08:00:00Z', '2026-11-28T08:00:00', '1764316800']) {
      assert.doesNotMatch(bad, RFC3339);
    }
    assert.match('2026-11-28T08:00:00.5+01:00', RFC3339);
  });
});

describe('deploy/docker/healthcheck.mjs probes liveness (/healthz), not readiness', () => {
  /** Runs the script against a server answering each path with the given status. */
  async function healthcheckWith(statuses: Record<string, number>): Promise<number> {
    const server = createServer((req, res) => res.writeHead(statuses[req.url ?? ''] ?? 404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await run(process.execPath, [join(DOCKER_DIR, 'healthcheck.mjs')], { env: { HTTP_PORT: String(port) } });
      return 0;
    } catch (error) {
      return (error as { code: number }).code;
    } finally {
      server.close();
    }
  }

  test('healthy while Kafka is down (/readyz 503)', async () => {
    assert.equal(await healthcheckWith({ '/healthz': 200, '/readyz': 503 }), 0);
  });

  test('unhealthy when /healthz fails, whatever /readyz says', async () => {
    assert.equal(await healthcheckWith({ '/healthz': 500, '/readyz': 200 }), 1);
  });
});

describe('docker build contexts run their app with nothing around them', () => {
  const identity = buildIdentity();
  const out = mkdtempSync(join(tmpdir(), 'docker-ctx-'));
  before(() => {
    for (const { name } of APPS) assembleDockerContext(name, out, identity);
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  for (const { name, httpPort, grpcPort } of APPS) {
    test(`${name}: COPY sources exist and pass .dockerignore; the app serves the baked config`, async () => {
      const ctx = join(out, name);
      const ignore = readFileSync(join(ctx, '.dockerignore'), 'utf8').split('\n');
      assert.ok(ignore.includes('*'), '.dockerignore starts from nothing');
      for (const src of dockerfile.contextCopies) {
        assert.ok(existsSync(join(ctx, src)), `COPY ${src}: not in the context`);
        assert.ok(ignore.includes(`!${src}`), `COPY ${src}: excluded by .dockerignore`);
      }
      assert.equal(existsSync(join(ctx, 'app/node_modules')), false);
      const { args } = JSON.parse(readFileSync(join(ctx, 'build-args.json'), 'utf8')) as {
        args: Record<string, string>;
      };
      assert.deepEqual([args.HTTP_PORT, args.GRPC_PORT], [String(httpPort), String(grpcPort)]);
      const sha = (await run('sha256sum', ['config/hunt.toml'], { cwd: join(ctx, 'app') })).stdout.split(' ')[0];
      assert.equal(sha, args.CONFIG_SHA256, 'the verify stage would refuse this context');

      const app = await startListening(process.execPath, ['main.js'], {
        cwd: join(ctx, 'app'),
        env: { NODE_ENV: 'production' },
      });
      const grpc = createOpsGrpcClients(`127.0.0.1:${app.grpcPort}`);
      const healthcheck = () =>
        run(process.execPath, ['healthcheck.mjs'], { cwd: join(ctx, 'app'), env: { HTTP_PORT: String(app.httpPort) } });
      try {
        const res = await grpc.getConfig('');
        assert.deepEqual([res.version, res.sha256], [identity.configVersion, identity.configSha256]);
        assert.equal((await fetch(`http://127.0.0.1:${app.httpPort}/readyz`)).status, 200);
        await healthcheck();
        if (name === 'loot-service') await assertErrorInfo(`127.0.0.1:${app.grpcPort}`);
      } finally {
        grpc.close();
        assert.equal((await app.stop()).code, 0, app.output());
      }
      await assert.rejects(healthcheck(), 'HEALTHCHECK fails once the app is gone');
    });
  }
});

/** The bundle carries the google.rpc protos its errors are encoded with (no node_modules here). */
async function assertErrorInfo(address: string): Promise<void> {
  const loot = createLootClient(address); // no service token: refused
  try {
    await assert.rejects(loot.getPlayer('p1'), (e: ServiceError) => {
      assert.equal(errorInfoOf(e.metadata)?.reason, 'HUNT_ERR_UNAUTHENTICATED', e.message);
      return true;
    });
  } finally {
    loot.close();
  }
}
