/**
 * MPEG audio frame headers (ISO/IEC 11172-3 §2.4.2.3 and 13818-3 for MPEG-2, plus the MPEG-2.5
 * extension): 11 sync bits, version, layer, bitrate and sample-rate indexes, padding.
 */

export type MpegVersion = '1' | '2' | '2.5';

export interface MpegAudioFrame {
  version: MpegVersion;
  /** 1, 2 or 3. */
  layer: number;
  /** Bits per second. */
  bitrate: number;
  /** Samples per second. */
  sampleRate: number;
  /** Whole frame length in bytes, header included. */
  length: number;
  /** PCM samples per channel the frame decodes to. */
  samplesPerFrame: number;
  /** Single-channel (mono) frame, which has a shorter side-information block. */
  mono: boolean;
}

// Bitrates in kbit/s by bitrate index (1–14); index 0 is "free format", 15 is invalid.
const BITRATES_KBPS: Readonly<Record<string, readonly number[]>> = {
  '1-1': [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

const SAMPLE_RATES: Readonly<Record<MpegVersion, readonly number[]>> = {
  '1': [44100, 48000, 32000],
  '2': [22050, 24000, 16000],
  '2.5': [11025, 12000, 8000],
};

const VERSION_BY_BITS: ReadonlyArray<MpegVersion | undefined> = ['2.5', undefined, '2', '1'];

/** The frame header at `offset`, or `undefined` when the four bytes there are not one. */
export function parseMpegAudioFrame(bytes: Uint8Array, offset: number): MpegAudioFrame | undefined {
  const [b0, b1, b2, b3] = bytes.subarray(offset, offset + 4);
  if (b0 !== 0xff || b1 === undefined || b2 === undefined || b3 === undefined) return undefined;
  if ((b1 & 0xe0) !== 0xe0) return undefined;

  const version = VERSION_BY_BITS[(b1 >> 3) & 0x03];
  const layer = 4 - ((b1 >> 1) & 0x03);
  const bitrateIndex = b2 >> 4;
  const sampleRate = version && SAMPLE_RATES[version][(b2 >> 2) & 0x03];
  // Layer bits 00 are reserved in MPEG audio; with a 12-bit sync they are an ADTS (AAC) header.
  if (!version || layer === 4 || !sampleRate || bitrateIndex === 0 || bitrateIndex === 15) {
    return undefined;
  }

  const table = BITRATES_KBPS[`${version === '1' ? 1 : 2}-${layer}`];
  const bitrate = (table?.[bitrateIndex - 1] ?? 0) * 1000;
  const padding = (b2 >> 1) & 0x01;
  const samplesPerFrame = layer === 1 ? 384 : layer === 3 && version !== '1' ? 576 : 1152;
  const length =
    layer === 1
      ? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4
      : Math.floor((samplesPerFrame / 8) * (bitrate / sampleRate)) + padding;
  return { version, layer, bitrate, sampleRate, length, samplesPerFrame, mono: b3 >> 6 === 3 };
}

/** Whether two frames belong to the same stream (same version, layer and sample rate). */
export function sameMpegStream(a: MpegAudioFrame, b: MpegAudioFrame): boolean {
  return a.version === b.version && a.layer === b.layer && a.sampleRate === b.sampleRate;
}
