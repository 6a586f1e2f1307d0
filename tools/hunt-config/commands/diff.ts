import { ConfigError, formatProblem } from '@hunt/config-schema';
import { loadConfigText } from '@hunt/static-config';
import { readFileSync } from 'node:fs';
import { EXIT, UsageError } from '../exit-codes';
import { compareSides, renderMarkdown, type ImpactReport } from '../impact/report';
import { describeSide, type ReportSide } from '../impact/side';
import { readAtRevision } from '../load';

export const diffHelp = `hunt-config diff <old.toml> <new.toml> [--format markdown|json]
hunt-config diff --base <git-ref> [new.toml] [--format markdown|json]

Impact report of a config change, in Markdown for a pull request: changed keys, the world's
size (regions, zones, cells, shards) and the zones and regions added or removed, the peak and
mean spawn rate of each region and each zone over the season (a redrawn polygon or region shows
here, through the rates it changes), the fleet's Kafka load at peak against
spawn.throttle_cap_per_s and limits.bus_events_per_s, loot value per player-hour, combo
multiplier. Checks the base config's [limits] guardrails: a violation exits 3 unless the new
file acknowledges that exact change in [release] acknowledge = [{ key, from, to, reason }].

  --format json   the same report for scripts: { base, next: { label, profile, world, kafka },
                  changes: [{ key, from, to }], areas, violations }; the exit code is the same`;

export interface DiffInput {
  readonly old: { bytes: Buffer; label: string };
  readonly next: { bytes: Buffer; label: string };
}

/** Builds the report; throws ConfigError when either side is invalid. */
export function buildImpact(input: DiffInput): ImpactReport {
  const side = (s: DiffInput['old']) => describeSide(loadConfigText(s.bytes, s.label).config, s.label);
  return compareSides(side(input.old), side(input.next));
}

export function diff(
  args: { files: readonly string[]; base?: string; format: 'markdown' | 'json'; cwd: string },
  out: (s: string) => void,
): number {
  const input = resolveInput(args);
  let report: ImpactReport;
  try {
    report = buildImpact(input);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const p of error.problems) out(formatProblem(p));
    return EXIT.invalid;
  }
  if (args.format === 'json') {
    const { base, next, changes, areas, violations } = report;
    const side = ({ label, profile, world, kafka }: ReportSide) => ({ label, profile, world, kafka });
    out(JSON.stringify({ base: side(base), next: side(next), changes, areas, violations }, null, 2));
  } else out(renderMarkdown(report));
  return report.violations.some((v) => !v.acknowledged) ? EXIT.guardrail : EXIT.ok;
}

function resolveInput(args: { files: readonly string[]; base?: string; cwd: string }): DiffInput {
  const read = (file: string) => {
    try {
      return readFileSync(file);
    } catch {
      throw new UsageError(`cannot read ${file}`);
    }
  };
  if (args.base !== undefined) {
    if (args.files.length > 1) throw new UsageError('with --base give at most one file (the new config)');
    const file = args.files[0] ?? 'config/hunt.toml';
    const old = readAtRevision(args.base, file, args.cwd);
    if (!old) throw new UsageError(`${file} does not exist at ${args.base}`);
    return { old: { bytes: old, label: `${args.base}:${file}` }, next: { bytes: read(file), label: file } };
  }
  if (args.files.length !== 2) throw new UsageError('give two files (old and new) or --base <git-ref>');
  return {
    old: { bytes: read(args.files[0]!), label: args.files[0]! },
    next: { bytes: read(args.files[1]!), label: args.files[1]! },
  };
}
