import { MediaRejectedError } from '../errors.js';
import { KiB } from '../units.js';
import type { FormatFacts, FormatInspection } from './format-inspector.js';
import { readFully } from './read-fully.js';

/**
 * PDF check: a `%PDF-x.y` header, and an `%%EOF` marker near the end, where readers start
 * (ISO 32000-1 §7.5.5). A file without one was cut short.
 */

/** Bytes at the end searched for `%%EOF`; Acrobat looks within the last kilobyte. */
const PDF_EOF_SEARCH_BYTES = 1 * KiB;

const PDF_HEADER = /^%PDF-\d\.\d/;

export async function inspectPdf({ source, head }: FormatInspection): Promise<FormatFacts> {
  const header = String.fromCharCode(...head.subarray(0, 8));
  if (!PDF_HEADER.test(header)) {
    throw new MediaRejectedError(
      'corrupt_media',
      `The PDF header is ${JSON.stringify(header)} instead of %PDF- and a version: ` +
        'save the document as PDF again and upload it.',
    );
  }

  const tailStart = Math.max(0, source.size - PDF_EOF_SEARCH_BYTES);
  const tail = await readFully(source, tailStart, PDF_EOF_SEARCH_BYTES);
  if (!new TextDecoder('latin1').decode(tail).includes('%%EOF')) {
    throw new MediaRejectedError(
      'incomplete_media',
      'The PDF has no %%EOF marker at its end, so it was cut short: upload the whole file.',
    );
  }
  return {};
}
