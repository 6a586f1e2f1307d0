/**
 * Writes the world map as one standalone SVG: a header with the title and the legend (density
 * scale, what an outline and a hatched zone mean), then a panel per region. Each cell is one
 * `<polygon data-cell="<id>" data-zone="<zone>">`, each region `<g data-region="<id>">`, each
 * named zone `<g data-zone-shape="<id>">` (tests and tools count them). No tiles, no fonts, no
 * network: everything is inline.
 */
import { CELL_RESOLUTION } from '@hunt/world';
import { formatUtc } from '../preview/axes';
import { esc, FONT, MUTED } from '../preview/svg';
import {
  layoutMap,
  MARGIN,
  PANEL,
  rampColour,
  scaleBarAt,
  ZERO_COLOUR,
  type MapLayout,
  type PanelLayout,
} from './layout';
import type { WorldMap } from './model';

const ZONE_STROKE = '#1f4e9c';
const LEGEND = { x: MARGIN, y: 100, width: 300, height: 12 } as const;

export function mapTitle(map: WorldMap): string {
  return `Hunt world map: ${map.label} v${map.version}`;
}

export function mapSubtitle(map: WorldMap): string {
  const zones = map.regions.reduce((n, r) => n + r.zones.length, 0);
  const season = map.inSeason ? '' : ' (off season)';
  return (
    `Spawn density at ${formatUtc(map.atMs)}${season}: ${fmtRate(map.ratePerS)} spawns/s in ` +
    `${map.regions.length} regions, ${zones} named zones, ${map.cellCount} cells, ${map.shardCount} shards.`
  );
}

export function renderMapSvg(map: WorldMap): string {
  const layout = layoutMap(map);
  const { width, height } = layout;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="12">`,
    `<title>${esc(mapTitle(map))}</title>`,
    '<defs>',
    `<pattern id="zone-hatch" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="7" stroke="${ZONE_STROKE}" stroke-width="1.4" stroke-opacity="0.55"/></pattern>`,
    `<linearGradient id="density-ramp">${[0, 0.2, 0.4, 0.6, 0.8, 1].map((t) => `<stop offset="${t}" stop-color="${rampColour(t)}"/>`).join('')}</linearGradient>`,
    '</defs>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${MARGIN}" y="36" font-size="20" font-weight="600" fill="#222">${esc(mapTitle(map))}</text>`,
    `<text x="${MARGIN}" y="58" font-size="13" fill="${MUTED}">${esc(mapSubtitle(map))}</text>`,
    legend(layout),
    ...layout.panels.map((p) => panel(layout, p)),
    '</svg>',
  ].join('\n');
}

