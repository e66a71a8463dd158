import { ebmlChildren, ebmlString, parseEbmlHeader } from './ebml.js';
import type { SniffResult } from './media-facts.js';
import { REFUSAL_HINTS } from './refusal-hints.js';

/**
 * WebM and Matroska share the EBML magic; only the header's DocType tells them apart
 * (RFC 8794 §11.2.6, Matroska §5.1.1). `webm` is accepted, trailing NULs included.
 */

export const EBML_HEADER_ID = 0x1a45dfa3;
const DOC_TYPE_ID = 0x4282;

export function sniffEbml(head: Uint8Array): SniffResult | undefined {
  const header = parseEbmlHeader(head, 0);
  if (header?.id !== EBML_HEADER_ID) return undefined;

  const end = Math.min(head.byteLength, header.headerBytes + (header.size ?? head.byteLength));
  let docType = 'matroska';
  for (const child of ebmlChildren(head, header.headerBytes, end)) {
    if (child.id === DOC_TYPE_ID) docType = ebmlString(child.data);
  }

  if (docType === 'webm') return { kind: 'accepted', type: 'video/webm' };
  if (docType === 'matroska') {
    return { kind: 'refused', name: 'video/x-matroska (Matroska)', hint: REFUSAL_HINTS.video };
  }
  return {
    kind: 'refused',
    name: `an EBML document of type ${JSON.stringify(docType)}`,
    hint: REFUSAL_HINTS.video,
  };
}
