import { startServiceProcess, TEST_PORTS, type AppProcess } from '@hunt/service-kit/testing';

/**
 * Starts a built service (a bundle under plain node, a single executable) the way an image or a
 * host runs it: only the given environment plus the infra endpoints of the test run (no
 * inherited NODE_OPTIONS, and PATH limited to the system's), on OS-chosen loopback ports.
 */
export function startListening(
  command: string,
  args: readonly string[],
  opts: { cwd: string; env?: Record<string, string> },
): Promise<AppProcess> {
  return startServiceProcess(command, args, {
    cwd: opts.cwd,
    env: { PATH: '/usr/bin:/bin', ...infraEnv(), ...TEST_PORTS, ...opts.env },
  });
}

function infraEnv(): Record<string, string> {
  const names = ['REDIS_URL', 'KAFKA_BROKERS', 'JWT_SECRET', 'LOOT_ROLL_SECRET', 'LOOT_SERVICE_TOKEN'];
  return Object.fromEntries(names.flatMap((n) => (process.env[n] ? [[n, process.env[n]]] : [])));
}
