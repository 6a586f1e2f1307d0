import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface AppProcess {
  readonly child: ChildProcess;
  readonly grpcPort: number;
  readonly httpPort: number;
  /** Everything the process wrote so far. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code and how long the exit took. */
  stop(): Promise<{ code: number | null; ms: number }>;
}

/** Ports 0 (the OS picks) on loopback: what every test start of a service uses. */
export const TEST_PORTS = { HTTP_PORT: '0', GRPC_PORT: '0', HOST: '127.0.0.1' };

/**
 * Starts an app's main.ts in its own process (as production does) on OS-chosen ports and
 * resolves once it logs "listening". Rejects with the process output when it exits first.
 */
export function startAppProcess(entry: string, env: Record<string, string> = {}): Promise<AppProcess> {
  return startServiceProcess(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...TEST_PORTS, ...env },
  });
}

/**
 * Starts any command that runs a service (an app from source, a bundle under plain node, a
 * single executable) with exactly `env` (nothing inherited), and resolves once it logs
 * "listening" with the ports it bound. Rejects with its output when it exits (or cannot
 * start) first.
 */
export async function startServiceProcess(
  command: string,
  args: readonly string[],
  opts: { env: NodeJS.ProcessEnv; cwd?: string },
): Promise<AppProcess> {
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ports = await new Promise<{ grpcPort: number; httpPort: number }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      output += line + '\n';
      if (!line.includes('"listening"')) return;
      const { grpcPort, httpPort } = JSON.parse(line) as { grpcPort: number; httpPort: number };
      resolve({ grpcPort, httpPort });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code} before listening:\n${output}`)));
  });
  return {
    child,
    ...ports,
    output: () => output,
    async stop() {
      const started = Date.now();
      if (child.exitCode !== null) return { code: child.exitCode, ms: 0 };
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return { code, ms: Date.now() - started };
    },
  };
}

/**
 * Runs an app to completion (for start-up failures) and returns its exit code and output. A
 * variable given as `undefined` is unset, even when this process's environment has it.
 */
export async function runAppToExit(
  entry: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...TEST_PORTS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}
