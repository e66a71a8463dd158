import type { VideoScene } from '../video/video-request.js';
import { type FrameSize, RENDER_FPS } from './frame-size.js';

type VideoBackground = Extract<VideoScene['background'], { type: 'video' }>;

/** Audio of every rendered video: AAC, 48 kHz stereo. */
const AUDIO_SAMPLE_RATE_HZ = 48_000;
const AUDIO_BITRATE = '128k';

/**
 * Repeats one decoded picture for ever at the render frame rate. Cheaper than looping the image
 * input, which decodes and converts the PNG again for every frame (twice the render time at
 * 1080p); `-t` ends the scene.
 */
const REPEAT_FRAME = `loop=loop=-1:size=1:start=0,setpts=N/${RENDER_FPS}/TB`;

/** What one scene is made of, as files on disk. */
export interface SceneInputs {
  frame: FrameSize;
  durationSeconds: number;
  /** The voice as audio; undefined for silence. */
  audioPath: string | undefined;
  /** A still scene: the full frame, background and character composed. */
  stillPath?: string;
  /** A video scene: the background video, its length, how it plays, and the character layer. */
  video?: {
    path: string;
    durationSeconds: number;
    background: VideoBackground;
    characterPath: string;
  };
}

/** ffmpeg arguments that render one scene into `outputPath`: H.264 + AAC, exactly its length. */
export function sceneArgs(scene: SceneInputs, outputPath: string): string[] {
  const { frame } = scene;
  const inputs: string[] = [];
  const filters: string[] = [];

  if (scene.video) {
    const { background } = scene.video;
    if (background.play_style === 'loop') inputs.push('-stream_loop', '-1');
    inputs.push('-i', scene.video.path, '-i', scene.video.characterPath);
    const timing = playStyleFilter(background, scene.video.durationSeconds, scene.durationSeconds);
    const fit = fitFilter(background.fit, frame);
    filters.push(`[0:v]${[timing, fit, `fps=${RENDER_FPS}`].filter(Boolean).join(',')}[bg]`);
    filters.push(`[1:v]${REPEAT_FRAME}[fg]`);
    filters.push('[bg][fg]overlay=0:0,format=yuv420p[v]');
  } else {
    inputs.push('-i', scene.stillPath ?? '');
    filters.push(`[0:v]format=yuv420p,${REPEAT_FRAME}[v]`);
  }

  const audioIndex = scene.video ? 2 : 1;
  if (scene.audioPath) inputs.push('-i', scene.audioPath);
  else inputs.push('-f', 'lavfi', '-i', `anullsrc=r=${AUDIO_SAMPLE_RATE_HZ}:cl=stereo`);
  filters.push(
    `[${audioIndex}:a]aresample=${AUDIO_SAMPLE_RATE_HZ},aformat=channel_layouts=stereo,apad[a]`,
  );

  return [
    '-y',
    ...inputs,
    '-filter_complex',
    filters.join(';'),
    '-map',
    '[v]',
    '-map',
    '[a]',
    '-t',
    scene.durationSeconds.toFixed(3),
    ...encoderArgs(),
    outputPath,
  ];
}

function encoderArgs(): string[] {
  return [
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '23',
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(RENDER_FPS),
    '-c:a',
    'aac',
    '-b:a',
    AUDIO_BITRATE,
    '-ar',
    String(AUDIO_SAMPLE_RATE_HZ),
    '-ac',
    '2',
  ];
}

/**
 * How the background video fills the scene: `loop` repeats it (an input option), `freeze` and
 * `once` play it once and hold the last frame, `fit_to_scene` stretches or squeezes it in time
 * to the scene's length.
 */
function playStyleFilter(
  background: VideoBackground,
  videoSeconds: number,
  sceneSeconds: number,
): string | undefined {
  switch (background.play_style) {
    case 'loop':
      return undefined;
    case 'freeze':
    case 'once':
      return `tpad=stop_mode=clone:stop_duration=${sceneSeconds.toFixed(3)}`;
    case 'fit_to_scene':
      return `setpts=PTS*${(sceneSeconds / videoSeconds).toFixed(6)}`;
  }
}

/** The same `fit` rules as still images, in ffmpeg's scale/crop/pad filters. */
function fitFilter(fit: VideoBackground['fit'], { width, height }: FrameSize): string {
  const centre = `(ow-iw)/2:(oh-ih)/2`;
  switch (fit) {
    case 'cover':
    case 'crop':
      return `scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height},setsar=1`;
    case 'contain':
      return `scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:${centre},setsar=1`;
    case 'none':
      return `crop='min(iw,${width})':'min(ih,${height})',pad=${width}:${height}:${centre},setsar=1`;
  }
}
