/** One problem in a config file, located at the line and column of the offending key. */
export interface ConfigProblem {
  file: string;
  line: number;
  col: number;
  /** Dotted key path such as `zones[0].bounds.min_lat`; `(root)` for the document itself. */
  keyPath: string;
  message: string;
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.col} ${p.keyPath}: ${p.message}`;
}

/**
 * Thrown when a config file cannot be used. It carries every problem in the file at once (a
 * designer fixes them in one go) and its message is one `<file>:<line>:<col> <key.path>:
 * <message>` line per problem: a user error, printed without a stack trace.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
    options?: { cause?: unknown },
  ) {
    super(problems.map(formatProblem).join('\n'), options);
  }
}
