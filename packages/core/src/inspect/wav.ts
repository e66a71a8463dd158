import type { ByteSource } from '../byte-source.js';
import { MediaRejectedError } from '../errors.js';
import { KiB } from '../units.js';
import { latin1, startsWithBytes, uint16LE, uint32LE, uint64LE } from './byte-fields.js';
import type { FormatFacts, FormatInspection } from './format-inspector.js';
import { readFully } from './read-fully.js';

/**
 * WAV check (RIFF/WAVE, and RF64/BW64 for files over 4 GiB): walks the chunks to `fmt ` and
 * `data`, accepts PCM, IEEE float and EXTENSIBLE PCM/float, and takes the duration from the data
 * bytes. A `0xFFFFFFFF` size, which ffmpeg writes when its output is a pipe, means "to the end
 * of the file"; a size that claims far more bytes than the file has means the file was cut.
 */

/** Most chunks walked before the `data` chunk (JUNK, bext, LIST, fact, …). */
const MAX_WAV_CHUNKS = 1024;

/**
 * How many bytes the `data` chunk may claim beyond the end of the file and still be played to
 * the end: writers that round the size up or drop the pad byte are common; a real cut is not.
 */
const WAV_DATA_SHORTFALL_TOLERATED_BYTES = 1 * KiB;

/** Size field value of a chunk whose writer could not seek back to fill it in. */
const STREAMED_CHUNK_SIZE = 0xffffffff;

const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
const FMT_READ_BYTES = 40;

// Format tags (RFC 2361 Appendix A; mmreg.h) and the EXTENSIBLE sub-format GUID tail (KSDATAFORMAT).
const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const SUBFORMAT_GUID_TAIL = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];

const CODEC_NAMES_BY_TAG: Readonly<Record<number, string>> = {
  2: 'Microsoft ADPCM',
  6: 'A-law',
  7: 'µ-law',
  17: 'IMA ADPCM',
  49: 'GSM 6.10',
  80: 'MPEG audio',
  85: 'MPEG Layer III (MP3)',
  255: 'AAC',
  5648: 'AAC (ADTS)',
  8192: 'AC-3',
};

