/**
 * Runs a CLI's body; a failure prints its message (no stack: these are operator errors) and exits 1.
 * For internal scripts (docker-context.ts); the npm commands parse their options and answer
 * --help with runCommand (tools/cli/usage.ts).
 */
export async function runCli(body: () => Promise<void> | void): Promise<void> {
  try {
    await body();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
