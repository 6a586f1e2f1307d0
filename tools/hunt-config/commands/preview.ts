import { EXIT, UsageError } from '../exit-codes';

export const previewHelp = `hunt-config preview [file] [--vs other.toml] [--from T --to T] --out chart.svg|chart.html

Draws each zone's spawn rate and the rarity mix over time (UTC axis), the two versions
overlaid with --vs. Default range: the season.`;

export interface PreviewArgs {
  file: string;
  vs?: string;
  from?: string;
  to?: string;
  out?: string;
}

/** Placeholder until the chart renderer lands: refuses clearly instead of pretending. */
export function runPreview(args: PreviewArgs, _out: (s: string) => void): number {
  if (!args.out) throw new UsageError('preview needs --out chart.svg or --out chart.html');
  throw new UsageError('preview is not implemented yet');
  return EXIT.ok;
}
