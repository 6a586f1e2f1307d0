import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface ListeningProcess {
  readonly child: ChildProcess;
  readonly grpcPort: number;
  readonly httpPort: number;
  output(): string;
  /** SIGTERM, then resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts any command that runs a service (a bundle under plain node, a single executable) on
 * OS-chosen loopback ports, with only the given environment plus the infra endpoints of the
 * test run (no inherited NODE_OPTIONS or PATH), and resolves once it logs "listening".
 * Rejects with its output if it exits first.
 */
export async function startListening(
  command: string,
  args: readonly string[],
  opts: { cwd: string; env?: Record<string, string> },
): Promise<ListeningProcess> {
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: { PATH: '/usr/bin:/bin', ...infraEnv(), HTTP_PORT: '0', GRPC_PORT: '0', HOST: '127.0.0.1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ports = await new Promise<{ grpcPort: number; httpPort: number }>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      output += line + '\n';
      if (line.includes('"listening"')) resolve(JSON.parse(line) as { grpcPort: number; httpPort: number });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code} before listening:\n${output}`)));
  });
  return {
    child,
    ...ports,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      return ((await exited) as [number | null])[0];
    },
  };
}

function infraEnv(): Record<string, string> {
  const names = ['REDIS_URL', 'KAFKA_BROKERS', 'JWT_SECRET'];
  return Object.fromEntries(names.flatMap((n) => (process.env[n] ? [[n, process.env[n]]] : [])));
}