interface SampleFormat {
  /** `WAVE_FORMAT_PCM` or `WAVE_FORMAT_IEEE_FLOAT`, after resolving EXTENSIBLE. */
  tag: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

export async function inspectWav({ source, head }: FormatInspection): Promise<FormatFacts> {
  let format: SampleFormat | undefined;
  let rf64DataBytes: number | undefined;
  let offset = RIFF_HEADER_BYTES;

  for (let chunks = 0; chunks < MAX_WAV_CHUNKS; chunks++) {
    const header = await readFully(source, offset, CHUNK_HEADER_BYTES);
    if (header.byteLength < CHUNK_HEADER_BYTES) {
      throw incomplete(`it ends at offset ${offset} without a data chunk`);
    }
    const id = latin1(header, 0, 4) ?? '';
    const size = uint32LE(header, 4) ?? 0;
    const payloadStart = offset + CHUNK_HEADER_BYTES;

    if (id === 'data') {
      if (!format) throw corrupt('its data chunk comes before the fmt chunk');
      const declared =
        size === STREAMED_CHUNK_SIZE && rf64DataBytes !== undefined ? rf64DataBytes : size;
      const dataBytes = availableDataBytes(source, payloadStart, declared);
      return facts(format, dataBytes);
    }
    if (payloadStart + size > source.size) {
      throw incomplete(
        `its ${JSON.stringify(id)} chunk at offset ${offset} declares ${size} bytes but only ` +
          `${source.size - payloadStart} remain`,
      );
    }
    if (id === 'fmt ') {
      format = parseFormat(await readFully(source, payloadStart, FMT_READ_BYTES), size);
    }
    if (id === 'ds64' && startsWithRf64(head)) {
      rf64DataBytes = uint64LE(await readFully(source, payloadStart, 16), 8);
    }
    // Chunks are padded to an even length (RIFF spec, "Chunks").
    offset = payloadStart + size + (size % 2);
  }
  throw corrupt(`it has more than ${MAX_WAV_CHUNKS} chunks before its data`);
}

function startsWithRf64(head: Uint8Array): boolean {
  const form = latin1(head, 0, 4);
  return form === 'RF64' || form === 'BW64';
}

/**
 * The data bytes that are really there. A streamed size (`0xFFFFFFFF`) or a 0 placeholder with
 * bytes after it runs to the end of the file; a size far past the end means the file was cut.
 */
function availableDataBytes(source: ByteSource, payloadStart: number, declared: number): number {
  const available = source.size - payloadStart;
  if (declared === STREAMED_CHUNK_SIZE || declared === 0) return available;
  if (declared - available > WAV_DATA_SHORTFALL_TOLERATED_BYTES) {
    throw incomplete(
      `its data chunk declares ${declared} bytes but only ${available} are in the file`,
    );
  }
  return Math.min(declared, available);
}

function parseFormat(fmt: Uint8Array, chunkSize: number): SampleFormat {
  const declaredTag = uint16LE(fmt, 0);
  const channels = uint16LE(fmt, 2);
  const sampleRate = uint32LE(fmt, 4);
  const blockAlign = uint16LE(fmt, 12);
  const bitsPerSample = uint16LE(fmt, 14);
  if (
    chunkSize < 16 ||
    declaredTag === undefined ||
    channels === undefined ||
    sampleRate === undefined ||
    blockAlign === undefined ||
    bitsPerSample === undefined
  ) {
    throw corrupt('its fmt chunk is shorter than 16 bytes');
  }

  const tag = declaredTag === WAVE_FORMAT_EXTENSIBLE ? extensibleSubFormat(fmt) : declaredTag;
  if (tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_IEEE_FLOAT) throw unsupportedCodec(tag);

  const format = { tag, channels, sampleRate, blockAlign, bitsPerSample };
  assertConsistent(format);
  return format;
}

/** The format code inside a WAVE_FORMAT_EXTENSIBLE sub-format GUID (`00000001-0000-0010-…`). */
function extensibleSubFormat(fmt: Uint8Array): number {
  const extensionBytes = uint16LE(fmt, 16) ?? 0;
  const guidTailMatches = startsWithBytes(fmt, SUBFORMAT_GUID_TAIL, 26);
  if (extensionBytes < 22 || !guidTailMatches) {
    throw corrupt('its WAVE_FORMAT_EXTENSIBLE fmt chunk has no valid sub-format GUID');
  }
  return uint16LE(fmt, 24) ?? 0;
}

function assertConsistent(format: SampleFormat): void {
  const { tag, channels, sampleRate, blockAlign, bitsPerSample } = format;
  const validBits = tag === WAVE_FORMAT_PCM ? [8, 16, 24, 32] : [32, 64];
  if (channels === 0 || sampleRate === 0) {
    throw corrupt(`its fmt chunk says ${channels} channels at ${sampleRate} Hz`);
  }
  if (!validBits.includes(bitsPerSample)) {
    throw corrupt(`its fmt chunk says ${bitsPerSample} bits per sample`);
  }
  if (blockAlign !== (channels * bitsPerSample) / 8) {
    throw corrupt(`its fmt chunk block size ${blockAlign} does not match ${channels} channels`);
  }
}

function facts(format: SampleFormat, dataBytes: number): FormatFacts {
  const frames = Math.floor(dataBytes / format.blockAlign);
  if (frames === 0) throw corrupt('its data chunk holds no audio samples');

  const kind = format.tag === WAVE_FORMAT_IEEE_FLOAT ? 'f' : format.bitsPerSample === 8 ? 'u' : 's';
  const codec = `pcm_${kind}${format.bitsPerSample}${format.bitsPerSample === 8 ? '' : 'le'}`;
  return { durationSeconds: frames / format.sampleRate, codecs: [codec] };
}

function unsupportedCodec(tag: number): MediaRejectedError {
  const name = CODEC_NAMES_BY_TAG[tag] ?? `format tag 0x${tag.toString(16).padStart(4, '0')}`;
  return new MediaRejectedError(
    'unsupported_codec',
    `The WAV holds ${name} audio, not PCM or float samples: convert it to a PCM WAV or an MP3 ` +
      'and upload that.',
  );
}

function corrupt(problem: string): MediaRejectedError {
  return new MediaRejectedError(
    'corrupt_media',
    `The WAV cannot be read: ${problem}. Re-export the audio as WAV and upload it again.`,
  );
}

function incomplete(problem: string): MediaRejectedError {
  return new MediaRejectedError(
    'incomplete_media',
    `The WAV is incomplete: ${problem}. Upload the whole file, after the recording has finished.`,
  );
}
