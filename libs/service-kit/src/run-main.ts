import { ConfigError } from '@hunt/static-config';
import { EnvError } from './env';

/**
 * Runs a service's start-up. A user error (bad config file, bad environment) prints its
 * message without a stack trace and exits 1 before any port is open; anything else is a bug
 * and is printed in full.
 */
export async function runMain(service: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `${service}: refusing to start, the config file ${error.file} is invalid:\n${error.message}\n`,
      );
    } else if (error instanceof EnvError) {
      process.stderr.write(`${service}: refusing to start, ${error.message}\n`);
    } else {
      process.stderr.write(
        `${service}: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  }
}
