import { MAX_IMAGE_DIMENSION_PX } from '@heygen-assets/core';

/** How an image is fitted into the target box. */
export const IMAGE_FITS = ['cover', 'contain', 'inside'] as const;
export type ImageFit = (typeof IMAGE_FITS)[number];

/** Which format the optimised image is written in. */
export const OPTIMIZED_FORMATS = ['auto', 'jpeg', 'png'] as const;
export type OptimizedFormat = (typeof OPTIMIZED_FORMATS)[number];

/** Default for `fit`: a video frame is filled edge to edge. */
export const DEFAULT_OPTIMIZE_FIT: ImageFit = 'cover';
/** Default for `background`: what transparency and letterbox bars become in a JPEG. */
export const DEFAULT_OPTIMIZE_BACKGROUND = '#ffffff';
/** Default for `quality`: the JPEG quality, 1–100. */
export const DEFAULT_JPEG_QUALITY = 85;

/**
 * `optimize` option of `uploadFile`: images are re-encoded for video before upload (SPEC §10,
 * optimise images). Needs the optional peer dependency `sharp`. Video, audio and other files are
 * uploaded unchanged.
 */
export interface OptimizeOptions {
  /** Target width in pixels, 1–8192 (e.g. the video's 1920). */
  width: number;
  /** Target height in pixels, 1–8192 (e.g. the video's 1080). */
  height: number;
  /**
   * `cover` fills exactly `width`×`height`, cropping the overflow around the centre; `contain`
   * makes exactly `width`×`height` with the whole image inside and bars on two sides; `inside`
   * scales the image down to fit within the box, keeping its shape, without bars and never
   * enlarging it. Default `'cover'`.
   */
  fit?: ImageFit | undefined;
  /**
   * `auto` writes JPEG, unless the image really uses transparency: then PNG; the source is
   * kept when the result is not smaller. `jpeg` always writes JPEG, flattening transparency onto
   * `background`; `png` always writes PNG; either keeps the source only when it is already in
   * that format and the result is not smaller. Default `'auto'`.
   */
  format?: OptimizedFormat | undefined;
  /**
   * Colour (CSS syntax, e.g. `'#000000'` or `'black'`) that transparent pixels are flattened
   * onto when a JPEG is written, and of the `contain` bars in an opaque result. Default
   * `'#ffffff'` (white).
   */
  background?: string | undefined;
  /** JPEG quality, 1–100. Default 85. */
  quality?: number | undefined;
}

/** `OptimizeOptions` checked, with every default filled in. */
export interface ResolvedOptimizeOptions {
  width: number;
  height: number;
  fit: ImageFit;
  format: OptimizedFormat;
  background: string;
  quality: number;
}

/** Checks the options before any byte is read; a wrong value is a `TypeError`. */
export function resolveOptimizeOptions(options: OptimizeOptions): ResolvedOptimizeOptions {
  const fit = options.fit ?? DEFAULT_OPTIMIZE_FIT;
  const format = options.format ?? 'auto';
  const quality = options.quality ?? DEFAULT_JPEG_QUALITY;

  checkWholeNumber('optimize.width', options.width, 1, MAX_IMAGE_DIMENSION_PX);
  checkWholeNumber('optimize.height', options.height, 1, MAX_IMAGE_DIMENSION_PX);
  checkWholeNumber('optimize.quality', quality, 1, 100);
  if (!IMAGE_FITS.includes(fit)) {
    throw new TypeError(`optimize.fit must be one of ${IMAGE_FITS.join(', ')}, not ${fit}.`);
  }
  if (!OPTIMIZED_FORMATS.includes(format)) {
    throw new TypeError(
      `optimize.format must be one of ${OPTIMIZED_FORMATS.join(', ')}, not ${format}.`,
    );
  }

  const background = options.background ?? DEFAULT_OPTIMIZE_BACKGROUND;
  return { width: options.width, height: options.height, fit, format, background, quality };
}

function checkWholeNumber(name: string, value: number, min: number, max: number): void {
  if (Number.isInteger(value) && value >= min && value <= max) return;

  throw new TypeError(`${name} must be a whole number from ${min} to ${max}, not ${value}.`);
}
