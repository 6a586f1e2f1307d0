/**
 * `npx hunt-config <command>`: the designers' toolkit. Exit codes everywhere: 0 fine,
 * 1 invalid config, 2 usage error, 3 guardrail violated.
 */
import { parseArgs } from 'node:util';
import { checkVersion, checkVersionHelp } from './commands/check-version';
import { diff, diffHelp } from './commands/diff';
import { mapHelp, runMap } from './commands/map';
import { previewHelp, runPreview } from './commands/preview';
import { schemaHelp, writeSchema } from './commands/schema';
import { validate, validateHelp } from './commands/validate';
import { printVersion } from './commands/version';
import { EXIT, UsageError } from './exit-codes';
import { DEFAULT_CONFIG, SCHEMA_FILE } from './paths';

const HELP = `hunt-config <command> [options]     the designers' toolkit for config/hunt.toml
hunt-config --version                this tool's version and the baked config's version

Commands:
  validate [files...]            check files; every problem as <file>:<line>:<col> <key.path>: <message>
  schema                         write config/hunt.schema.json (editor completion); --check for CI
  check-version --base <ref>     a changed config must have a greater version than at <ref>
  diff <old> <new> | --base <ref> impact report per region and zone (Markdown, or --format json) with [limits] guardrails
  preview [file]                 chart of spawn rate per region and top zones, and rarity mix (--out chart.svg|.html|-)
  map [file]                     HTML map of regions, zones and cells shaded by spawn density (--at T, --out map.html|-)

Exit codes: 0 fine, 1 invalid config, 2 usage error, 3 guardrail violated.
Run "hunt-config <command> --help" for a command's options.`;

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

/** A command's help with its exit codes (preview's and map's helps list their own). */
const withExitCodes = (help: string, codes: string) => `${help}\n\nExit codes: ${codes}.`;
/** Each command's help: printed for `<command> --help` and, to stderr, with its usage errors. */
const HELPS: Record<string, string> = {
  validate: withExitCodes(validateHelp, '0 all files valid, 1 a file is invalid, 2 usage error'),
  schema: withExitCodes(schemaHelp, '0 written (with --check: current), 1 with --check: stale, 2 usage error'),
  'check-version': withExitCodes(
    checkVersionHelp,
    '0 bumped, unchanged or absent at <git-ref>, 1 not bumped or invalid, 2 usage error (e.g. unknown <git-ref>)',
  ),
  diff: withExitCodes(
    diffHelp,
    '0 no unacknowledged guardrail violation, 1 a config is invalid, 2 usage error, 3 guardrail violated',
  ),
  preview: previewHelp,
  map: mapHelp,
};

type Options = Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>;
type Values = Record<string, string | boolean | undefined>;

/** Parses a command's options; prints its help and returns undefined for --help. */
function parseCommand(
  args: string[],
  options: Options,
  help: string,
): { values: Values; positionals: string[] } | undefined {
  const result = parseArgs({
    args,
    options: { ...options, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (result.values.help) {
    out(help);
    return undefined;
  }
  return { values: result.values, positionals: result.positionals };
}

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

function run(argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') return (out(HELP), EXIT.ok);
  if (command === '--version') return printVersion(out);
  const parsed = (options: Options) => parseCommand(rest, options, HELPS[command]!);
  switch (command) {
    case 'validate': {
      const a = parsed({ format: { type: 'string', default: 'text' } });
      if (!a) return EXIT.ok;
      const format = a.values.format;
      if (format !== 'text' && format !== 'json')
        throw new UsageError(`--format must be text or json, got "${String(format)}"`);
      return validate(a.positionals.length > 0 ? a.positionals : [DEFAULT_CONFIG], format, out);
    }
    case 'schema': {
      const a = parsed({ out: { type: 'string', default: SCHEMA_FILE }, check: { type: 'boolean', default: false } });
      if (!a) return EXIT.ok;
      return writeSchema(str(a.values.out) ?? SCHEMA_FILE, a.values.check === true, out);
    }
    case 'check-version': {
      const a = parsed({ base: { type: 'string' } });
      if (!a) return EXIT.ok;
      if (typeof a.values.base !== 'string') throw new UsageError('check-version needs --base <git-ref>');
      return checkVersion(a.positionals[0] ?? DEFAULT_CONFIG, a.values.base, process.cwd(), out);
    }
    case 'diff': {
      const a = parsed({ base: { type: 'string' }, format: { type: 'string', default: 'markdown' } });
      if (!a) return EXIT.ok;
      const format = a.values.format;
      if (format !== 'markdown' && format !== 'json')
        throw new UsageError(`--format must be markdown or json, got "${String(format)}"`);
      const base = str(a.values.base);
      return diff({ files: a.positionals, base, format, cwd: process.cwd() }, out);
    }
    case 'preview': {
      const a = parsed({
        vs: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
      });
      if (!a) return EXIT.ok;
      return runPreview(
        {
          file: a.positionals[0] ?? DEFAULT_CONFIG,
          vs: str(a.values.vs),
          from: str(a.values.from),
          to: str(a.values.to),
          out: str(a.values.out),
        },
        out,
        err,
      );
    }
    case 'map': {
      const a = parsed({ at: { type: 'string' }, out: { type: 'string' } });
      if (!a) return EXIT.ok;
      if (a.positionals.length > 1) throw new UsageError('map draws one config file');
      const args = { file: a.positionals[0] ?? DEFAULT_CONFIG, at: str(a.values.at), out: str(a.values.out) };
      return runMap({ ...args, stdoutIsTty: process.stdout.isTTY === true, nowMs: Date.now() }, out, err);
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

const argv = process.argv.slice(2);
try {
  process.exitCode = await run(argv);
} catch (error) {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (!usage) throw error;
  // The mistaken command's own usage; the overview only when no command was recognised.
  const help = Object.hasOwn(HELPS, argv[0] ?? '') ? HELPS[argv[0]!] : HELP;
  err(`hunt-config: ${(error as Error).message}\n\n${help}`);
  process.exitCode = EXIT.usage;
}
