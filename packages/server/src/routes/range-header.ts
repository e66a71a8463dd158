import type { ByteRange } from '../blobs/blob-store.js';

/**
 * Parses a `Range` header against a file of `size` bytes (RFC 9110 §14.1.2). Only one range is
 * served; a multi-range or malformed header is ignored (the whole file is sent), which the RFC
 * allows. A syntactically valid range that selects no byte is `unsatisfiable` (416).
 */
export function parseRange(header: string, size: number): ByteRange | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;

  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }

  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return undefined;
  return { start, end };
}
