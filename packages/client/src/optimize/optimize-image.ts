import { MAX_IMAGE_PIXELS, MediaRejectedError } from '@heygen-assets/core';
import type { Sharp } from 'sharp';
import { loadSharp, type SharpModule } from './load-sharp.js';
import type { OptimizedFormat, ResolvedOptimizeOptions } from './optimize-options.js';

/** The image types optimisation writes. */
export type OptimizedImageType = 'image/jpeg' | 'image/png';

/** What optimising an image did, returned with the uploaded asset as `optimization`. */
export interface ImageOptimization {
  /**
   * Which bytes were uploaded: the optimised image, or the source unchanged because the
   * optimised image was not smaller than it (only when the source is in a format `format`
   * allows: a forced `jpeg` or `png` is always written in that format).
   */
  chosen: 'optimized' | 'original';
  /** Size of the source, in bytes. */
  sourceBytes: number;
  /** Size of the optimised image, in bytes, whichever was chosen. */
  optimizedBytes: number;
  /** Type of the optimised image. */
  optimizedType: OptimizedImageType;
  /** Width of the optimised image, in pixels, upright. */
  width: number;
  /** Height of the optimised image, in pixels, upright. */
  height: number;
}

/** The bytes to upload and the account of how they were chosen. */
export interface OptimizedImage {
  bytes: Uint8Array;
  mimeType: OptimizedImageType;
  optimization: ImageOptimization;
}

/** Fully transparent: the colour of `contain` bars in an image that keeps its alpha channel. */
const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };

/**
 * Re-encodes a JPEG or PNG that passed the media checks for use in a video (SPEC §10, optimise
 * images): turned upright by its EXIF orientation, fitted to the target size, converted to sRGB
 * (CMYK through a colour profile, so its colours are not inverted), stripped of all metadata,
 * then written as JPEG, or as PNG when it really uses transparency. A result that is not smaller
 * than the source is discarded and the source kept, unless a format was forced that the source
 * is not in.
 */
export async function optimizeImage(
  source: Uint8Array,
  sourceType: OptimizedImageType,
  options: ResolvedOptimizeOptions,
): Promise<OptimizedImage> {
  const sharp = await loadSharp();
  checkBackground(sharp, options.background);

  const { data, format, width, height } = await encode(sharp, source, options).catch(
    (error: unknown) => {
      throw new MediaRejectedError('corrupt_media', 'The image could not be decoded to optimise.', {
        hint: 'Check that the file opens in an image viewer, or upload it without optimize.',
        cause: error,
      });
    },
  );

  const optimizedType = format === 'png' ? 'image/png' : 'image/jpeg';
  const keepSource = allows(options.format, sourceType) && data.byteLength >= source.byteLength;
  const optimization: ImageOptimization = {
    chosen: keepSource ? 'original' : 'optimized',
    sourceBytes: source.byteLength,
    optimizedBytes: data.byteLength,
    optimizedType,
    width,
    height,
  };
  return keepSource
    ? { bytes: source, mimeType: sourceType, optimization }
    : { bytes: data, mimeType: optimizedType, optimization };
}

/** Whether the source may stand in for the result: any type under `auto`, else the one asked. */
function allows(format: OptimizedFormat, type: OptimizedImageType): boolean {
  return format === 'auto' || `image/${format}` === type;
}

async function encode(sharp: SharpModule, source: Uint8Array, options: ResolvedOptimizeOptions) {
  // The media checks already refused anything over the limit; this guards libvips as well.
  const open = () => sharp(source, { limitInputPixels: MAX_IMAGE_PIXELS });
  const transparent = await usesTransparency(open());
  const format = options.format === 'auto' ? (transparent ? 'png' : 'jpeg') : options.format;
  const keepsAlpha = format === 'png' && transparent;

  const fitted = open()
    .autoOrient()
    .resize({
      width: options.width,
      height: options.height,
      fit: options.fit,
      withoutEnlargement: options.fit === 'inside',
      background: keepsAlpha ? TRANSPARENT : options.background,
    })
    .toColourspace('srgb');
  // sharp writes no EXIF, ICC profile or XMP unless asked to keep them: metadata is stripped.
  const encoder =
    format === 'jpeg'
      ? fitted.flatten({ background: options.background }).jpeg({ quality: options.quality })
      : withAlphaIf(keepsAlpha, fitted).png({ compressionLevel: 9 });

  const { data, info } = await encoder.toBuffer({ resolveWithObject: true });
  return { data, format, width: info.width, height: info.height };
}

/**
 * Whether the image has an alpha channel that any pixel uses: a PNG saved with alpha but fully
 * opaque is a photo like any other, and is written as JPEG.
 */
async function usesTransparency(image: Sharp): Promise<boolean> {
  const { hasAlpha } = await image.metadata();
  if (!hasAlpha) return false;

  const { isOpaque } = await image.stats();
  return !isOpaque;
}

function withAlphaIf(keepsAlpha: boolean, image: Sharp): Sharp {
  return keepsAlpha ? image : image.removeAlpha();
}

/** Refuses a background colour sharp cannot read before any image is decoded. */
function checkBackground(sharp: SharpModule, background: string): void {
  try {
    sharp().flatten({ background });
  } catch (error) {
    throw new TypeError(`optimize.background must be a CSS colour, not ${background}.`, {
      cause: error,
    });
  }
}
