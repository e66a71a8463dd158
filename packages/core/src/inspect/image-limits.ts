import { MediaRejectedError } from '../errors.js';
import { MAX_IMAGE_DIMENSION_PX, MAX_IMAGE_PIXELS } from '../limits.js';

/** The image size limits an inspection applies (SPEC §3); both default to the service limits. */
export interface ImageLimits {
  /** Largest width or height, in pixels. Default `MAX_IMAGE_DIMENSION_PX` (8192). */
  maxDimensionPx: number;
  /** Largest width × height, in pixels. Default `MAX_IMAGE_PIXELS` (40 megapixels). */
  maxPixels: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxDimensionPx: MAX_IMAGE_DIMENSION_PX,
  maxPixels: MAX_IMAGE_PIXELS,
};

/**
 * Refuses an image whose header dimensions are over the limits. Called as soon as the header is
 * read, before anything else, so a decompression bomb costs a few bytes of reading (SPEC §3).
 */
export function assertImageWithinLimits(
  format: string,
  width: number,
  height: number,
  limits: ImageLimits,
): void {
  const pixels = width * height;
  if (
    width <= limits.maxDimensionPx &&
    height <= limits.maxDimensionPx &&
    pixels <= limits.maxPixels
  ) {
    return;
  }

  const megapixels = (pixels / 1_000_000).toFixed(1);
  const limitMegapixels = (limits.maxPixels / 1_000_000).toFixed(0);
  throw new MediaRejectedError(
    'image_too_large',
    `The ${format} is ${width}×${height} pixels (${megapixels} megapixels); the limit is ` +
      `${limits.maxDimensionPx} pixels per side and ${limitMegapixels} megapixels: ` +
      'scale the image down before uploading.',
  );
}
