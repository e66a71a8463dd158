/**
 * Decoding text uploads (subtitles, and the text formats refused by name): a byte-order mark
 * decides UTF-8 or UTF-16; without one, bytes that are valid UTF-8 are UTF-8 and anything else
 * is Windows-1252, the usual encoding of subtitles written on Western Windows systems.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Bytes looked at to decide whether a file is text at all. */
const TEXT_PROBE_BYTES = 1024;

export function decodeText(bytes: Uint8Array): DecodedText {
  const encoding = byteOrderMarkEncoding(bytes);
  if (encoding) return { text: new TextDecoder(encoding).decode(bytes), encoding };

  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The encoding a byte-order mark names, if the bytes start with one. */
export function byteOrderMarkEncoding(bytes: Uint8Array): TextEncodingName | undefined {
  if (UTF8_BOM.every((byte, index) => bytes[index] === byte)) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Whether the leading bytes look like text: a byte-order mark, or no control characters other
 * than tab, line feed, form feed and carriage return in the first kilobyte.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (byteOrderMarkEncoding(bytes)) return true;
  const probe = bytes.subarray(0, TEXT_PROBE_BYTES);
  return probe.byteLength > 0 && probe.every((byte) => byte >= 0x20 || isTextControl(byte));
}

function isTextControl(byte: number): boolean {
  return byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d;
}
