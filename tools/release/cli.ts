/** Runs a CLI's body; a failure prints its message (no stack: these are operator errors) and exits 1. */
export async function runCli(body: () => Promise<void> | void): Promise<void> {
  try {
    await body();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
