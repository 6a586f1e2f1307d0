/**
 * Where everything goes: three stacked panels sharing one UTC time axis (spawn rate per region,
 * the busiest zones, rarity mix per tier), a legend column on the right, and each series'
 * colour and dash.
 * Pure geometry; svg.ts only writes what this decides.
 */
import { formatUtc, timeTicks, valueTicks, type TimeTick } from './axes';
import { TOP_ZONES, type ChartModel, type Panel, type Series } from './series';

export const WIDTH = 1200;
export const HEIGHT = 880;
export const PLOT = { left: 80, width: 880 } as const;
export const LEGEND_X = 990;
/** Tick labels need about this much room; fewer ticks rather than overlapping text. */
const MIN_TICK_SPACING_PX = 64;

/** Regions, zones and tiers get separate palettes so a colour names one thing in the whole chart. */
const REGION_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#17becf', '#8c564b', '#e377c2'];
const ZONE_COLOURS = ['#843c39', '#393b79', '#637939', '#a55194', '#6b6ecf', '#8ca252'];
const TIER_COLOURS = ['#7f7f7f', '#9467bd', '#d4a017', '#d62728', '#bcbd22', '#393b79'];
/** Index 0 (the file) solid, index 1 (--vs) dashed. */
export const VERSION_DASH = [undefined, '7 4'] as const;

export interface PanelLayout {
  readonly panel: Panel;
  readonly title: string;
  readonly top: number;
  readonly height: number;
  readonly yTop: number;
  readonly yTicks: readonly number[];
  readonly formatValue: (v: number) => string;
}

export interface LegendEntry {
  readonly group: 'version' | Panel;
  readonly label: string;
  readonly colour: string;
  readonly dash?: string;
}

export interface Layout {
  readonly title: string;
  readonly subtitle: string;
  readonly panels: readonly PanelLayout[];
  readonly xTicks: readonly TimeTick[];
  /** Parts of the range outside the first version's season, as [fromMs, toMs) pairs. */
  readonly offSeason: readonly (readonly [number, number])[];
  readonly legend: readonly LegendEntry[];
}

export function layoutChart(model: ChartModel): Layout {
  const [main] = model.versions;
  const peak = (panel: Panel) =>
    Math.max(0, ...model.series.filter((s) => s.panel === panel).flatMap((s) => s.buckets.map((b) => b.max)));
  const regionY = valueTicks(peak('region'));
  const zoneY = valueTicks(peak('zone'), 4);
  const rarityY = valueTicks(peak('rarity'), 4);
  const names = model.versions.map(versionName);
  return {
    title: chartTitle(model),
    subtitle: `${formatUtc(model.fromMs)} to ${formatUtc(model.toMs)}. ${resolution(model.bucketMinutes)}`,
    panels: [
      {
        panel: 'region',
        title: 'Spawn rate per region (treasures/s)',
        top: 100,
        height: 250,
        yTop: regionY.top,
        yTicks: regionY.ticks,
        formatValue: (v) => String(v),
      },
      {
        panel: 'zone',
        title: `Busiest named zones (top ${TOP_ZONES} by peak, treasures/s)`,
        top: 400,
        height: 200,
        yTop: zoneY.top,
        yTicks: zoneY.ticks,
        formatValue: (v) => String(v),
      },
      {
        panel: 'rarity',
        title: 'Rarity mix (share of spawns, all zones)',
        top: 650,
        height: 160,
        yTop: rarityY.top,
        yTicks: rarityY.ticks,
        formatValue: (v) => `${Number((v * 100).toPrecision(3))}%`,
      },
    ],
    xTicks: timeTicks(model.fromMs, model.toMs, Math.floor(PLOT.width / MIN_TICK_SPACING_PX)),
    offSeason: main
      ? (
          [
            [model.fromMs, Math.min(model.toMs, main.seasonStartMs)],
            [Math.max(model.fromMs, main.seasonEndMs), model.toMs],
          ] as const
        ).filter(([a, b]) => b > a)
      : [],
    legend: [
      ...names.map((label, i) => ({ group: 'version' as const, label, colour: '#333', dash: VERSION_DASH[i] })),
      ...model.regions.map((r, i) => ({ group: 'region' as const, label: r, colour: colourOf(REGION_COLOURS, i) })),
      ...model.zones.map((z, i) => ({ group: 'zone' as const, label: z, colour: colourOf(ZONE_COLOURS, i) })),
      ...model.tiers.map((t, i) => ({ group: 'rarity' as const, label: t, colour: colourOf(TIER_COLOURS, i) })),
    ],
  };
}

const versionName = (v: ChartModel['versions'][number]) => `${v.label} v${v.version}`;

export function chartTitle(model: ChartModel): string {
  return `Hunt config preview: ${model.versions.map(versionName).join(' vs ')}`;
}

export function seriesStyle(model: ChartModel, s: Series): { colour: string; dash?: string } {
  const palettes: Record<Panel, readonly [readonly string[], readonly string[]]> = {
    region: [REGION_COLOURS, model.regions],
    zone: [ZONE_COLOURS, model.zones],
    rarity: [TIER_COLOURS, model.tiers],
  };
  const [palette, keys] = palettes[s.panel];
  const colour = colourOf(palette, keys.indexOf(s.key));
  return { colour, dash: VERSION_DASH[s.version] };
}

export function xOf(model: ChartModel, t: number): number {
  return PLOT.left + ((t - model.fromMs) / (model.toMs - model.fromMs)) * PLOT.width;
}

export function yOf(panel: PanelLayout, v: number): number {
  return panel.top + panel.height - (v / panel.yTop) * panel.height;
}

const colourOf = (palette: readonly string[], i: number) => palette[i % palette.length]!;

function resolution(minutes: number): string {
  if (minutes === 1) return 'Sampled every minute.';
  const size =
    minutes % 1440 === 0 ? `${minutes / 1440} d` : minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
  return `Lines trace the highest and lowest minute of every ${size}; shading fills between.`;
}
