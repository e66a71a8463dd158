import type { ByteSource } from '../byte-source.js';
import { MediaRejectedError } from '../errors.js';
import { KiB } from '../units.js';
import {
  AUDIO_SYNC_WINDOW_BYTES,
  findAudioStream,
  MAX_LEADING_JUNK_BYTES,
} from './audio-frame-sync.js';
import { startsWithText, uint32BE } from './byte-fields.js';
import type { FormatFacts, FormatInspection } from './format-inspector.js';
import { id3v2TagLength } from './id3v2.js';
import type { MpegAudioFrame } from './mpeg-audio-frame.js';
import { readFully } from './read-fully.js';

/**
 * MP3 check: skips ID3v2 tags, tolerates a little junk, then requires a chain of MPEG audio
 * Layer III frames. An ADTS (AAC) stream hiding behind an ID3 tag is refused by name. The
 * duration comes from a Xing/Info or VBRI header when there is one, else from the bitrate.
 */

/** Most ID3v2 tags skipped back to back before the audio (some taggers prepend a second one). */
const MAX_ID3V2_TAGS = 4;

const ID3V1_TAG_BYTES = 128;

export async function inspectMp3({ source }: FormatInspection): Promise<FormatFacts> {
  const audioStart = await skipId3v2Tags(source);
  const window = await readFully(source, audioStart, AUDIO_SYNC_WINDOW_BYTES);
  const atEndOfFile = audioStart + window.byteLength >= source.size;
  const stream = findAudioStream(window, 0, atEndOfFile);

  if (!stream) {
    throw new MediaRejectedError(
      'corrupt_media',
      `The MP3 has no MPEG audio frames in the ${MAX_LEADING_JUNK_BYTES / KiB} KiB after offset ` +
        `${audioStart}: re-encode the audio as MP3 and upload it again.`,
    );
  }
  if (stream.kind === 'adts') throw adtsAac();
  if (stream.frame.layer !== 3) throw notLayerThree(stream.frame);

  const frameStart = audioStart + stream.offset;
  const firstFrame = window.subarray(stream.offset, stream.offset + stream.frame.length);
  const frames = vbrFrameCount(firstFrame, stream.frame);
  const durationSeconds = frames
    ? (frames * stream.frame.samplesPerFrame) / stream.frame.sampleRate
    : ((await audioBytes(source, frameStart)) * 8) / stream.frame.bitrate;
  return { durationSeconds, codecs: ['mp3'] };
}

/** Offset of the first byte after the leading ID3v2 tags. */
async function skipId3v2Tags(source: ByteSource): Promise<number> {
  let offset = 0;
  for (let tags = 0; tags < MAX_ID3V2_TAGS; tags++) {
    const length = id3v2TagLength(await readFully(source, offset, 10));
    if (length === undefined) return offset;
    if (offset + length > source.size) {
      throw new MediaRejectedError(
        'incomplete_media',
        `The MP3's ID3 tag at offset ${offset} declares ${length} bytes but the file ends first: ` +
          'upload the whole file.',
      );
    }
    offset += length;
  }
  return offset;
}

/**
 * Frame count from a Xing/Info header (after the side information of the first frame) or a
 * VBRI header (32 bytes after the frame header), as LAME and Fraunhofer encoders write them.
 */
function vbrFrameCount(frameBytes: Uint8Array, frame: MpegAudioFrame): number | undefined {
  const stereo = !frame.mono;
  const sideInformation = frame.version === '1' ? (stereo ? 32 : 17) : stereo ? 17 : 9;
  const xing = 4 + sideInformation;
  if (startsWithText(frameBytes, 'Xing', xing) || startsWithText(frameBytes, 'Info', xing)) {
    const flags = uint32BE(frameBytes, xing + 4) ?? 0;
    return flags & 0x01 ? uint32BE(frameBytes, xing + 8) || undefined : undefined;
  }
  const vbri = 4 + 32;
  if (startsWithText(frameBytes, 'VBRI', vbri)) return uint32BE(frameBytes, vbri + 14) || undefined;
  return undefined;
}

/** Bytes of audio from the first frame to the end, less a trailing ID3v1 tag. */
async function audioBytes(source: ByteSource, frameStart: number): Promise<number> {
  const length = source.size - frameStart;
  if (length < ID3V1_TAG_BYTES) return length;

  const tail = await readFully(source, source.size - ID3V1_TAG_BYTES, 3);
  return startsWithText(tail, 'TAG') ? length - ID3V1_TAG_BYTES : length;
}

function adtsAac(): MediaRejectedError {
  return new MediaRejectedError(
    'unsupported_media_type',
    'The bytes are audio/aac (an ADTS AAC stream, behind an ID3 tag), not MP3: convert the ' +
      'audio to MP3 or WAV and upload that.',
  );
}

function notLayerThree(frame: MpegAudioFrame): MediaRejectedError {
  return new MediaRejectedError(
    'unsupported_media_type',
    `The bytes are MPEG-${frame.version} audio Layer ${'I'.repeat(frame.layer)}, not Layer III ` +
      '(MP3): convert the audio to MP3 or WAV and upload that.',
  );
}
