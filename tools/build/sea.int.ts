import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createOpsGrpcClients } from '@hunt/service-kit/testing';
import { APPS } from '../release/apps';
import { buildIdentity } from '../release/identity';
import { startListening } from '../release/testing/listening-process';
import { buildSea } from './sea-build';

// Three ~125 MB binaries are built once, in parallel, into a temp folder removed at the end.
describe('single executables (npm run build:sea)', () => {
  const identity = buildIdentity();
  const work = mkdtempSync(join(tmpdir(), 'sea-int-'));
  const binaries = new Map<string, string>();

  before(async () => {
    const built = await Promise.all(APPS.map((a) => buildSea({ app: a.name, outDir: join(work, 'bin'), identity })));
    APPS.forEach((a, i) => binaries.set(a.name, built[i]!));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const { name } of APPS) {
    test(`${name}: runs from an empty folder and serves the baked config over gRPC`, async () => {
      const binary = binaries.get(name)!;
      assert.match(binary, new RegExp(`/${name}-cfg${identity.configVersion}-${identity.gitSha}$`));
      const cwd = mkdtempSync(join(work, `run-${name}-`));
      const tmp = mkdtempSync(join(work, `tmp-${name}-`));
      // No HUNT_CONFIG, no node on PATH, nothing in cwd: only what the binary carries.
      const app = await startListening(binary, [], { cwd, env: { TMPDIR: tmp, PATH: '/nonexistent' } });
      const grpc = createOpsGrpcClients(`127.0.0.1:${app.grpcPort}`);
      try {
        const res = await grpc.getConfig('');
        assert.equal(res.version, identity.configVersion);
        assert.equal(res.sha256, identity.configSha256);
        const ready = await fetch(`http://127.0.0.1:${app.httpPort}/readyz`);
        assert.equal(ready.status, 200);
        assert.equal(ready.headers.get('x-config-version'), String(identity.configVersion));
        if (name === 'hunt-api') {
          // Swagger UI reads its files from beside the bundle (tools/build/vendor-swagger-ui.ts).
          const ui = await fetch(`http://127.0.0.1:${app.httpPort}/docs/static/swagger-ui-bundle.js`);
          assert.equal(ui.status, 200);
          assert.ok((await ui.arrayBuffer()).byteLength > 0); // read out: an unread body holds the connection
        }
      } finally {
        grpc.close();
        assert.equal((await app.stop()).code, 0, app.output());
      }
      assert.deepEqual(readdirSync(tmp), [], 'the extracted assets are removed at exit');
      assert.deepEqual(readdirSync(cwd), [], 'nothing is written to the working folder');
    });
  }
});
