import sharp from 'sharp';

export interface PngOptions {
  /** Width in pixels. Default 320. */
  width?: number;
  /** Height in pixels. Default 240. */
  height?: number;
  /** Write an RGBA image (colour type 6) with a half-transparent fill. Default false (RGB). */
  alpha?: boolean;
  /** Bits per channel. Default 8. */
  bitDepth?: 8 | 16;
  /** Write an Adam7-interlaced PNG (IHDR interlace method 1). Default false. */
  interlaced?: boolean;
}

/** A single-colour PNG made with sharp. */
export async function makePng(options: PngOptions = {}): Promise<Buffer> {
  const { width = 320, height = 240, alpha = false, bitDepth = 8, interlaced = false } = options;
  const background = alpha ? { r: 51, g: 102, b: 204, alpha: 0.5 } : '#3366cc';
  const image = sharp({ create: { width, height, channels: alpha ? 4 : 3, background } });

  return (bitDepth === 16 ? image.toColourspace('rgb16') : image)
    .png({ progressive: interlaced })
    .toBuffer();
}
