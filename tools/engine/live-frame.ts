/** The part of a write stream a live frame uses; process.stdout fits. */
export interface FrameOut {
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly rows?: number;
  write(text: string): unknown;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

export interface LiveFrameOptions {
  readonly out: FrameOut;
  /** The frame's lines: at most `height` of them, each at most `width` characters. */
  render(width: number, height: number): string[];
  /** Lines of the plain (not a TTY) form, joined into one. */
  readonly plainLines: number;
  /** Default 1000. */
  readonly ttyEveryMs?: number;
  /** Default 5000. */
  readonly plainEveryMs?: number;
}

/**
 * Draws a frame on `out` every interval until `stop()`. On a TTY it redraws in place, sized
 * to the terminal (and again on 'resize') so that no line wraps: the cursor then goes up by
 * exactly the rows it drew. Otherwise it writes one timestamped plain line, so logs and CI
 * output stay readable.
 */
export function startLiveFrame(opts: LiveFrameOptions): { draw(): void; stop(): void } {
  const { out } = opts;
  const tty = out.isTTY === true;
  // Lengths of the lines on screen, to know how many rows they take after a resize.
  let drawn: number[] = [];

  function draw() {
    if (!tty) {
      const text = opts.render(Infinity, opts.plainLines).join(' | ');
      out.write(`${new Date().toISOString()} ${text.replace(/\s+/g, ' ')}\n`);
      return;
    }
    const columns = out.columns || 80;
    const rows = out.rows || 24;
    // The last column stays empty (some terminals wrap as soon as it is written) and so does
    // the last row (the cursor waits there): a frame as tall as the screen would scroll.
    const lines = opts.render(Math.max(1, columns - 1), Math.max(1, rows - 1));
    // After a narrowing resize a terminal that reflows shows each old line on ceil(len/columns)
    // rows; going up that far erases at worst a few lines above the frame on one that does not.
    const up = drawn.reduce((n, len) => n + Math.max(1, Math.ceil(len / columns)), 0);
    out.write(`${up > 0 ? `\x1b[${up}A\x1b[J` : ''}${lines.join('\n')}\n`);
    drawn = lines.map((l) => l.length);
  }

  const timer = setInterval(draw, tty ? (opts.ttyEveryMs ?? 1000) : (opts.plainEveryMs ?? 5000));
  if (tty) out.on('resize', draw);
  return {
    draw,
    stop() {
      clearInterval(timer);
      if (tty) out.off('resize', draw);
    },
  };
}
