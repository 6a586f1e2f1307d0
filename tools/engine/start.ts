/**
 * `npm start`: runs the whole engine on this machine, each service in its own process on its
 * default ports, with no Kafka or Redis needed. Output lines are prefixed with the service.
 * Ctrl-C (or SIGTERM) stops every service; if one exits on its own, the others are stopped
 * and its exit code is returned, so a bad config is never half-running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

export const SERVICES = [
  { name: 'hunt-api', http: 8080, grpc: 50051 },
  { name: 'loot-service', http: 8081, grpc: 50052 },
  { name: 'spawner', http: 8082, grpc: 50053 },
] as const;

if (process.argv.includes('--help')) {
  console.log(`usage: npm start
Starts ${SERVICES.map((s) => s.name).join(', ')} from source.
Env: HUNT_CONFIG (config file, default config/hunt.toml), LOG_LEVEL.
Ports: ${SERVICES.map((s) => `${s.name} http ${s.http} grpc ${s.grpc}`).join('; ')}`);
  process.exit(0);
}

const root = join(import.meta.dirname, '../..');
const children = new Map<string, ChildProcess>();
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children.values()) if (child.exitCode === null) child.kill('SIGTERM');
}

for (const s of SERVICES) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps', s.name, 'src/main.ts')], {
    env: { HTTP_PORT: String(s.http), GRPC_PORT: String(s.grpc), ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(s.name, child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${s.name.padEnd(12)} | ${line}\n`));
  }
  child.on('exit', (code) => {
    children.delete(s.name);
    if (!stopping) {
      console.error(`engine: ${s.name} exited with ${code}; stopping the others`);
      stopAll(code || 1);
    }
  });
}

console.error(
  `engine: starting ${SERVICES.map((s) => `${s.name} (http://127.0.0.1:${s.http}, grpc 127.0.0.1:${s.grpc})`).join(', ')}; Ctrl-C stops`,
);
process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));
