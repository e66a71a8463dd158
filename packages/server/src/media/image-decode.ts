import {
  type ByteSource,
  type CanonicalMediaType,
  MAX_IMAGE_PIXELS,
  MediaRejectedError,
} from '@heygen-assets/core';
import sharp, { type FailOnOptions } from 'sharp';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { readWholeSource } from './read-whole-source.js';

/**
 * The decode half of "JPEG/PNG that decodes fully" (SPEC §3). Core's structural check walks the
 * markers and chunks but cannot see damage inside compressed image data (a JPEG scan overwritten
 * with garbage that still ends in EOI, a PNG whose IDAT zlib stream is broken under a recomputed
 * CRC). libjpeg and libpng, through sharp, decode every pixel here and say so when they cannot.
 */

/** The types decoded after the structural check. */
export type DecodedImageType = Extract<CanonicalMediaType, 'image/jpeg' | 'image/png'>;

/**
 * Side of the image the decode renders to, in pixels. Tiny on purpose: every input pixel is
 * decoded, but the pipeline streams rows through a shrink instead of holding the image.
 */
const DECODE_PROBE_SIDE_PX = 8;

/**
 * Decodes running at once in this process. Baseline JPEG and non-interlaced PNG decode in a few
 * MiB, but libjpeg keeps every coefficient of a progressive JPEG (about 3 bytes a pixel) and
 * libpng every row of an interlaced PNG (up to 8 bytes a pixel) until the last pass, so one
 * 40-megapixel decode can hold a few hundred MiB for about a second; this caps the total.
 */
export const MAX_CONCURRENT_IMAGE_DECODES = 2;

/**
 * Longest one decode may take, in seconds. A 40-megapixel progressive JPEG takes about 1 s on
 * one core; a decode still running after this means the machine is overloaded, not that the
 * file is bad, so it ends in an internal error rather than a verdict.
 */
export const IMAGE_DECODE_TIMEOUT_SECONDS = 30;

/**
 * How strictly each decoder is run. libjpeg reports damaged entropy-coded data ("bad Huffman
 * code", "premature end of data segment") only as warnings, so JPEG fails on warnings; libpng
 * reports a broken zlib stream as an error and warns about harmless things (e.g. a known
 * incorrect sRGB profile), so PNG fails on errors.
 */
const FAIL_ON: Record<DecodedImageType, FailOnOptions> = {
  'image/jpeg': 'warning',
  'image/png': 'error',
};

/**
 * libjpeg warnings that cameras and editors produce on files that decode to a correct picture.
 * Core's structural check tolerates the same things (stray bytes between segments), so a file
 * whose first warning is one of these is accepted, as it is by the SDK's local check.
 */
const HARMLESS_JPEG_WARNINGS = [
  /extraneous bytes before marker/i,
  /Invalid SOS parameters for sequential JPEG/i,
  /Inconsistent progression sequence/i,
  /unknown JFIF revision number/i,
  /Unknown Adobe color transform/i,
];

/** What sharp's timeout failure says, so it is not mistaken for a damaged file. */
const TIMEOUT_MESSAGE = /^timeout:/;

const decodes = new ConcurrencyLimit(MAX_CONCURRENT_IMAGE_DECODES);

export interface ImageDecodeOptions {
  /** Largest image area, in pixels; core already refused larger headers. Default 40 megapixels. */
  maxPixels?: number;
}

export function isDecodedImageType(type: CanonicalMediaType): type is DecodedImageType {
  return type === 'image/jpeg' || type === 'image/png';
}

/**
 * Decodes every pixel of a JPEG or PNG that passed the structural check, holding only a few rows
 * at a time (see `MAX_CONCURRENT_IMAGE_DECODES` for the two exceptions).
 *
 * @throws MediaRejectedError `corrupt_media` naming what the decoder said.
 */
export async function assertImageDecodes(
  source: ByteSource,
  type: DecodedImageType,
  options: ImageDecodeOptions = {},
): Promise<void> {
  await decodes.run(async () => {
    const bytes = await readWholeSource(source);
    try {
      await sharp(bytes, {
        failOn: FAIL_ON[type],
        limitInputPixels: options.maxPixels ?? MAX_IMAGE_PIXELS,
        sequentialRead: true,
      })
        .timeout({ seconds: IMAGE_DECODE_TIMEOUT_SECONDS })
        .resize(DECODE_PROBE_SIDE_PX, DECODE_PROBE_SIDE_PX, { fit: 'fill' })
        .raw()
        .toBuffer();
    } catch (error) {
      const said = decoderMessage(error);
      if (TIMEOUT_MESSAGE.test(said)) throw error;
      if (type === 'image/jpeg' && HARMLESS_JPEG_WARNINGS.some((known) => known.test(said))) {
        return;
      }
      throw undecodable(type, said, error);
    }
  });
}

/** The decoder's own words: first line, without libvips' loader prefix. */
function decoderMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split('\n')[0] ?? '';
  return firstLine
    .replace(/^(VipsJpeg|vipspng|VipsForeignLoad\w*): /i, '')
    .trim()
    .slice(0, 200);
}

function undecodable(type: DecodedImageType, said: string, cause: unknown): MediaRejectedError {
  const format = type === 'image/jpeg' ? 'JPEG' : 'PNG';
  const decoder = type === 'image/jpeg' ? 'libjpeg' : 'libpng';
  return new MediaRejectedError(
    'corrupt_media',
    `The ${format} cannot be decoded: its structure is intact but its compressed image data is ` +
      `damaged (${decoder} says “${said}”). Re-export or re-save the image and upload it again.`,
    { cause },
  );
}
