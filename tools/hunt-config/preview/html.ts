/** The .html output: the SVG inline under a title, and a table naming each version's line style. */
import { formatUtc } from './axes';
import { chartTitle, VERSION_DASH } from './layout';
import type { ChartModel } from './series';
import { esc, renderSvg } from './svg';

export function renderHtml(model: ChartModel): string {
  const title = chartTitle(model);
  const rows = model.versions.map((v, i) => {
    const peaks = model.series
      .filter((s) => s.panel === 'spawn' && s.version === i)
      .map((s) => `${esc(s.key)} ${Math.max(...s.buckets.map((b) => b.max)).toFixed(3)}`);
    const cells = [
      VERSION_DASH[i] ? 'dashed' : 'solid',
      esc(v.label),
      String(v.version),
      esc(v.seasonId),
      `${formatUtc(v.seasonStartMs)} to ${formatUtc(v.seasonEndMs)}`,
      peaks.join('<br>'),
    ];
    return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 24px; color: #222; }
  table { border-collapse: collapse; margin-top: 16px; font-size: 13px; }
  th, td { border: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
  th { background: #f6f6f6; }
</style>
</head>
<body>
${renderSvg(model)}
<table>
<thead><tr><th>line</th><th>file</th><th>version</th><th>season</th><th>season dates</th><th>peak spawn/s in range</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
