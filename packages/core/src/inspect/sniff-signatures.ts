import { startsWithBytes, startsWithText } from './byte-fields.js';
import type { SniffResult } from './media-facts.js';
import { REFUSAL_HINTS } from './refusal-hints.js';

/**
 * Fixed signatures at the start of a file: the accepted JPEG, PNG, PDF and WAV, and common
 * media types that are refused by name. Container families with look-alikes (ISO-BMFF, EBML,
 * MPEG audio) and text formats have their own sniffers.
 */

interface Signature {
  matches: (head: Uint8Array) => boolean;
  result: SniffResult;
}

/** RIFF forms (bytes 8–11 of a RIFF file). */
function riffForm(head: Uint8Array, form: string): boolean {
  const riff =
    startsWithText(head, 'RIFF') || startsWithText(head, 'RF64') || startsWithText(head, 'BW64');
  return riff && startsWithText(head, form, 8);
}

function refused(name: string, hint: string): SniffResult {
  return { kind: 'refused', name, hint };
}

export const SIGNATURES: readonly Signature[] = [
  {
    matches: (head) => startsWithBytes(head, [0xff, 0xd8, 0xff]),
    result: { kind: 'accepted', type: 'image/jpeg' },
  },
  {
    // Only the first four bytes: a PNG whose signature was damaged by a text-mode transfer
    // still claims to be a PNG, and the PNG check then says exactly what is wrong with it.
    matches: (head) => startsWithBytes(head, [0x89, 0x50, 0x4e, 0x47]),
    result: { kind: 'accepted', type: 'image/png' },
  },
  {
    matches: (head) => startsWithText(head, '%PDF-'),
    result: { kind: 'accepted', type: 'application/pdf' },
  },
  { matches: (head) => riffForm(head, 'WAVE'), result: { kind: 'accepted', type: 'audio/wav' } },
  {
    matches: (head) => riffForm(head, 'WEBP'),
    result: refused('image/webp', REFUSAL_HINTS.image),
  },
  {
    matches: (head) => riffForm(head, 'AVI '),
    result: refused('video/x-msvideo (AVI)', REFUSAL_HINTS.video),
  },
  {
    matches: (head) => startsWithText(head, 'GIF87a') || startsWithText(head, 'GIF89a'),
    result: refused('image/gif', REFUSAL_HINTS.animation),
  },
  {
    matches: (head) =>
      startsWithBytes(head, [0x49, 0x49, 0x2a, 0x00]) ||
      startsWithBytes(head, [0x4d, 0x4d, 0x00, 0x2a]),
    result: refused('image/tiff', REFUSAL_HINTS.image),
  },
  {
    matches: (head) => startsWithText(head, 'BM') && startsWithBytes(head, [0, 0, 0, 0], 6),
    result: refused('image/bmp', REFUSAL_HINTS.image),
  },
  {
    matches: (head) => startsWithText(head, '8BPS'),
    result: refused('image/vnd.adobe.photoshop', REFUSAL_HINTS.image),
  },
  {
    matches: (head) =>
      startsWithBytes(head, [0xff, 0x0a]) ||
      startsWithBytes(head, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20]),
    result: refused('image/jxl (JPEG XL)', REFUSAL_HINTS.image),
  },
  {
    matches: (head) => startsWithText(head, 'fLaC'),
    result: refused('audio/flac', REFUSAL_HINTS.audio),
  },
  {
    matches: (head) => startsWithText(head, 'OggS'),
    result: refused('audio/ogg (Ogg)', REFUSAL_HINTS.audio),
  },
  {
    matches: (head) =>
      startsWithText(head, 'FORM') &&
      (startsWithText(head, 'AIFF', 8) || startsWithText(head, 'AIFC', 8)),
    result: refused('audio/aiff', REFUSAL_HINTS.audio),
  },
  {
    matches: (head) => startsWithText(head, '#!AMR'),
    result: refused('audio/amr', REFUSAL_HINTS.audio),
  },
  {
    matches: (head) => startsWithText(head, 'caff'),
    result: refused('audio/x-caf', REFUSAL_HINTS.audio),
  },
  {
    matches: (head) => startsWithText(head, 'FLV\x01'),
    result: refused('video/x-flv', REFUSAL_HINTS.video),
  },
  {
    matches: (head) => startsWithBytes(head, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]),
    result: refused('video/x-ms-asf (WMV/WMA)', REFUSAL_HINTS.video),
  },
  {
    matches: (head) => startsWithBytes(head, [0x00, 0x00, 0x01, 0xba]),
    result: refused('video/mpeg (MPEG program stream)', REFUSAL_HINTS.video),
  },
  {
    // MPEG transport stream: a 0x47 sync byte every 188 bytes.
    matches: (head) =>
      head.byteLength >= 188 * 3 && [0, 188, 376].every((offset) => head[offset] === 0x47),
    result: refused('video/mp2t (MPEG transport stream)', REFUSAL_HINTS.video),
  },
];
