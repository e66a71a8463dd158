import type { SniffResult } from './media-facts.js';
import { REFUSAL_HINTS } from './refusal-hints.js';
import { startsLikeSubRip } from './subrip-syntax.js';
import { decodeText, looksLikeText } from './text-decoding.js';

/**
 * Text uploads: SubRip is accepted; SVG, HTML (an error page saved in place of the media), JSON
 * (an API error body), XML and WebVTT are refused by name. Only the first few kilobytes are
 * decoded, so a large text file costs no more to sniff than a small one.
 */

/** Leading bytes decoded to recognise a text format. */
const TEXT_SNIFF_BYTES = 4096;

const HTML_START = /^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>]|<meta[\s>])/;
const JSON_START = /^(?:\{\s*(?:"|\})|\[\s*(?:[[{"\]\d-]|true|false|null))/;

export function sniffText(head: Uint8Array): SniffResult | undefined {
  const probe = head.subarray(0, TEXT_SNIFF_BYTES);
  if (!looksLikeText(probe)) return undefined;

  const text = decodeText(probe).text.replace(/^[\s\uFEFF]+/, '');
  const lower = text.toLowerCase();
  if (startsLikeSubRip(text)) return { kind: 'accepted', type: 'application/x-subrip' };
  if (lower.startsWith('<')) return sniffMarkup(lower);
  if (JSON_START.test(text)) {
    return { kind: 'refused', name: 'application/json', hint: REFUSAL_HINTS.document };
  }
  if (text.startsWith('WEBVTT')) {
    return { kind: 'refused', name: 'text/vtt (WebVTT)', hint: REFUSAL_HINTS.subtitles };
  }
  return undefined;
}

function sniffMarkup(lower: string): SniffResult | undefined {
  // Comments and an XML declaration may come before the root element.
  const root = lower.replace(/^(?:<\?xml[^>]*\?>|<!--[\s\S]*?-->|\s)+/, '');
  if (/^(?:<!doctype\s+svg[^>]*>\s*)?<svg[\s>]/.test(root)) {
    return { kind: 'refused', name: 'image/svg+xml (SVG)', hint: REFUSAL_HINTS.image };
  }
  if (HTML_START.test(root)) {
    return { kind: 'refused', name: 'text/html (a web page)', hint: REFUSAL_HINTS.document };
  }
  if (lower.startsWith('<?xml')) {
    return { kind: 'refused', name: 'application/xml', hint: REFUSAL_HINTS.document };
  }
  return undefined;
}
