/**
 * Codec names for the sample entry four-character codes of MP4 tracks (ISO/IEC 14496-15 for
 * AVC/HEVC, the MP4RA registry for the rest), in the spelling ffmpeg uses.
 */
const CODEC_BY_SAMPLE_FORMAT: Readonly<Record<string, string>> = {
  avc1: 'h264',
  avc2: 'h264',
  avc3: 'h264',
  avc4: 'h264',
  hvc1: 'hevc',
  hev1: 'hevc',
  dvh1: 'hevc',
  dvhe: 'hevc',
  av01: 'av1',
  vp08: 'vp8',
  vp09: 'vp9',
  mp4v: 'mpeg4',
  s263: 'h263',
  jpeg: 'mjpeg',
  mjpa: 'mjpeg',
  mp4a: 'aac',
  '.mp3': 'mp3',
  Opus: 'opus',
  fLaC: 'flac',
  'ac-3': 'ac3',
  'ec-3': 'eac3',
  alac: 'alac',
  samr: 'amr_nb',
  sawb: 'amr_wb',
};

/** Sample entries of encrypted (Common Encryption, ISO/IEC 23001-7) tracks. */
export const ENCRYPTED_SAMPLE_FORMATS = new Set(['encv', 'enca']);

/** The codec name of a sample entry format; unknown formats come back trimmed as they are. */
export function codecOfSampleFormat(format: string): string {
  return CODEC_BY_SAMPLE_FORMAT[format] ?? format.trim();
}
