import sharp from 'sharp';

/** EXIF orientation values (TIFF tag 0x0112): 1 is upright, 5–8 swap width and height. */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface JpegOptions {
  /** Stored width in pixels. Default 320. */
  width?: number;
  /** Stored height in pixels. Default 240. */
  height?: number;
  /** EXIF orientation to write in an APP1 segment. Default: no EXIF at all. */
  orientation?: ExifOrientation;
  /** Write a progressive (SOF2) instead of a baseline (SOF0) JPEG. Default false. */
  progressive?: boolean;
  /** Fill colour, any CSS colour sharp understands. Default `'#3366cc'`. */
  color?: string;
  /** Write four CMYK components (with an Adobe APP14 segment) instead of YCbCr. Default false. */
  cmyk?: boolean;
}

/** A single-colour JPEG made with sharp. */
export async function makeJpeg(options: JpegOptions = {}): Promise<Buffer> {
  const { width = 320, height = 240, orientation, progressive = false, cmyk = false } = options;
  const created = sharp({
    create: { width, height, channels: 3, background: options.color ?? '#3366cc' },
  });
  const image = (cmyk ? created.toColourspace('cmyk') : created).jpeg({ progressive });

  return (orientation ? image.withMetadata({ orientation }) : image).toBuffer();
}
