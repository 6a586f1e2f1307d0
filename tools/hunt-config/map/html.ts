/** The map's page: the SVG inline under a title, and a table of the regions. Self-contained. */
import { htmlPage, htmlTable } from '../html-page';
import { esc } from '../preview/svg';
import type { WorldMap } from './model';
import { mapTitle, renderMapSvg } from './svg';

export function renderMapHtml(map: WorldMap): string {
  const num = (v: number) => Number(v.toPrecision(4)).toString();
  const rows = map.regions.map((r) => {
    const busiest = [...r.zones].sort((a, b) => b.ratePerS - a.ratePerS)[0];
    return [
      esc(r.id),
      esc(r.name),
      String(r.cellCount),
      num(r.areaKm2),
      String(r.zones.length),
      num(r.ratePerS),
      num(r.areaKm2 > 0 ? r.ratePerS / r.areaKm2 : 0),
      busiest ? `${esc(busiest.id)} (${num(busiest.ratePerS)}/s)` : '-',
    ];
  });
  const head = ['region', 'name', 'cells', 'km²', 'named zones', 'spawns/s', 'per km² per s', 'busiest named zone'];
  return htmlPage(esc(mapTitle(map)), `${renderMapSvg(map)}\n${htmlTable(head, rows)}`);
}
