import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { loadConfigFile } from '@hunt/static-config';
import { editConfigText } from '@hunt/config-schema/testing';
import { writeTempConfig } from '@hunt/static-config/testing';
import { runAppToExit, startAppProcess, type AppProcess } from './app-process';
import { createOpsGrpcClients } from './grpc-clients';

/**
 * What every service promises operators, checked on real sockets against the app started
 * in its own process: config.v1 Get, grpc.health.v1, reflection, /metrics, /healthz, /readyz,
 * the version header, refusing a bad config before listening and a SIGTERM exit within 5 s.
 */
export function describeServiceConformance(service: string, entry: string, env: Record<string, string> = {}): void {
  describe(`${service} serves the standard service contract`, () => {
    const configFile = writeTempConfig(editConfigText({ 'version = 7': 'version = 42' }));
    const expected = loadConfigFile(configFile);
    let app: AppProcess;
    let grpc: ReturnType<typeof createOpsGrpcClients>;
    const http = (path: string) => fetch(`http://127.0.0.1:${app.httpPort}${path}`);

    before(async () => {
      app = await startAppProcess(entry, { ...env, HUNT_CONFIG: configFile });
      grpc = createOpsGrpcClients(`127.0.0.1:${app.grpcPort}`);
    });
    after(async () => {
      grpc?.close();
      await app?.stop();
    });

    test('ConfigService/Get returns the whole config, one key, and NOT_FOUND for unknown keys', async () => {
      const whole = await grpc.getConfig('');
      assert.deepEqual(JSON.parse(whole.value_json), JSON.parse(JSON.stringify(expected.config)));
      assert.equal(whole.version, 42);
      assert.equal(whole.sha256, expected.sha256);
      const one = await grpc.getConfig('zones.1.id');
      assert.deepEqual(
        { key: one.key, value: JSON.parse(one.value_json) as unknown },
        { key: 'zones.1.id', value: 'beta' },
      );
      await assert.rejects(grpc.getConfig('spawn.nope'), (e: { code: status; details: string }) => {
        assert.equal(e.code, status.NOT_FOUND);
        assert.match(e.details, /spawn\.nope/);
        return true;
      });
      await assert.rejects(grpc.getConfig('..'), (e: { code: status }) => e.code === status.INVALID_ARGUMENT);
    });

    test('grpc.health.v1 reports SERVING overall and for config.v1.ConfigService', async () => {
      assert.equal((await grpc.healthCheck('')).status, 'SERVING');
      assert.equal((await grpc.healthCheck('config.v1.ConfigService')).status, 'SERVING');
      await assert.rejects(grpc.healthCheck('no.such.Service'), (e: { code: status }) => e.code === status.NOT_FOUND);
    });

    test('server reflection lists the served services', async () => {
      const services = await grpc.listServices();
      for (const name of ['config.v1.ConfigService', 'grpc.health.v1.Health']) {
        assert.ok(services.includes(name), `${name} not in ${services.join(', ')}`);
      }
    });

    test('/metrics exposes the config identity, staleness and process metrics', async () => {
      const res = await http('/metrics');
      assert.equal(res.status, 200);
      const text = await res.text();
      assert.match(
        text,
        new RegExp(`static_mesh_config_info\\{version="42",sha256="${expected.sha256}",hunt_service="${service}"\\} 1`),
      );
      assert.match(text, /^static_mesh_last_update_timestamp\{[^}]*\} \d+(\.\d+)?$/m);
      assert.match(text, /^config_staleness_seconds\{[^}]*\} 0$/m);
      assert.match(text, /^process_cpu_user_seconds_total/m);
    });

    test('/healthz and /readyz answer 200 with the config version header', async () => {
      for (const path of ['/healthz', '/readyz']) {
        const res = await http(path);
        assert.equal(res.status, 200, path);
        assert.equal(res.headers.get('x-config-version'), '42');
      }
    });

    test('SIGTERM closes everything and exits 0 within 5 s', async () => {
      const { code, ms } = await app.stop();
      assert.equal(code, 0, app.output());
      assert.ok(ms < 5000, `took ${ms} ms`);
    });

    test('a bad config stops the start before any port opens, naming file, line and key', async () => {
      const bad = writeTempConfig(editConfigText({ 'radius_m = 25': 'radius_m = -3' }));
      const { code, output } = await runAppToExit(entry, { ...env, HUNT_CONFIG: bad });
      assert.equal(code, 1);
      assert.match(output, new RegExp(`${bad}:15:1 claim\\.radius_m: radius_m must be greater than 0`));
      assert.doesNotMatch(output, /listening/);
      assert.doesNotMatch(output, /\n\s+at /, 'a user error prints no stack trace');
    });

    test('a bad environment is refused with the variable named', async () => {
      const { code, output } = await runAppToExit(entry, { ...env, HUNT_CONFIG: configFile, GRPC_PORT: 'seventy' });
      assert.equal(code, 1);
      assert.match(output, /GRPC_PORT: /);
    });
  });
}
