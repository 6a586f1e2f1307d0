/**
 * The contract between tools/bench/run.ts and one benchmark module (tools/bench/<name>/index.ts).
 * A module reports results only through `emit` (one JSON line on stdout each) and progress only
 * through `log` (stderr), so stdout stays machine-readable.
 */

/** One result line. `bench` names the measurement (e.g. "config-read"); the rest are figures. */
export interface BenchResult {
  readonly bench: string;
  readonly [field: string]: string | number | boolean | null | undefined;
}

export interface BenchContext {
  /** Arguments after the benchmark name (e.g. `--explore`). */
  readonly args: readonly string[];
  emit(result: BenchResult): void;
  log(message: string): void;
}

export interface BenchModule {
  run(ctx: BenchContext): Promise<void>;
}
