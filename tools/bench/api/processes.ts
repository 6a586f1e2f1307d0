/**
 * The child processes of `bench api`: the autocannon load client (load-client.ts) and the
 * loot-service (loot-process.ts), each in its own process so neither shares the hunt API's
 * event loop, as in production.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LoadSpec } from './load-client';

const CLIENT = join(import.meta.dirname, 'load-client.ts');
const LOOT = join(import.meta.dirname, 'loot-process.ts');

export interface LoadResult {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

/** Runs one load (load-client.ts) to its end and returns what it measured. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-api-')), 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  const child = spawn(process.execPath, ['--import', 'tsx', CLIENT, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`load client exited with ${code}`);
  return JSON.parse(out) as LoadResult;
}

/** Starts loot-process.ts and resolves once it serves, with its gRPC port. */
export async function startLootProcess(opts: {
  configFile: string;
  prefix: string;
  infra: { redisUrl: string; kafkaBrokers: string[] };
  serviceToken: string;
}) {
  const child = spawn(process.execPath, ['--import', 'tsx', LOOT, opts.configFile, opts.prefix], {
    env: {
      ...process.env,
      REDIS_URL: opts.infra.redisUrl,
      KAFKA_BROKERS: opts.infra.kafkaBrokers.join(','),
      LOOT_SERVICE_TOKEN: opts.serviceToken,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<{ port: number }>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as { port: number }));
    child.once('exit', (code) => reject(new Error(`loot process exited with ${code} before serving`)));
  });
  return {
    info,
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
