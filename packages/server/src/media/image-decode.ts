import {
  type ByteSource,
  type CanonicalMediaType,
  MAX_IMAGE_PIXELS,
  MediaRejectedError,
} from '@heygen-assets/core';
import type { FailOnOptions } from 'sharp';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { isLosslessJpeg } from './jpeg-coding.js';
import { loadSharp } from './load-sharp.js';
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
 * 40-megapixel decode can hold a few hundred MiB for about a second; one at a time caps that.
 * It also keeps messages apart: libvips collects decoder messages in one process-wide buffer,
 * so two failing decodes at once can each report the other's words.
 */
export const MAX_CONCURRENT_IMAGE_DECODES = 1;

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
 * Core's structural check tolerates the same things (stray bytes between segments). A file that
 * warns only about these is decoded again failing on errors alone, so that whatever libjpeg
 * would have found after the warning (a missing table, a broken frame) still refuses it.
 */
const HARMLESS_JPEG_WARNINGS = [
  /extraneous bytes before marker/i,
  /Invalid SOS parameters for sequential JPEG/i,
  /Inconsistent progression sequence/i,
  /unknown JFIF revision number/i,
  /Unknown Adobe color transform/i,
];

/**
 * What libjpeg says when a lossless JPEG (which SPEC §3 accepts) uses samples its 8-bit,
 * colour-converting interface cannot deliver: more than 8 bits, or YCbCr, which lossless mode
 * cannot convert to RGB. Such a file is not damaged, only beyond this decoder, so it keeps the
 * verdict of core's structural check, as in the SDK.
 */
const LOSSLESS_DECODER_LIMITS = [
  /Unsupported JPEG data precision/i,
  /Unsupported color conversion request/i,
];

/** Longest decoder message quoted in a rejection, in characters. */
const MAX_QUOTED_CHARS = 200;

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
  const maxPixels = options.maxPixels ?? MAX_IMAGE_PIXELS;
  await decodes.run(async () => {
    const bytes = await readWholeSource(source);
    const complaints = await harmfulComplaints(bytes, type, maxPixels);
    if (complaints.length === 0) return;
    if (type === 'image/jpeg' && isBeyondDecoder(complaints) && isLosslessJpeg(bytes)) return;

    throw undecodable(type, complaints[0] ?? 'unknown error');
  });
}

/**
 * What the decoder said that counts against the file; empty when it decoded. After harmless
 * JPEG warnings alone, decodes again failing on errors only, to see past them.
 */
async function harmfulComplaints(
  bytes: Buffer,
  type: DecodedImageType,
  maxPixels: number,
): Promise<string[]> {
  const strict = await decoderComplaints(bytes, FAIL_ON[type], maxPixels);
  if (strict === undefined) return [];

  const harmful = strict.filter((line) => !isHarmless(type, line));
  if (harmful.length > 0) return harmful;
  return (await decoderComplaints(bytes, 'error', maxPixels)) ?? [];
}

function isBeyondDecoder(complaints: readonly string[]): boolean {
  return complaints.every((line) => LOSSLESS_DECODER_LIMITS.some((limit) => limit.test(line)));
}

/**
 * Decodes every pixel, rendering them to a tiny image; resolves to what the decoder said when
 * it failed (one entry a line, without libvips' loader prefixes), or undefined when it did not.
 */
async function decoderComplaints(
  bytes: Buffer,
  failOn: FailOnOptions,
  maxPixels: number,
): Promise<string[] | undefined> {
  const sharp = await loadSharp();
  try {
    await sharp(bytes, { failOn, limitInputPixels: maxPixels, sequentialRead: true })
      .timeout({ seconds: IMAGE_DECODE_TIMEOUT_SECONDS })
      .resize(DECODE_PROBE_SIDE_PX, DECODE_PROBE_SIDE_PX, { fit: 'fill' })
      .raw()
      .toBuffer();
    return undefined;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (TIMEOUT_MESSAGE.test(text)) throw error;
    const lines = text
      .split('\n')
      .map((line) => line.replace(/^(VipsJpeg|vipspng|VipsForeignLoad\w*): /i, '').trim())
      .filter((line) => line !== '');
    return lines.length > 0 ? [...new Set(lines)] : ['unknown error'];
  }
}

function isHarmless(type: DecodedImageType, line: string): boolean {
  return type === 'image/jpeg' && HARMLESS_JPEG_WARNINGS.some((known) => known.test(line));
}

function undecodable(type: DecodedImageType, said: string): MediaRejectedError {
  const format = type === 'image/jpeg' ? 'JPEG' : 'PNG';
  const decoder = type === 'image/jpeg' ? 'libjpeg' : 'libpng';
  return new MediaRejectedError(
    'corrupt_media',
    `The ${format} cannot be decoded: ${decoder} stops with “${said.slice(0, MAX_QUOTED_CHARS)}”, ` +
      'so part of its image data is damaged or missing. Re-export or re-save the image and ' +
      'upload it again.',
  );
}
