/**
 * Writes a ChartModel as a standalone SVG. Every series is one `<path data-series="<id>">`
 * (tests and tools count them) tracing its buckets' maxima and minima; the first version also
 * gets a pale band filling the range between them.
 */
import {
  HEIGHT,
  layoutChart,
  LEGEND_X,
  PLOT,
  seriesStyle,
  WIDTH,
  xOf,
  yOf,
  type Layout,
  type PanelLayout,
} from './layout';
import type { ChartModel, Series } from './series';

export const FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';
export const MUTED = '#666';
const GRID = '#e6e6e6';

export function renderSvg(model: ChartModel): string {
  const layout = layoutChart(model);
  const bottom = layout.panels.at(-1)!;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${FONT}" font-size="12">`,
    `<title>${esc(layout.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${PLOT.left}" y="34" font-size="20" font-weight="600" fill="#222">${esc(layout.title)}</text>`,
    `<text x="${PLOT.left}" y="56" font-size="13" fill="${MUTED}">${esc(layout.subtitle)}</text>`,
    ...layout.panels.map((p) => panel(model, layout, p)),
    ...xLabels(model, layout, bottom.top + bottom.height),
    `<text x="${PLOT.left + PLOT.width / 2}" y="${HEIGHT - 12}" text-anchor="middle" fill="${MUTED}">time (UTC)</text>`,
    legend(layout),
    '</svg>',
  ].join('\n');
}

function panel(model: ChartModel, layout: Layout, p: PanelLayout): string {
  const { left, width } = PLOT;
  const right = left + width;
  const clip = `clip-${p.panel}`;
  const offSeason = layout.offSeason.map(([a, b]) => {
    const x = xOf(model, a);
    return `<rect x="${n(x)}" y="${p.top}" width="${n(xOf(model, b) - x)}" height="${p.height}" fill="#f3f3f3"><title>off season</title></rect>`;
  });
  const yGrid = p.yTicks.flatMap((v) => {
    const y = n(yOf(p, v));
    return [
      `<line x1="${left}" x2="${right}" y1="${y}" y2="${y}" stroke="${GRID}"/>`,
      `<text x="${left - 8}" y="${y}" dy="4" text-anchor="end" fill="${MUTED}">${esc(p.formatValue(v))}</text>`,
    ];
  });
  const xGrid = layout.xTicks.map((tick) => {
    const x = n(xOf(model, tick.t));
    return `<line x1="${x}" x2="${x}" y1="${p.top}" y2="${p.top + p.height}" stroke="${GRID}"/>`;
  });
  const paths = model.series.filter((s) => s.panel === p.panel).map((s) => seriesPath(model, p, s));
  return [
    `<g data-panel="${p.panel}">`,
    `<text x="${left}" y="${p.top - 12}" font-size="14" font-weight="600" fill="#333">${esc(p.title)}</text>`,
    `<clipPath id="${clip}"><rect x="${left}" y="${p.top - 2}" width="${width}" height="${p.height + 4}"/></clipPath>`,
    ...offSeason,
    ...yGrid,
    ...xGrid,
    `<rect data-plot="${p.panel}" x="${left}" y="${p.top}" width="${width}" height="${p.height}" fill="none" stroke="#bbb"/>`,
    `<g clip-path="url(#${clip})" fill="none" stroke-width="1.6" stroke-linejoin="round">`,
    ...paths,
    '</g>',
    '</g>',
  ].join('\n');
}

function seriesPath(model: ChartModel, p: PanelLayout, s: Series): string {
  const bucketMs = model.bucketMinutes * 60_000;
  // Points sit mid-bucket; the first and last reach the plot's edges so no line stops short.
  const last = s.buckets.length - 1;
  const xs = s.buckets.map((b, i) => n(xOf(model, i === 0 ? b.t : i === last ? b.t + bucketMs : b.t + bucketMs / 2)));
  const upper = s.buckets.map((b, i) => `${xs[i]},${n(yOf(p, b.max))}`);
  const lower = s.buckets.map((b, i) => `${xs[i]},${n(yOf(p, b.min))}`);
  const { colour, dash } = seriesStyle(model, s);
  const dashAttr = dash ? ` stroke-dasharray="${dash}"` : '';
  const flat = s.buckets.every((b) => b.min === b.max);
  const d = flat ? `M${upper.join('L')}` : `M${upper.join('L')}M${lower.join('L')}`;
  const line = `<path data-series="${esc(s.id)}" d="${d}" stroke="${colour}"${dashAttr}/>`;
  // Only the first version is shaded: six overlapping bands turn to mud, and the dashed
  // --vs lines pair up by colour without one.
  if (flat || s.version > 0) return line;
  const band = `M${upper.join('L')}L${[...lower].reverse().join('L')}Z`;
  return `<path d="${band}" fill="${colour}" fill-opacity="0.12" stroke="none"/>\n${line}`;
}

function xLabels(model: ChartModel, layout: Layout, y: number): string[] {
  return layout.xTicks.flatMap((tick) => {
    const x = n(xOf(model, tick.t));
    const context = tick.context
      ? [`<text x="${x}" y="${y + 34}" text-anchor="middle" fill="${MUTED}">${esc(tick.context)}</text>`]
      : [];
    return [
      `<line x1="${x}" x2="${x}" y1="${y}" y2="${y + 5}" stroke="#999"/>`,
      `<text x="${x}" y="${y + 19}" text-anchor="middle" fill="#333">${esc(tick.label)}</text>`,
      ...context,
    ];
  });
}

/** Versions at the top, then each panel's regions, zones or tiers beside it (the first below the versions). */
function legend(layout: Layout): string {
  const groups = [
    { group: 'version', top: 100, heading: 'Versions' },
    ...layout.panels.map((p, i) => ({ group: p.panel, top: p.top + (i === 0 ? 90 : 0), heading: '' })),
  ];
  const rows = groups.flatMap(({ group, top, heading }) => {
    const entries = layout.legend.filter((e) => e.group === group);
    const head = heading ? [`<text x="${LEGEND_X}" y="${top}" font-weight="600" fill="#333">${heading}</text>`] : [];
    return [
      ...head,
      ...entries.map((e, i) => {
        const y = top + (heading ? 20 : 4) + i * 20;
        const dash = e.dash ? ` stroke-dasharray="${e.dash}"` : '';
        return (
          `<g data-legend="${group}"><line x1="${LEGEND_X}" x2="${LEGEND_X + 28}" y1="${y}" y2="${y}" stroke="${e.colour}" stroke-width="3"${dash}/>` +
          `<text x="${LEGEND_X + 36}" y="${y}" dy="4" fill="#333">${esc(e.label)}</text></g>`
        );
      }),
    ];
  });
  return rows.join('\n');
}

/** One decimal: sub-pixel precision without bloating a 2,000-point path. */
const n = (v: number) => Math.round(v * 10) / 10;
/** Escapes text for XML content and attribute values. */
export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
