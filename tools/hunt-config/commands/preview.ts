import { extname } from 'node:path';
import { EXIT, UsageError } from '../exit-codes';
import { loadConfigs, STDOUT, writeOutput } from '../load';
import { formatUtc } from '../preview/axes';
import { renderHtml } from '../preview/html';
import { resolveRange } from '../preview/range';
import { buildChart, TOP_ZONES, type ChartModel } from '../preview/series';
import { renderSvg } from '../preview/svg';

export const previewHelp = `hunt-config preview [file] [--vs other.toml] [--from T] [--to T] --out chart.svg|chart.html|-

Draws the spawn rate of each region, of the ${TOP_ZONES} busiest named zones (by peak in the range) and
the rarity mix (each tier's share of all spawns) over time, on a UTC time axis; "hunt-config
diff" lists every zone. With --vs the other file is overlaid: the file's lines solid, the --vs
file's dashed. Values are evaluated every minute and each line traces the lowest and highest
minute of its buckets: up to 14 days, buckets of a few minutes (a 1-hour happy hour shows as a
step); longer ranges, one bucket per day from --from, shaded between each day's low and peak.

  file          config to draw (default: config/hunt.toml)
  --vs FILE     a second config to compare against
  --from T      start of the range (default: the season's starts_at)
  --to T        end of the range (default: the season's ends_at); at most 400 days long
                T is an ISO instant (2026-12-24T18:00Z; a bare date is its UTC midnight)
                or a duration from the file's season start (14d, 1d12h, 90m)
  --out PATH    .svg writes a standalone SVG; .html a page with the chart and a table
                of the versions; - writes that page to stdout (and nothing else there)

Exit codes: 0 written, 1 a config is invalid, 2 usage error.`;

export interface PreviewArgs {
  file: string;
  vs?: string;
  from?: string;
  to?: string;
  out?: string;
}

const RENDERERS: Record<string, (model: ChartModel) => string> = { '.svg': renderSvg, '.html': renderHtml };

/**
 * Draws the chart to `args.out`. `out` receives the summary line (or, for `--out -`, the page
 * alone); `err` the config problems, so a page piped to a file never carries them.
 */
export function runPreview(args: PreviewArgs, out: (s: string) => void, err: (s: string) => void = out): number {
  if (!args.out) throw new UsageError('preview needs --out chart.svg, --out chart.html or --out -');
  const render = args.out === STDOUT ? renderHtml : RENDERERS[extname(args.out).toLowerCase()];
  if (!render) throw new UsageError(`--out must end in .svg or .html (or be -), got "${args.out}"`);
  const loaded = loadConfigs(args.vs === undefined ? [args.file] : [args.file, args.vs], err);
  if (!loaded) return EXIT.invalid;
  const { fromMs, toMs } = resolveRange(loaded[0]!.config, args.from, args.to);
  const model = buildChart(
    loaded.map((l) => ({ label: l.file, config: l.config })),
    fromMs,
    toMs,
  );
  writeOutput(args.out, render(model), out);
  if (args.out !== STDOUT)
    out(
      `${args.out}: ${model.series.length} series, ${formatUtc(fromMs)} to ${formatUtc(toMs)}, ` +
        `${model.bucketMinutes}-minute buckets`,
    );
  return EXIT.ok;
}
