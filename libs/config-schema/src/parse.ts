import { parse as parseToml, TomlError } from 'smol-toml';
import type { core } from 'zod';
import { ConfigError, type ConfigProblem } from './config-error';
import { deepFreeze } from './deep-freeze';
import { formatKeyPath, type KeyPath } from './key-path';
import { huntConfigSchema, type HuntConfig } from './schema';
import { indexTomlPositions, type SourcePosition } from './toml-positions';

/**
 * Parses and validates config text. Returns the deep-frozen config or throws a ConfigError
 * listing every problem; it never returns a partly valid config. `file` only labels messages.
 */
export function parseConfig(source: string, file: string): HuntConfig {
  let document: unknown;
  try {
    document = parseToml(source);
  } catch (error) {
    throw syntaxError(error, source, file);
  }
  const result = huntConfigSchema.safeParse(document);
  if (!result.success) {
    const positions = indexTomlPositions(source);
    const problems = result.error.issues.flatMap((issue) => toProblems(issue, positions, file));
    throw new ConfigError(
      file,
      problems.sort((a, b) => a.line - b.line || a.col - b.col),
    );
  }
  return deepFreeze(result.data);
}

function syntaxError(error: unknown, source: string, file: string): ConfigError {
  if (!(error instanceof TomlError)) {
    return new ConfigError(file, [{ file, line: 1, col: 1, keyPath: '(root)', message: String(error) }], {
      cause: error,
    });
  }
  // smol-toml's message repeats the position and a code frame; keep only its first line.
  const reason = error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? 'invalid TOML';
  const keyPath = keyAtLine(source, error.line);
  const problem: ConfigProblem = {
    file,
    line: error.line,
    col: error.column,
    keyPath,
    message: `TOML syntax error: ${reason}`,
  };
  return new ConfigError(file, [problem], { cause: error });
}

/** The key written on a line, for syntax errors (the document has no key index yet). */
function keyAtLine(source: string, line: number): string {
  const text = source.split('\n')[line - 1] ?? '';
  const match = /^\s*\[{1,2}\s*([^\]\s#]+)/.exec(text) ?? /^\s*([A-Za-z0-9_.\-"']+)\s*=/.exec(text);
  return match?.[1]?.replace(/["']/g, '') || '(root)';
}

function toProblems(issue: core.$ZodIssue, positions: Map<string, SourcePosition>, file: string): ConfigProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      return {
        file,
        ...locate(keyPath, positions),
        keyPath: formatKeyPath(keyPath),
        message: `unknown key "${key}" (not in the schema; check the spelling)`,
      };
    });
  }
  return [
    {
      file,
      ...locate(path, positions),
      keyPath: formatKeyPath(path),
      message: issue.message,
    },
  ];
}

/** The position of the path, or of its nearest written ancestor (a missing key's table). */
function locate(path: KeyPath, positions: Map<string, SourcePosition>): SourcePosition {
  for (let n = path.length; n > 0; n--) {
    const at = positions.get(formatKeyPath(path.slice(0, n)));
    if (at) return at;
  }
  return { line: 1, col: 1 };
}
