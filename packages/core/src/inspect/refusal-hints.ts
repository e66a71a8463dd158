/** What to do with a refused file of each kind, for `SniffResult` hints and messages. */
export const REFUSAL_HINTS = {
  image: 'convert the image to JPEG or PNG and upload that',
  animation: 'upload one frame as a JPEG or PNG, or the animation as an MP4 video',
  video: 'convert the video to MP4 (H.264 video, AAC audio) and upload that',
  audio: 'convert the audio to MP3 or WAV and upload that',
  subtitles: 'convert the subtitles to SubRip (.srt) and upload that',
  document: 'upload a JPEG, PNG, MP4, WebM, MP3, WAV, PDF or SubRip (SRT) file instead',
} as const;
