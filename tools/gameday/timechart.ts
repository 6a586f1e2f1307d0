/**
 * Timeline charts of one replay as inline SVG: a frame with the phases shaded, seconds along
 * the bottom, and either lines (linear or log y) or bands (rows of coloured spans). Every chart
 * is `<svg data-chart="<id>">`, every line `<path data-series="<id>">`, every band span
 * `<rect data-span>`, every phase label `<text data-phase-label="<name>">` (the browser test
 * counts them). All charts of a run share the x geometry, so their time axes line up.
 */
import { valueTicks } from '../hunt-config/preview/axes';
import { esc, FONT, MUTED } from '../hunt-config/preview/svg';
import type { Phase, PhaseName } from './timeline';

const WIDTH = 620;
/** Room on the left for band labels (service and alert names); line charts keep it for alignment. */
const PLOT = { left: 122, width: WIDTH - 122 - 14 } as const;
const HEAD = 40;
const FOOT = 28;
const GRID = '#e6e6e6';
/** One tint per phase: amber while two versions serve, red for the new one alone, blue back. */
export const PHASE_FILL: Record<PhaseName, string> = {
  steady: '#ffffff',
  rollout: '#fff1cc',
  'new-only': '#fde2de',
  rollback: '#e1edfb',
  'steady-again': '#f1f1f1',
};

export interface TimeAxis {
  readonly fromS: number;
  readonly toS: number;
  readonly phases: readonly Phase[];
}

export interface Line {
  readonly id: string;
  readonly label: string;
  readonly colour: string;
  readonly dash?: string;
  /** [second, value]; null leaves a gap. */
  readonly points: readonly (readonly [number, number | null])[];
}

export interface LineChart {
  readonly id: string;
  readonly title: string;
  readonly lines: readonly Line[];
  /** Log10 y from 1 (values below 1 drawn at 1): for latency that spans 20 ms to seconds. */
  readonly log?: boolean;
}

export interface Band {
  readonly label: string;
  /** Each span's colours stack as equal stripes (two versions at once: two stripes). */
  readonly spans: readonly { fromS: number; toS: number; colours: readonly string[]; title: string }[];
}

export interface BandChart {
  readonly id: string;
  readonly title: string;
  readonly bands: readonly Band[];
  readonly legend: readonly { label: string; colour: string }[];
  /** Said inside the frame when there are no bands. */
  readonly empty: string;
}

export function lineChart(axis: TimeAxis, c: LineChart): string {
  const height = 190;
  const plot = { top: HEAD, height: height - HEAD - FOOT };
  const max = Math.max(0, ...c.lines.flatMap((l) => l.points.map(([, v]) => v ?? 0)));
  const scale = c.log ? logScale(max) : linearScale(max);
  const y = (v: number) => plot.top + plot.height * (1 - scale.at(v));
  const grid = scale.ticks.map(
    (v) =>
      `<line x1="${PLOT.left}" x2="${PLOT.left + PLOT.width}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="${GRID}"/>` +
      `<text x="${PLOT.left - 6}" y="${n(y(v))}" dy="4" text-anchor="end" fill="${MUTED}">${esc(fmtTick(v))}</text>`,
  );
  const paths = c.lines.map((l) => {
    const dash = l.dash ? ` stroke-dasharray="${l.dash}"` : '';
    return `<path data-series="${esc(l.id)}" d="${pathOf(axis, l.points, y)}" fill="none" stroke="${l.colour}" stroke-width="1.6"${dash}><title>${esc(l.label)}</title></path>`;
  });
  const legend = c.lines.map((l) => ({ label: l.label, colour: l.colour, dash: l.dash }));
  return frame(axis, c.id, c.title, height, plot, legend, [...grid, ...paths]);
}

export function bandChart(axis: TimeAxis, c: BandChart): string {
  const rowH = 22;
  const plot = { top: HEAD, height: Math.max(1, c.bands.length) * rowH };
  const body = c.bands.flatMap((b, row) => {
    const top = plot.top + row * rowH + 3;
    const label = `<text x="${PLOT.left - 6}" y="${top + 12}" text-anchor="end" fill="#333">${esc(b.label)}</text>`;
    const spans = b.spans.map((s) => {
      const [x0, x1] = [xOf(axis, s.fromS), xOf(axis, s.toS)];
      const stripe = (rowH - 6) / Math.max(1, s.colours.length);
      const rects = s.colours.map(
        (colour, i) =>
          `<rect x="${n(x0)}" y="${n(top + i * stripe)}" width="${n(Math.max(1, x1 - x0))}" height="${n(stripe)}" fill="${colour}"/>`,
      );
      return `<g data-span="${esc(b.label)}"><title>${esc(s.title)}</title>${rects.join('')}</g>`;
    });
    return [label, ...spans];
  });
  const empty =
    c.bands.length === 0
      ? [`<text x="${PLOT.left + 8}" y="${plot.top + 15}" fill="${MUTED}">${esc(c.empty)}</text>`]
      : [];
  return frame(axis, c.id, c.title, plot.top + plot.height + FOOT, plot, c.legend, [...body, ...empty]);
}

