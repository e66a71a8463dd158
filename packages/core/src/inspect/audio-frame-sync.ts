import { KiB } from '../units.js';
import { adtsFrameLength } from './adts-frame.js';
import { type MpegAudioFrame, parseMpegAudioFrame, sameMpegStream } from './mpeg-audio-frame.js';

/**
 * Finding where an MPEG audio or ADTS (AAC) stream starts: a frame header counts only when the
 * next headers sit exactly where each frame's length says, which random bytes almost never do.
 */

/** Consecutive frame headers needed to believe a stream starts at an offset. */
export const MIN_CHAINED_FRAMES = 3;

/**
 * Most bytes of junk tolerated before the first frame (after any ID3v2 tag): encoders and
 * taggers leave padding or a stray byte there, and players skip it.
 */
export const MAX_LEADING_JUNK_BYTES = 64 * KiB;

/** Room after the junk allowance for the chained frames themselves (4 of the longest frames). */
const FRAME_CHAIN_ROOM_BYTES = 8 * KiB;

/** Bytes to read from where a stream may start to find it: junk allowance plus frame room. */
export const AUDIO_SYNC_WINDOW_BYTES = MAX_LEADING_JUNK_BYTES + FRAME_CHAIN_ROOM_BYTES;

export type AudioStreamStart =
  | { kind: 'mpeg'; offset: number; frame: MpegAudioFrame }
  | { kind: 'adts'; offset: number };

/**
 * The first offset in `bytes[start .. start + maxJunkBytes]` where an MPEG audio or ADTS stream
 * starts. `atEndOfFile` says whether `bytes` runs to the end of the file, so that a short file
 * whose last frame ends exactly at the end still counts.
 */
export function findAudioStream(
  bytes: Uint8Array,
  start: number,
  atEndOfFile: boolean,
  maxJunkBytes = MAX_LEADING_JUNK_BYTES,
): AudioStreamStart | undefined {
  const lastStart = Math.min(bytes.byteLength - 1, start + maxJunkBytes);
  for (let offset = bytes.indexOf(0xff, start); offset >= 0 && offset <= lastStart; ) {
    const frame = parseMpegAudioFrame(bytes, offset);
    if (frame && mpegChainHolds(bytes, offset, frame, atEndOfFile)) {
      return { kind: 'mpeg', offset, frame };
    }
    if (adtsChainHolds(bytes, offset, atEndOfFile)) return { kind: 'adts', offset };
    offset = bytes.indexOf(0xff, offset + 1);
  }
  return undefined;
}

function mpegChainHolds(
  bytes: Uint8Array,
  offset: number,
  first: MpegAudioFrame,
  atEndOfFile: boolean,
): boolean {
  let position = offset;
  let frame: MpegAudioFrame | undefined = first;
  for (let count = 0; frame; count++) {
    if (count >= MIN_CHAINED_FRAMES) return true;
    position += frame.length;
    if (atEndOfFile && endsStream(bytes, position)) return true;
    const next = parseMpegAudioFrame(bytes, position);
    frame = next && sameMpegStream(first, next) ? next : undefined;
  }
  return false;
}

function adtsChainHolds(bytes: Uint8Array, offset: number, atEndOfFile: boolean): boolean {
  let position = offset;
  for (let count = 0; count < MIN_CHAINED_FRAMES; count++) {
    const length = adtsFrameLength(bytes, position);
    if (length === undefined) return false;
    position += length;
    if (atEndOfFile && endsStream(bytes, position)) return true;
  }
  return true;
}

/** Bytes of an ID3v1 tag, which sits at the very end of an MP3 file. */
const ID3V1_TAG_BYTES = 128;

/** Whether the stream ends at `position`: end of file, or only an ID3v1/APE tag remains. */
function endsStream(bytes: Uint8Array, position: number): boolean {
  if (position === bytes.byteLength) return true;
  const text = String.fromCharCode(...bytes.subarray(position, position + 8));
  const id3v1 = text.startsWith('TAG') && bytes.byteLength - position === ID3V1_TAG_BYTES;
  return id3v1 || text === 'APETAGEX';
}
