import { SNIFF_WINDOW_BYTES } from '../limits.js';
import { KiB } from '../units.js';
import { findAudioStream, MAX_LEADING_JUNK_BYTES } from './audio-frame-sync.js';
import { id3v2TagLength } from './id3v2.js';
import type { SniffResult } from './media-facts.js';
import { REFUSAL_HINTS } from './refusal-hints.js';

/**
 * MP3 and its look-alikes from the leading bytes: an optional ID3v2 tag, then a chain of MPEG
 * audio frames (Layer III accepted, Layers I/II refused) or of ADTS frames (AAC, refused even
 * behind an ID3 tag, which says nothing about what follows it).
 */

/**
 * Junk tolerated before the first frame of a file without an ID3 tag, in bytes: smaller than
 * behind a tag, because scanning far into arbitrary bytes for frame chains would call too many
 * unknown binaries "MP3".
 */
const MAX_UNTAGGED_LEADING_JUNK_BYTES = 4 * KiB;

const ADTS_AAC: SniffResult = {
  kind: 'refused',
  name: 'audio/aac (ADTS AAC)',
  hint: REFUSAL_HINTS.audio,
};

export function sniffMpegAudio(head: Uint8Array): SniffResult | undefined {
  const tagLength = id3v2TagLength(head) ?? 0;
  // A tag longer than the window hides the audio: call it MP3 for now, as ID3 tags almost always
  // are; `sniffAfterId3v2` looks behind the tag once the caller has read there.
  if (tagLength > 0 && tagLength >= head.byteLength) {
    return { kind: 'accepted', type: 'audio/mpeg' };
  }

  const atEndOfFile = head.byteLength < SNIFF_WINDOW_BYTES;
  if (tagLength > 0) return sniffAfterId3v2(head.subarray(tagLength), atEndOfFile);
  return sniffAudioFrames(head, 0, atEndOfFile, false);
}

/**
 * The verdict for the bytes that follow an ID3v2 tag, read separately by the caller when the
 * tag is longer than the sniff window.
 */
export function sniffAfterId3v2(afterTag: Uint8Array, atEndOfFile: boolean): SniffResult {
  return (
    sniffAudioFrames(afterTag, 0, atEndOfFile, true) ?? {
      kind: 'refused',
      name: 'an ID3 tag without MPEG audio after it',
      hint: REFUSAL_HINTS.audio,
    }
  );
}

function sniffAudioFrames(
  bytes: Uint8Array,
  start: number,
  atEndOfFile: boolean,
  tagged: boolean,
): SniffResult | undefined {
  const maxJunk = tagged ? MAX_LEADING_JUNK_BYTES : MAX_UNTAGGED_LEADING_JUNK_BYTES;
  const stream = findAudioStream(bytes, start, atEndOfFile, maxJunk);
  if (!stream) return undefined;
  if (stream.kind === 'adts') return ADTS_AAC;
  if (stream.frame.layer === 3) return { kind: 'accepted', type: 'audio/mpeg' };
  return {
    kind: 'refused',
    name: `audio/mpeg Layer ${'I'.repeat(stream.frame.layer)} (MP${stream.frame.layer})`,
    hint: REFUSAL_HINTS.audio,
  };
}