/** The phases as a labelled strip above a run's charts: name and seconds of each. */
export function phaseRibbon(axis: TimeAxis): string {
  const height = 42;
  const cells = axis.phases.map((p) => {
    const [x0, x1] = [xOf(axis, p.startS), xOf(axis, p.endS)];
    const mid = n((x0 + x1) / 2);
    return (
      `<rect x="${n(x0)}" y="4" width="${n(x1 - x0)}" height="34" fill="${PHASE_FILL[p.name]}" stroke="#bbb"/>` +
      `<text data-phase-label="${p.name}" x="${mid}" y="19" text-anchor="middle" font-weight="600" fill="#333">${esc(p.name)}</text>` +
      `<text x="${mid}" y="33" text-anchor="middle" font-size="10" fill="${MUTED}">${p.startS}-${p.endS} s</text>`
    );
  });
  return [
    svgOpen('phases', height),
    `<text x="${PLOT.left - 6}" y="25" text-anchor="end" fill="${MUTED}">phase</text>`,
    ...cells,
    '</svg>',
  ].join('\n');
}

function frame(
  axis: TimeAxis,
  id: string,
  title: string,
  height: number,
  plot: { top: number; height: number },
  legend: readonly { label: string; colour: string; dash?: string }[],
  body: readonly string[],
): string {
  const bottom = plot.top + plot.height;
  const shading = axis.phases.map(
    (p) =>
      `<rect x="${n(xOf(axis, p.startS))}" y="${plot.top}" width="${n(xOf(axis, p.endS) - xOf(axis, p.startS))}" height="${plot.height}" fill="${PHASE_FILL[p.name]}"/>`,
  );
  const ticks = valueTicks(axis.toS - axis.fromS, 6).ticks.map((dt) => {
    const x = n(xOf(axis, axis.fromS + dt));
    return `<line x1="${x}" x2="${x}" y1="${bottom}" y2="${bottom + 4}" stroke="#999"/><text x="${x}" y="${bottom + 16}" text-anchor="middle" fill="${MUTED}">${axis.fromS + dt} s</text>`;
  });
  let lx = PLOT.left;
  const keys = legend.map((e) => {
    const dash = e.dash ? ` stroke-dasharray="${e.dash}"` : '';
    const g = `<g data-legend="${esc(e.label)}"><line x1="${lx}" x2="${lx + 18}" y1="29" y2="29" stroke="${e.colour}" stroke-width="3"${dash}/><text x="${lx + 22}" y="33" fill="#333">${esc(e.label)}</text></g>`;
    lx += 32 + e.label.length * 6.2;
    return g;
  });
  return [
    svgOpen(id, height),
    `<text x="8" y="15" font-size="13" font-weight="600" fill="#222">${esc(title)}</text>`,
    ...keys,
    `<rect data-plot="${esc(id)}" x="${PLOT.left}" y="${plot.top}" width="${PLOT.width}" height="${plot.height}" fill="#fff"/>`,
    ...shading,
    ...body,
    `<rect x="${PLOT.left}" y="${plot.top}" width="${PLOT.width}" height="${plot.height}" fill="none" stroke="#bbb"/>`,
    ...ticks,
    '</svg>',
  ].join('\n');
}

const svgOpen = (id: string, height: number) =>
  `<svg data-chart="${esc(id)}" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}" font-size="11">`;

const xOf = (axis: TimeAxis, t: number) =>
  PLOT.left + ((t - axis.fromS) / Math.max(1, axis.toS - axis.fromS)) * PLOT.width;

/** A point per second at the middle of its second; a null ends the stroke and the next value starts a new one. */
function pathOf(axis: TimeAxis, points: Line['points'], y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const [t, v] of points) {
    if (v === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${n(xOf(axis, t + 0.5))},${n(y(v))}`;
    pen = true;
  }
  return d;
}

interface Scale {
  readonly ticks: readonly number[];
  /** Value -> 0..1 of the plot's height. */
  readonly at: (v: number) => number;
}

function linearScale(max: number): Scale {
  const { top, ticks } = valueTicks(max, 4);
  return { ticks, at: (v) => v / top };
}

function logScale(max: number): Scale {
  const decades = Math.max(1, Math.ceil(Math.log10(Math.max(10, max))));
  return {
    ticks: Array.from({ length: decades + 1 }, (_, i) => 10 ** i),
    at: (v) => Math.log10(Math.max(1, v)) / decades,
  };
}

const fmtTick = (v: number) => (v >= 10_000 ? `${v / 1000}k` : String(v));
/** One decimal: sub-pixel precision without bloating a path of a few hundred points. */
const n = (v: number) => Math.round(v * 10) / 10;
