import { MediaRejectedError } from '../errors.js';

/** An MP4 whose structure cannot be parsed (`corrupt_media`). */
export function corruptMp4(problem: string): MediaRejectedError {
  return new MediaRejectedError(
    'corrupt_media',
    `The MP4 cannot be read: ${problem}. Re-export the video as MP4 and upload it again.`,
  );
}

/** An MP4 that is cut short or is only part of a file (`incomplete_media`, SPEC §3). */
export function incompleteMp4(problem: string): MediaRejectedError {
  return new MediaRejectedError(
    'incomplete_media',
    `The MP4 is incomplete: ${problem}. Upload the whole file, after the recording or export ` +
      'has finished.',
  );
}
