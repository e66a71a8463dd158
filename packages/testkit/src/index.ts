export { ffmpegPath } from './ffmpeg-path.js';
export { type ApngOptions, makeApng } from './make-apng.js';
export { type ExifOrientation, type JpegOptions, makeJpeg } from './make-jpeg.js';
export { type LosslessJpegOptions, makeLosslessJpeg } from './make-lossless-jpeg.js';
export { type Mp3Options, makeMp3 } from './make-mp3.js';
export { type Mp4Options, makeMp4 } from './make-mp4.js';
export { makePng, type PngOptions } from './make-png.js';
export { makeWav, WAV_HEADER_BYTES, type WavOptions } from './make-wav.js';
export { makeWebm, type WebmOptions } from './make-webm.js';
export {
  assertCorpusFacts,
  assertCorpusRejection,
  type CorpusRow,
  loadMediaCorpus,
  MAX_CORPUS_VERDICT_MS,
  MEDIA_CORPUS_DIR,
  type ReportedFacts,
} from './media-corpus.js';
export { closedPort, type StubServer, startStubServer } from './stub-server.js';
export { makeTempDir, writeTempFile } from './temp-files.js';
export { startTestServer, TEST_API_KEY, type TestServer } from './test-server.js';
