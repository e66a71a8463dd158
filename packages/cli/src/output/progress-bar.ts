import { formatBytes } from './format-bytes.js';

/** Least time between two redraws, in milliseconds, so a fast upload does not flood the terminal. */
const REDRAW_INTERVAL_MS = 100;
const BAR_WIDTH_CHARS = 24;

/** `[#########---------------]  37%`: a bar and a percentage for a fraction from 0 to 1. */
export function progressBar(fraction: number): string {
  const clamped = Math.min(Math.max(fraction, 0), 1);
  const filled = Math.round(clamped * BAR_WIDTH_CHARS);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH_CHARS - filled)}`;
  return `[${bar}] ${`${Math.floor(clamped * 100)}%`.padStart(4)}`;
}

/** The bar on the terminal now, if any; `writeAboveBar` writes a line above it. */
let barOnScreen: ProgressBar | undefined;

/**
 * Runs `write` (which writes whole lines to stderr) so that its lines appear above the progress
 * bar on screen, if there is one, instead of being glued to the end of the bar's line.
 */
export function writeAboveBar(write: () => void): void {
  if (barOnScreen) barOnScreen.above(write);
  else write();
}

/** A one-line progress bar for one file, redrawn in place on a terminal. */
export class ProgressBar {
  readonly #label: string;
  readonly #stream: NodeJS.WriteStream;
  #lastDrawMs = 0;
  #drawn = false;
  /** The bar as last drawn, to draw again under a line written above it. */
  #line = '';
  /** Set by `clear`: a progress event that comes late draws nothing. */
  #cleared = false;

  constructor(label: string, stream: NodeJS.WriteStream) {
    this.#label = label;
    this.#stream = stream;
  }

  readonly update = (sentBytes: number, totalBytes: number): void => {
    if (this.#cleared) return;
    const now = Date.now();
    if (sentBytes < totalBytes && now - this.#lastDrawMs < REDRAW_INTERVAL_MS) return;
    this.#lastDrawMs = now;

    const fraction = totalBytes === 0 ? 1 : sentBytes / totalBytes;
    const amounts = `${formatBytes(sentBytes)} / ${formatBytes(totalBytes)}`;
    this.#line = `${this.#label}  ${progressBar(fraction)}  ${amounts}`;
    this.#stream.write(`\r\x1b[K${this.#line}`);
    this.#drawn = true;
    barOnScreen = this;
  };

  /** Clears the bar, lets `write` write its lines, and draws the bar again below them. */
  above(write: () => void): void {
    if (!this.#drawn) {
      write();
      return;
    }
    this.#stream.write('\r\x1b[K');
    write();
    this.#stream.write(this.#line);
  }

  /** Clears the line so the result line can take its place. */
  clear(): void {
    if (this.#drawn) this.#stream.write('\r\x1b[K');
    this.#drawn = false;
    this.#cleared = true;
    if (barOnScreen === this) barOnScreen = undefined;
  }
}
