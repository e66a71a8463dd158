import { loadSharp } from '../media/load-sharp.js';
import type { VideoScene } from '../video/video-request.js';
import type { FrameSize } from './frame-size.js';

type StillBackground = Extract<VideoScene['background'], { type: 'color' | 'image' }>;
type Fit = Extract<VideoScene['background'], { type: 'image' }>['fit'];

/** Colour around a `contain` or `none` image, where the image does not reach. */
const LETTERBOX_COLOR = '#000000';

/**
 * One frame of a still scene: the colour or the image fitted to the frame (`cover` and `crop`
 * fill it, cutting the overflow; `contain` shows all of it; `none` keeps its pixel size,
 * centred), with the character layer on top. Opaque RGB, ready to loop into video.
 */
export async function stillFrame(
  background: StillBackground,
  frame: FrameSize,
  imagePath: string | undefined,
  characterLayer: Buffer,
): Promise<Buffer> {
  const sharp = await loadSharp();
  const base =
    background.type === 'color'
      ? await colorFrame(background.value, frame)
      : await fittedImage(imagePath ?? '', background.fit, frame);
  return sharp(base)
    .composite([{ input: characterLayer }])
    .flatten({ background: LETTERBOX_COLOR })
    .png()
    .toBuffer();
}

async function colorFrame(color: string, frame: FrameSize): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp({ create: { ...frame, channels: 3, background: color } })
    .png()
    .toBuffer();
}

/** The image fitted to the frame, as an opaque PNG of exactly the frame's size. */
export async function fittedImage(path: string, fit: Fit, frame: FrameSize): Promise<Buffer> {
  const sharp = await loadSharp();
  const upright = await sharp(path).rotate().toBuffer();
  if (fit !== 'none') {
    return sharp(upright)
      .resize({
        ...frame,
        fit: fit === 'contain' ? 'contain' : 'cover',
        background: LETTERBOX_COLOR,
      })
      .flatten({ background: LETTERBOX_COLOR })
      .png()
      .toBuffer();
  }

  const { width = 0, height = 0 } = await sharp(upright).metadata();
  const cropped = await sharp(upright)
    .extract({
      left: Math.max(0, Math.floor((width - frame.width) / 2)),
      top: Math.max(0, Math.floor((height - frame.height) / 2)),
      width: Math.min(width, frame.width),
      height: Math.min(height, frame.height),
    })
    .toBuffer();
  return sharp({ create: { ...frame, channels: 3, background: LETTERBOX_COLOR } })
    .composite([{ input: cropped, gravity: 'centre' }])
    .png()
    .toBuffer();
}
