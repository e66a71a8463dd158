import { basename } from 'node:path';
import { formatBytes } from './format-bytes.js';
import { progressBar } from './progress-bar.js';

/** Least time between two redraws, in milliseconds, so fast uploads do not flood the terminal. */
const REDRAW_INTERVAL_MS = 100;
/** Width assumed when the terminal does not say, in characters. */
const DEFAULT_COLUMNS = 80;
/** Erases the current line and returns to its start (ECMA-48 EL, erase to end of line). */
const CLEAR_LINE = '\r\x1b[K';

/** Where one file stands, in bytes. */
interface FileProgress {
  sentBytes: number;
  totalBytes: number;
  state: 'waiting' | 'sending' | 'settled';
}

/**
 * One line on a terminal for a run of many uploads, redrawn in place: a bar and percentage of
 * all bytes, files settled out of all, bytes sent out of all, and the files being sent. Lines
 * written through `above` appear above it, so results scroll while the line stays at the bottom.
 */
export class UploadProgress {
  readonly #stream: NodeJS.WriteStream;
  readonly #labels: string[];
  readonly #files: FileProgress[];
  #lastDrawMs = 0;
  #drawn = false;

  /**
   * @param files the paths, in order; a file is named by its position from then on
   * @param expectedBytes each file's size as far as known before sending (0 when unknown); the
   *   total the upload reports replaces it once it starts
   */
  constructor(stream: NodeJS.WriteStream, files: readonly string[], expectedBytes: number[]) {
    this.#stream = stream;
    this.#labels = files.map((file) => printable(basename(file)));
    this.#files = files.map((_, index) => ({
      sentBytes: 0,
      totalBytes: expectedBytes[index] ?? 0,
      state: 'waiting',
    }));
  }

  /** The file at `index` is being checked or sent. */
  started(index: number): void {
    this.#file(index).state = 'sending';
    this.#draw(false);
  }

  /** Bytes of the file at `index` sent so far (a retry starts again from 0), and its total. */
  update(index: number, sentBytes: number, totalBytes: number): void {
    const file = this.#file(index);
    file.sentBytes = sentBytes;
    file.totalBytes = totalBytes;
    this.#draw(false);
  }

  /** The file at `index` is done with, uploaded or not: it counts as fully gone through. */
  settled(index: number): void {
    const file = this.#file(index);
    file.state = 'settled';
    file.sentBytes = file.totalBytes;
    this.#draw(false);
  }

  /** Runs `write` (which prints whole lines) with the progress line out of the way. */
  above(write: () => void): void {
    const drawn = this.#drawn;
    if (drawn) this.#stream.write(CLEAR_LINE);
    this.#drawn = false;
    write();
    if (drawn) this.#draw(true);
  }

  /** Clears the line for good, e.g. before the summary. */
  stop(): void {
    if (this.#drawn) this.#stream.write(CLEAR_LINE);
    this.#drawn = false;
  }

  #file(index: number): FileProgress {
    const file = this.#files[index];
    if (!file) throw new RangeError(`No file at position ${index}.`);
    return file;
  }

  #draw(force: boolean): void {
    const now = Date.now();
    if (!force && this.#drawn && now - this.#lastDrawMs < REDRAW_INTERVAL_MS) return;
    this.#lastDrawMs = now;

    const columns = this.#stream.columns || DEFAULT_COLUMNS;
    // One column short of the width: writing the last column makes some terminals wrap.
    this.#stream.write(`${CLEAR_LINE}${this.#line().slice(0, columns - 1)}`);
    this.#drawn = true;
  }

  #line(): string {
    let sentBytes = 0;
    let totalBytes = 0;
    let settled = 0;
    const sending: string[] = [];
    this.#files.forEach((file, index) => {
      sentBytes += Math.min(file.sentBytes, file.totalBytes);
      totalBytes += file.totalBytes;
      if (file.state === 'settled') settled += 1;
      if (file.state === 'sending') sending.push(this.#labels[index] ?? '');
    });

    const fraction = totalBytes === 0 ? settled / this.#files.length : sentBytes / totalBytes;
    const files = `${settled}/${this.#files.length} files`;
    const bytes = `${formatBytes(sentBytes)} / ${formatBytes(totalBytes)}`;
    return `${progressBar(fraction)}  ${files}  ${bytes}  ${sending.join(' ')}`.trimEnd();
  }
}

/**
 * `name` with control characters (a newline, an escape sequence in a file name) shown as `?`, so
 * that a name cannot break the line or move the cursor.
 */
function printable(name: string): string {
  return [...name].map((char) => (isControl(char) ? '?' : char)).join('');
}

function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code < 0xa0);
}