function legend(layout: MapLayout): string {
  const { x, y, width, height } = LEGEND;
  const ticks = layout.densityTicks.map((v) => {
    const tx = n(x + (v / layout.densityTop) * width);
    return `<line x1="${tx}" x2="${tx}" y1="${y + height}" y2="${y + height + 4}" stroke="#999"/><text x="${tx}" y="${y + height + 16}" text-anchor="middle" fill="#333">${v}</text>`;
  });
  const sx = x + width + 50;
  return [
    '<g data-legend="density">',
    `<text x="${x}" y="${y - 8}" fill="#333">spawn density (treasures per km² per second)</text>`,
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="url(#density-ramp)" stroke="#bbb"/>`,
    ...ticks,
    `<rect x="${x}" y="${y + 34}" width="14" height="10" fill="${ZERO_COLOUR}" stroke="#bbb"/><text x="${x + 20}" y="${y + 43}" fill="${MUTED}">nothing spawns</text>`,
    '</g>',
    '<g data-legend="shapes">',
    `<rect x="${sx}" y="${y - 18}" width="28" height="14" fill="none" stroke="#222" stroke-width="1.5"/><text x="${sx + 36}" y="${y - 7}" fill="#333">region (playable area)</text>`,
    `<rect x="${sx}" y="${y + 4}" width="28" height="14" fill="url(#zone-hatch)" stroke="${ZONE_STROKE}" stroke-width="1.5"/><text x="${sx + 36}" y="${y + 15}" fill="#333">named zone</text>`,
    `<polygon points="${hexagon(sx + 14, y + 34, 7)}" fill="${rampColour(0.5)}" stroke="#fff" stroke-width="0.6"/><text x="${sx + 36}" y="${y + 38}" fill="#333">cell (H3 resolution ${CELL_RESOLUTION})</text>`,
    '</g>',
  ].join('\n');
}

function panel(layout: MapLayout, p: PanelLayout): string {
  const r = p.region;
  const points = (ring: Parameters<PanelLayout['project']>[0][]) =>
    ring.map((q) => p.project(q).map(n).join(',')).join(' ');
  const cells = r.cells.map(
    (c) =>
      `<polygon data-cell="${c.id}" data-zone="${esc(c.zoneId)}" points="${points([...c.boundary])}" fill="${layout.colour(c.density)}"/>`,
  );
  const zones = r.zones.map((z) => {
    const [lx, ly] = p.project(centroid(z.ring));
    return (
      `<g data-zone-shape="${esc(z.id)}"><title>${esc(`${z.name} (${z.id}): ${z.cellCount} cells, ${fmtRate(z.ratePerS)} spawns/s, ${fmtRate(z.density)} per km² per s`)}</title>` +
      `<polygon points="${points([...z.ring])}" fill="url(#zone-hatch)" stroke="${ZONE_STROKE}" stroke-width="1.6"/>` +
      `<text x="${n(lx)}" y="${n(ly)}" text-anchor="middle" dy="4" font-size="11" font-weight="600" fill="#10264d" stroke="#fff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">${esc(z.name)}</text></g>`
    );
  });
  const stats = `${r.cellCount} cells, ${fmtRate(r.areaKm2)} km², ${fmtRate(r.ratePerS)} spawns/s`;
  const bar = scaleBarAt(p);
  return [
    `<g data-region="${esc(r.id)}">`,
    `<rect data-panel="${esc(r.id)}" x="${p.x}" y="${p.y}" width="${PANEL.width}" height="${PANEL.height}" fill="#fcfcfc" stroke="#ddd"/>`,
    `<text x="${p.x + 12}" y="${p.y + 22}" font-size="15" font-weight="600" fill="#222">${esc(r.name)}</text>`,
    `<text x="${p.x + 12}" y="${p.y + 39}" fill="${MUTED}">${esc(`${r.id}: ${stats}`)}</text>`,
    `<g stroke="#fff" stroke-width="0.6" stroke-opacity="0.8">`,
    ...cells,
    '</g>',
    `<polygon data-outline="${esc(r.id)}" points="${points([...r.ring])}" fill="none" stroke="#222" stroke-width="1.5"/>`,
    ...zones,
    `<g data-scale-bar="${p.scaleBar.km}">`,
    `<path d="M${bar.x},${bar.y - 5}V${bar.y}H${n(bar.x + p.scaleBar.px)}V${bar.y - 5}" fill="none" stroke="#222" stroke-width="1.5"/>`,
    `<text x="${n(bar.x + p.scaleBar.px + 6)}" y="${bar.y}" fill="#333">${p.scaleBar.km} km</text>`,
    '</g>',
    '</g>',
  ].join('\n');
}

/** Mean of the ring's corners (the closing point counted once): inside any convex zone. */
function centroid(ring: readonly { lat: number; lng: number }[]) {
  const corners = ring.slice(0, -1);
  return {
    lat: corners.reduce((s, q) => s + q.lat, 0) / corners.length,
    lng: corners.reduce((s, q) => s + q.lng, 0) / corners.length,
  };
}

function hexagon(cx: number, cy: number, r: number): string {
  return Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    return `${n(cx + r * Math.cos(a))},${n(cy + r * Math.sin(a))}`;
  }).join(' ');
}

/** One decimal: sub-pixel precision for 2,000 hexagons without bloating the page. */
const n = (v: number) => Math.round(v * 10) / 10;
const fmtRate = (v: number) => Number(v.toPrecision(3)).toString();
