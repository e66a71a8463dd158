export interface WavOptions {
  /** Length in seconds. Default 1. */
  seconds?: number;
  /** Samples per second per channel, in hertz. Default 8000. */
  sampleRate?: number;
  /** Channel count. Default 1. */
  channels?: number;
  /** Bits per sample. Default 16. Float samples must be 32-bit. */
  bitsPerSample?: 16 | 24 | 32;
  /** Write IEEE float samples (format tag 3) instead of integer PCM (format tag 1). Default false. */
  float?: boolean;
}

/** WAVE format tags (RFC 2361, Appendix A). */
const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;

/** Bytes before the samples: RIFF header (12) + `fmt ` chunk (8 + 16) + `data` header (8). */
export const WAV_HEADER_BYTES = 44;

/** Frequency of the generated tone, in hertz. */
const TONE_HZ = 440;

/** Peak amplitude of the tone as a fraction of full scale, so it never clips. */
const TONE_AMPLITUDE = 0.5;

/**
 * A canonical 44-byte-header WAV (`RIFF`/`WAVE`, a 16-byte `fmt ` chunk, then `data`) holding a
 * 440 Hz sine, written byte by byte without ffmpeg so tests know every header field exactly.
 */
export function makeWav(options: WavOptions = {}): Buffer {
  const {
    seconds = 1,
    sampleRate = 8000,
    channels = 1,
    bitsPerSample = 16,
    float = false,
  } = options;
  if (float && bitsPerSample !== 32) {
    throw new RangeError(`Float WAV samples must be 32-bit, not ${bitsPerSample}-bit.`);
  }

  const bytesPerSample = bitsPerSample / 8;
  const blockAlign = channels * bytesPerSample;
  const frameCount = Math.round(seconds * sampleRate);
  const dataBytes = frameCount * blockAlign;
  const wav = Buffer.alloc(WAV_HEADER_BYTES + dataBytes);

  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(WAV_HEADER_BYTES - 8 + dataBytes, 4);
  wav.write('WAVE', 8, 'latin1');
  wav.write('fmt ', 12, 'latin1');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(float ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM, 20);
  wav.writeUInt16LE(channels, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * blockAlign, 28);
  wav.writeUInt16LE(blockAlign, 32);
  wav.writeUInt16LE(bitsPerSample, 34);
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(dataBytes, 40);

  for (let frame = 0; frame < frameCount; frame++) {
    const value = TONE_AMPLITUDE * Math.sin((2 * Math.PI * TONE_HZ * frame) / sampleRate);
    for (let channel = 0; channel < channels; channel++) {
      const offset = WAV_HEADER_BYTES + frame * blockAlign + channel * bytesPerSample;
      writeSample(wav, offset, value, bitsPerSample, float);
    }
  }
  return wav;
}

function writeSample(
  wav: Buffer,
  offset: number,
  value: number,
  bitsPerSample: 16 | 24 | 32,
  float: boolean,
): void {
  if (float) {
    wav.writeFloatLE(value, offset);
    return;
  }
  const fullScale = 2 ** (bitsPerSample - 1) - 1;
  wav.writeIntLE(Math.round(value * fullScale), offset, bitsPerSample / 8);
}
