/**
 * Headless Chromium for the page tests (preview, map): Debian's chromium at /usr/bin/chromium
 * (`npm test` installs it as root; the tests fail without it), and pixel statistics of a
 * screenshot.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { PNG } from 'pngjs';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install it with "apt-get install -y chromium"`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export type Box = { x: number; y: number; width: number; height: number };

/** Inside the boxes: the share of pixels that are not background or grid, and hits per colour. */
export function pixelStats(png: PNG, boxes: readonly Box[], colours: readonly string[]) {
  const targets = colours.map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));
  const perColour = new Map(colours.map((c) => [c, 0]));
  let coloured = 0;
  let total = 0;
  for (const box of boxes) {
    // Inset by 2px: the frame's own stroke is not a series.
    for (let y = Math.ceil(box.y) + 2; y < box.y + box.height - 2; y++) {
      for (let x = Math.ceil(box.x) + 2; x < box.x + box.width - 2; x++) {
        const i = (y * png.width + x) * 4;
        const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
        total++;
        // Background and grid are white or light grey; a drawn pixel is coloured or darker.
        if (Math.max(r, g, b) - Math.min(r, g, b) > 24 || Math.max(r, g, b) < 200) coloured++;
        targets.forEach(([tr, tg, tb], k) => {
          if (Math.abs(r - tr!) + Math.abs(g - tg!) + Math.abs(b - tb!) < 40)
            perColour.set(colours[k]!, perColour.get(colours[k]!)! + 1);
        });
      }
    }
  }
  return { colouredFraction: coloured / total, perColour };
}
