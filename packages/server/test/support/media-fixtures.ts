import { makeJpeg, makeMp3, makeMp4, makePng, makeWav } from '@heygen-assets/testkit';

export interface MediaFixture {
  name: string;
  contentType: string;
  fileType: string;
  make(): Promise<Buffer>;
}

/** One small valid file of each type the first slice accepts, made in code. */
export const MEDIA_FIXTURES: readonly MediaFixture[] = [
  { name: 'photo.jpg', contentType: 'image/jpeg', fileType: 'image', make: () => makeJpeg() },
  { name: 'logo.png', contentType: 'image/png', fileType: 'image', make: () => makePng() },
  { name: 'clip.mp4', contentType: 'video/mp4', fileType: 'video', make: () => makeMp4() },
  { name: 'voice.mp3', contentType: 'audio/mpeg', fileType: 'audio', make: () => makeMp3() },
  { name: 'voice.wav', contentType: 'audio/wav', fileType: 'audio', make: async () => makeWav() },
];
