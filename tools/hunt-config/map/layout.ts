/**
 * Where the map goes: one panel per region in a grid (the cities are hundreds of km apart, so
 * one frame would show dots), each with its own equirectangular projection around the region's
 * centre (x scaled by cos(latitude): at city scale the distortion is well under 1%), fitted to
 * the panel, with its own scale bar. Also the density colour scale. Pure geometry: svg.ts only
 * writes what this decides.
 */
import type { LatLng } from '@hunt/world';
import { valueTicks } from '../preview/axes';
import type { MapRegion, WorldMap } from './model';

export const PANEL = { width: 580, height: 470 } as const;
/** Space in a panel above the map (title, stats) and below it (scale bar). */
const PANEL_HEAD = 48;
const PANEL_FOOT = 36;
const PANEL_PAD = 12;
export const MARGIN = 24;
export const HEADER = 160;
const GAP = 20;
/** Mean kilometres per degree of latitude (Earth radius 6371 km). */
const KM_PER_DEG = 111.195;
const SCALE_BAR_KM = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];

/** The density ramp (light to dark, colour-blind safe YlOrRd); zero density is grey. */
const RAMP = ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'];
export const ZERO_COLOUR = '#e4e4e4';

export interface PanelLayout {
  readonly region: MapRegion;
  readonly x: number;
  readonly y: number;
  /** Projects a position into page coordinates. */
  readonly project: (p: LatLng) => readonly [number, number];
  readonly scaleBar: { readonly km: number; readonly px: number };
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly panels: readonly PanelLayout[];
  /** The colour scale's top (a rounded maximum density) and its labelled ticks. */
  readonly densityTop: number;
  readonly densityTicks: readonly number[];
  readonly colour: (density: number) => string;
}

export function layoutMap(map: WorldMap): MapLayout {
  const columns = map.regions.length > 1 ? 2 : 1;
  const rows = Math.ceil(map.regions.length / columns);
  const { top, ticks } = valueTicks(map.maxDensity, 5);
  return {
    width: MARGIN * 2 + columns * PANEL.width + (columns - 1) * GAP,
    height: HEADER + rows * PANEL.height + (rows - 1) * GAP + MARGIN,
    panels: map.regions.map((region, i) =>
      layoutPanel(
        region,
        MARGIN + (i % columns) * (PANEL.width + GAP),
        HEADER + Math.floor(i / columns) * (PANEL.height + GAP),
      ),
    ),
    densityTop: top,
    densityTicks: ticks,
    colour: (density) => (map.maxDensity > 0 && density > 0 ? rampColour(density / top) : ZERO_COLOUR),
  };
}

function layoutPanel(region: MapRegion, x: number, y: number): PanelLayout {
  const points = [...region.ring, ...region.cells.flatMap((c) => c.boundary)];
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const kmPerLng = KM_PER_DEG * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const box = { width: PANEL.width - 2 * PANEL_PAD, height: PANEL.height - PANEL_HEAD - PANEL_FOOT };
  const widthKm = Math.max((maxLng - minLng) * kmPerLng, 1e-3);
  const heightKm = Math.max((maxLat - minLat) * KM_PER_DEG, 1e-3);
  const pxPerKm = Math.min(box.width / widthKm, box.height / heightKm);
  const cx = x + PANEL.width / 2;
  const cy = y + PANEL_HEAD + box.height / 2;
  const [midLat, midLng] = [(minLat + maxLat) / 2, (minLng + maxLng) / 2];
  const km = SCALE_BAR_KM.filter((k) => k * pxPerKm <= box.width / 4).at(-1) ?? SCALE_BAR_KM[0]!;
  return {
    region,
    x,
    y,
    project: (p) => [cx + (p.lng - midLng) * kmPerLng * pxPerKm, cy - (p.lat - midLat) * KM_PER_DEG * pxPerKm],
    scaleBar: { km, px: km * pxPerKm },
  };
}

/** The panel's map area: what the pixel checks of the tests look at. */
export function mapArea(p: PanelLayout) {
  return { x: p.x, y: p.y + PANEL_HEAD, width: PANEL.width, height: PANEL.height - PANEL_HEAD - PANEL_FOOT };
}

export const scaleBarAt = (p: PanelLayout) => ({ x: p.x + PANEL_PAD, y: p.y + PANEL.height - 14 });

/** 0..1 along the ramp, linear in RGB between its stops. */
export function rampColour(t: number): string {
  const u = Math.min(Math.max(t, 0), 1) * (RAMP.length - 1);
  const i = Math.min(Math.floor(u), RAMP.length - 2);
  const [a, b] = [rgb(RAMP[i]!), rgb(RAMP[i + 1]!)];
  const mix = a.map((c, k) => Math.round(c + (b[k]! - c) * (u - i)));
  return `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
