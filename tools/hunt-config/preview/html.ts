/** The .html output: the SVG inline under a title, and a table naming each version's line style. */
import { htmlPage, htmlTable } from '../html-page';
import { formatUtc } from './axes';
import { chartTitle, VERSION_DASH } from './layout';
import type { ChartModel } from './series';
import { esc, renderSvg } from './svg';

export function renderHtml(model: ChartModel): string {
  const title = chartTitle(model);
  const rows = model.versions.map((v, i) => {
    const peaks = model.series
      .filter((s) => s.panel !== 'rarity' && s.version === i)
      .map((s) => `${s.panel} ${esc(s.key)} ${Math.max(...s.buckets.map((b) => b.max)).toFixed(3)}`);
    return [
      VERSION_DASH[i] ? 'dashed' : 'solid',
      esc(v.label),
      String(v.version),
      esc(v.seasonId),
      `${formatUtc(v.seasonStartMs)} to ${formatUtc(v.seasonEndMs)}`,
      peaks.join('<br>'),
    ];
  });
  const head = ['line', 'file', 'version', 'season', 'season dates', 'peak spawn/s in range'];
  return htmlPage(esc(title), `${renderSvg(model)}\n${htmlTable(head, rows)}`);
}
