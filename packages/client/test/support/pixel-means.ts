import sharp from 'sharp';

/** An image decoded to 8-bit RGB(A) pixels. */
export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

/** A rectangle of pixels: from (`x`, `y`), `width`×`height`. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Decodes an image as sharp does by default (no orientation applied), to 8-bit pixels. */
export async function decodePixels(image: Uint8Array | string): Promise<Pixels> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** The mean of each channel over a region, rounded to one decimal. */
export function meanOf(pixels: Pixels, region: Region = wholeOf(pixels)): number[] {
  const sums = new Array<number>(pixels.channels).fill(0);
  for (let y = region.y; y < region.y + region.height; y++) {
    for (let x = region.x; x < region.x + region.width; x++) {
      const offset = (y * pixels.width + x) * pixels.channels;
      for (let channel = 0; channel < pixels.channels; channel++) {
        sums[channel] = (sums[channel] ?? 0) + (pixels.data[offset + channel] ?? 0);
      }
    }
  }
  const count = region.width * region.height;
  return sums.map((sum) => Math.round((sum / count) * 10) / 10);
}

/** The whole image as a region. */
export function wholeOf(pixels: Pixels): Region {
  return { x: 0, y: 0, width: pixels.width, height: pixels.height };
}

/** The largest per-channel difference between two means, over their first `channels`. */
export function largestDifference(a: number[], b: number[], channels = 3): number {
  let largest = 0;
  for (let channel = 0; channel < channels; channel++) {
    largest = Math.max(largest, Math.abs((a[channel] ?? 0) - (b[channel] ?? 0)));
  }
  return largest;
}
