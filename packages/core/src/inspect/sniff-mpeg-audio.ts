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

const ID3_WITHOUT_AUDIO: SniffResult = {
  kind: 'refused',
  name: 'an ID3 tag without MPEG audio after it',
  hint: REFUSAL_HINTS.audio,
};

const ADTS_AAC: SniffResult = {
  kind: 'refused',
  name: 'audio/aac (ADTS AAC)',
  hint: REFUSAL_HINTS.audio,
};

export function sniffMpegAudio(head: Uint8Array): SniffResult | undefined {
  const atEndOfFile = head.byteLength < SNIFF_WINDOW_BYTES;
  const tagLength = id3v2TagLength(head);
  if (tagLength === undefined) {
    return sniffAudioFrames(head, atEndOfFile, MAX_UNTAGGED_LEADING_JUNK_BYTES);
  }

  const afterTag = head.subarray(tagLength);
  const verdict = sniffAudioFrames(afterTag, atEndOfFile, MAX_LEADING_JUNK_BYTES);
  if (verdict) return verdict;
  // The frames may lie beyond the window (a long tag, cover art): call it MP3 for now, as
  // ID3-tagged files almost always are; the caller reads behind the tag for `sniffAfterId3v2`.
  return atEndOfFile ? ID3_WITHOUT_AUDIO : { kind: 'accepted', type: 'audio/mpeg' };
}

/**
 * The verdict for the bytes that follow an ID3v2 tag (`AUDIO_SYNC_WINDOW_BYTES` of them), read
 * by the caller when the tag and the junk allowance reach past the sniff window.
 */
export function sniffAfterId3v2(afterTag: Uint8Array, atEndOfFile: boolean): SniffResult {
  return sniffAudioFrames(afterTag, atEndOfFile, MAX_LEADING_JUNK_BYTES) ?? ID3_WITHOUT_AUDIO;
}

function sniffAudioFrames(
  bytes: Uint8Array,
  atEndOfFile: boolean,
  maxJunkBytes: number,
): SniffResult | undefined {
  const stream = findAudioStream(bytes, 0, atEndOfFile, maxJunkBytes);
  if (!stream) return undefined;
  if (stream.kind === 'adts') return ADTS_AAC;
  if (stream.frame.layer === 3) return { kind: 'accepted', type: 'audio/mpeg' };
  return {
    kind: 'refused',
    name: `audio/mpeg Layer ${'I'.repeat(stream.frame.layer)} (MP${stream.frame.layer})`,
    hint: REFUSAL_HINTS.audio,
  };
}
