import sharp from 'sharp';

export interface PngOptions {
  /** Width in pixels. Default 320. */
  width?: number;
  /** Height in pixels. Default 240. */
  height?: number;
  /** Write an RGBA image (colour type 6) with a half-transparent fill. Default false (RGB). */
  alpha?: boolean;
}

/** A single-colour, non-interlaced 8-bit PNG made with sharp. */
export async function makePng(options: PngOptions = {}): Promise<Buffer> {
  const { width = 320, height = 240, alpha = false } = options;
  const background = alpha ? { r: 51, g: 102, b: 204, alpha: 0.5 } : '#3366cc';

  return sharp({ create: { width, height, channels: alpha ? 4 : 3, background } })
    .png()
    .toBuffer();
}
