import type { SniffResult } from './media-facts.js';
import { sniffEbml } from './sniff-ebml.js';
import { sniffIsoBmff } from './sniff-iso-bmff.js';
import { sniffMpegAudio } from './sniff-mpeg-audio.js';
import { SIGNATURES } from './sniff-signatures.js';
import { sniffText } from './sniff-text.js';

/**
 * What the leading bytes of a file are, from at most `SNIFF_WINDOW_BYTES` of them: one of the
 * accepted types (to be confirmed by that format's structural check), a recognised type the
 * service refuses (named for the message), or unknown. The bytes alone decide (SPEC §3).
 *
 * Order matters: fixed signatures first, then container families, then MPEG audio frame chains
 * (which could otherwise match inside other formats), and text last.
 */
export function sniffMediaType(head: Uint8Array): SniffResult {
  for (const signature of SIGNATURES) {
    if (signature.matches(head)) return signature.result;
  }
  return (
    sniffIsoBmff(head) ??
    sniffEbml(head) ??
    sniffMpegAudio(head) ??
    sniffText(head) ?? { kind: 'unknown' }
  );
}
