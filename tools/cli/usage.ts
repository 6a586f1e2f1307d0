/**
 * The command-line contract of the repo's commands (npm run release, rollback, token, bench,
 * build:sea, infra): `-h`/`--help` prints the usage on stdout and exits 0; an unknown option or
 * a bad value prints `<command>: <problem>` and the usage on stderr and exits 2; any other
 * failure is operational and exits 1 (or a code of the command's own, e.g. infra's 3).
 * The help is rendered from the same spec the arguments are parsed with, so the options and
 * defaults it shows are the ones the code uses.
 */
import { parseArgs } from 'node:util';

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A wrong argument, option or value: printed with the usage, exit 2. Thrown by command bodies. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly default?: string | boolean;
  /** One line for the help. */
  readonly description: string;
  /** Placeholder of a string option's value in the help (default `<value>`). */
  readonly value?: string;
  /** The default as the help shows it when `default` cannot say it (e.g. a computed path). */
  readonly defaultText?: string;
}

export type Options = Readonly<Record<string, OptionSpec>>;

type ValueOf<D extends OptionSpec> = D['type'] extends 'string' ? string : boolean;

/** Parsed option values: an option with a default is always present. */
export type Values<O extends Options> = {
  -readonly [K in keyof O as O[K]['default'] extends string | boolean ? K : never]: ValueOf<O[K]>;
} & { -readonly [K in keyof O as O[K]['default'] extends string | boolean ? never : K]?: ValueOf<O[K]> };

export interface CommandLine<O extends Options> {
  readonly values: Values<O>;
  readonly positionals: string[];
}

export interface CommandSpec<O extends Options> {
  /** Prefix of usage errors, `<name>: <problem>`. */
  readonly name: string;
  /** Invocation lines, e.g. `npm run release -- [--record] [--env <env>]`. */
  readonly usage: readonly string[];
  /** What the command does. */
  readonly description: string;
  /** Preformatted sections shown before the options, e.g. `{ Commands: '...' }`. */
  readonly sections?: Readonly<Record<string, string>>;
  readonly options: O;
  readonly allowPositionals?: boolean;
  /** Every environment variable the command reads, with its meaning and default. */
  readonly environment: Readonly<Record<string, string>>;
  /** The meaning of each exit code; 2 (usage error) is the same everywhere and added here. */
  readonly exitCodes: Readonly<Record<number, string>>;
  /** How an operational failure is printed (default: its message; these are operator errors). */
  readonly formatFailure?: (error: unknown) => string;
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'print this help and exit' };

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right.replaceAll('\n', `\n  ${' '.repeat(width)}`)}`);
}

function optionRow(name: string, o: OptionSpec): [string, string] {
  const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`;
  const shown = o.defaultText ?? (o.default === undefined || o.default === false ? undefined : String(o.default));
  return [flag, shown === undefined ? o.description : `${o.description} (default: ${shown})`];
}

/** The usage text `--help` prints. */
export function helpText<O extends Options>(spec: CommandSpec<O>): string {
  const options = { ...spec.options, help: HELP_OPTION };
  const env = Object.entries(spec.environment);
  const exits = {
    ...spec.exitCodes,
    [EXIT.usage]: 'usage error: unknown option or bad value (the problem and this help go to stderr)',
  };
  return [
    ...spec.usage.map((line, i) => `${i === 0 ? 'Usage: ' : '       '}${line}`),
    '',
    spec.description,
    '',
    ...Object.entries(spec.sections ?? {}).flatMap(([title, body]) => [`${title}:`, body, '']),
    'Options:',
    ...table(Object.entries(options).map(([name, o]) => optionRow(name, o))),
    '',
    'Environment:',
    ...(env.length > 0 ? table(env) : ['  none read']),
    '',
    'Exit codes:',
    ...table(Object.entries(exits).map(([code, meaning]) => [code, meaning])),
    '',
  ].join('\n');
}

export type ParseOutcome<O extends Options> =
  | ({ readonly kind: 'run' } & CommandLine<O>)
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

/** Parses argv strictly; node's ERR_PARSE_ARGS_* errors become a usage error. */
export function parseCommandLine<O extends Options>(spec: CommandSpec<O>, argv: readonly string[]): ParseOutcome<O> {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, help: HELP_OPTION }).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short && { short: o.short }), ...(o.default !== undefined && { default: o.default }) },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      allowPositionals: spec.allowPositionals ?? false,
      strict: true,
    });
    const { help, ...rest } = values;
    if (help === true) return { kind: 'help' };
    return { kind: 'run', values: rest as Values<O>, positionals };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw error;
    // node's hint about '--' concerns positionals that start with '-'; here it only misleads.
    const message = (error as Error).message.replace(/\. To specify a positional.*$/s, '');
    return { kind: 'usage-error', message: message.charAt(0).toLowerCase() + message.slice(1) };
  }
}

/**
 * Parses argv, answers --help, runs `body` and reports its outcome: the exit code is
 * `body`'s return (default 0), 2 for a usage error (from parsing, or a UsageError thrown by
 * `body`), 1 for anything else `body` throws. Sets process.exitCode and returns it; it does not
 * call process.exit (a caller whose clients keep the event loop alive does).
 */
export async function runCommand<const O extends Options>(
  spec: CommandSpec<O>,
  body: (line: CommandLine<O>) => Promise<number | void> | number | void,
  argv: readonly string[] = process.argv.slice(2),
): Promise<number> {
  const code = await outcome(spec, body, argv);
  process.exitCode = code;
  return code;
}

async function outcome<O extends Options>(
  spec: CommandSpec<O>,
  body: (line: CommandLine<O>) => Promise<number | void> | number | void,
  argv: readonly string[],
): Promise<number> {
  const parsed = parseCommandLine(spec, argv);
  if (parsed.kind === 'help') {
    process.stdout.write(helpText(spec));
    return EXIT.ok;
  }
  try {
    if (parsed.kind === 'usage-error') throw new UsageError(parsed.message);
    return (await body(parsed)) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${spec.name}: ${error.message}\n\n${helpText(spec)}`);
      return EXIT.usage;
    }
    const format = spec.formatFailure ?? ((e: unknown) => (e instanceof Error ? e.message : String(e)));
    process.stderr.write(`${format(error)}\n`);
    return EXIT.failure;
  }
}
