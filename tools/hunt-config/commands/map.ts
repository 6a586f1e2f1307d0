import type { HuntConfig } from '@hunt/config-schema';
import { EXIT, UsageError } from '../exit-codes';
import { loadConfigs, STDOUT, writeOutput } from '../load';
import { renderMapHtml } from '../map/html';
import { buildWorldMap } from '../map/model';
import { formatUtc } from '../preview/axes';
import { resolveInstant } from '../preview/range';

export const mapHelp = `hunt-config map [file] [--at T] [--out map.html|-]

Draws the world of a config (default: config/hunt.toml) as one self-contained HTML page with
an inline SVG (no tile server, no network): a panel per region with its outline, its named
zones hatched and labelled, and its cells as hexagons shaded by spawn density (treasures per
km² per second) at one instant, with a legend and a scale bar per panel.

  file          config to draw (default: config/hunt.toml)
  --at T        the instant of the densities (default: now; when now is outside a season
                that closes, the season's start, said on stderr). T is an ISO instant
                (2026-12-24T18:00Z) or a duration from the season start (14d, 1d12h, 90m)
  --out PATH    the page's file; - (the default) writes it to stdout and nothing else there,
                refused when stdout is a terminal

Exit codes: 0 written, 1 the config is invalid, 2 usage error.`;

export interface MapArgs {
  readonly file: string;
  readonly at?: string;
  readonly out?: string;
  /** Whether stdout is a terminal: a page of HTML is no use there. */
  readonly stdoutIsTty?: boolean;
  readonly nowMs: number;
}

/** Writes the map; `out` gets the summary line (or, for stdout, the page alone), `err` problems and notes. */
export function runMap(args: MapArgs, out: (s: string) => void, err: (s: string) => void = out): number {
  const target = args.out ?? STDOUT;
  if (target === STDOUT && args.stdoutIsTty)
    throw new UsageError('map writes an HTML page: give --out map.html, or redirect stdout to a file');
  const loaded = loadConfigs([args.file], err);
  if (!loaded) return EXIT.invalid;
  const { config, file } = loaded[0]!;
  const at =
    args.at === undefined ? defaultInstant(config, args.nowMs) : { ms: resolveInstant(config, args.at, '--at') };
  if (at.note) err(`${file}: ${at.note}`);
  const map = buildWorldMap(config, file, at.ms);
  writeOutput(target, renderMapHtml(map), out);
  if (target !== STDOUT)
    out(
      `${target}: ${map.regions.length} regions, ${map.cellCount} cells, ` +
        `${Number(map.ratePerS.toPrecision(4))} spawns/s at ${formatUtc(at.ms)}`,
    );
  return EXIT.ok;
}

/**
 * Now, floored to the minute; outside a season that closes nothing spawns and every cell would
 * be grey, so the map shows the season's start instead (said on stderr and on the page's time).
 */
function defaultInstant(config: HuntConfig, nowMs: number): { ms: number; note?: string } {
  const now = Math.floor(nowMs / 60_000) * 60_000;
  const [start, end] = [Date.parse(config.season.starts_at), Date.parse(config.season.ends_at)];
  if (config.season.off_season === 'hold' || (now >= start && now < end)) return { ms: now };
  return { ms: start, note: `now is outside season ${config.season.id}: drawn at its start, ${formatUtc(start)}` };
}
