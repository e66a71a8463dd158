import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it, test } from 'node:test';
import { loadMediaCorpus, makeJpeg } from '@heygen-assets/testkit';
import sharp, { type Color } from 'sharp';
import { type OptimizedImageType, optimizeImage } from '../src/optimize/optimize-image.js';
import { type OptimizeOptions, resolveOptimizeOptions } from '../src/optimize/optimize-options.js';
import {
  decodePixels,
  largestDifference,
  meanOf,
  type Pixels,
  type Region,
} from './support/pixel-means.js';

/**
 * Image optimisation (SPEC §10, optimise images) on images made here and on the shared media
 * corpus: orientation, fit, colour space, transparency, metadata, and the smaller-or-source rule.
 */

function optimize(source: Uint8Array, type: OptimizedImageType, options: OptimizeOptions) {
  return optimizeImage(source, type, resolveOptimizeOptions(options));
}

/** Colours of the four quadrants of the upright test image, top left first, clockwise. */
const QUADRANTS = {
  topLeft: [208, 48, 32],
  topRight: [96, 176, 80],
  bottomRight: [224, 192, 64],
  bottomLeft: [80, 112, 176],
} as const;

/** A PNG of `width`×`height` whose quadrants have the `QUADRANTS` colours. */
async function quadrantImage(width: number, height: number): Promise<Buffer> {
  const half = (colour: readonly number[], left: number, top: number) => ({
    input: {
      create: {
        width: width / 2,
        height: height / 2,
        channels: 3 as const,
        background: { r: colour[0] ?? 0, g: colour[1] ?? 0, b: colour[2] ?? 0 },
      },
    },
    left,
    top,
  });
  return sharp({ create: { width, height, channels: 3, background: '#000000' } })
    .composite([
      half(QUADRANTS.topLeft, 0, 0),
      half(QUADRANTS.topRight, width / 2, 0),
      half(QUADRANTS.bottomRight, width / 2, height / 2),
      half(QUADRANTS.bottomLeft, 0, height / 2),
    ])
    .png()
    .toBuffer();
}

/** The centre half of each quadrant, away from edges that JPEG and resizing blur. */
function quadrantRegions(width: number, height: number): Record<keyof typeof QUADRANTS, Region> {
  const w = Math.floor(width / 4);
  const h = Math.floor(height / 4);
  const at = (x: number, y: number) => ({
    x: Math.floor(x),
    y: Math.floor(y),
    width: w,
    height: h,
  });
  return {
    topLeft: at(w / 2, h / 2),
    topRight: at(width / 2 + w / 2, h / 2),
    bottomRight: at(width / 2 + w / 2, height / 2 + h / 2),
    bottomLeft: at(w / 2, height / 2 + h / 2),
  };
}

/** Asserts each quadrant's mean is within `tolerance` of its colour, per channel. */
function assertQuadrants(pixels: Pixels, tolerance: number): void {
  const regions = quadrantRegions(pixels.width, pixels.height);
  for (const [name, colour] of Object.entries(QUADRANTS)) {
    const mean = meanOf(pixels, regions[name as keyof typeof QUADRANTS]);
    const difference = largestDifference(mean, [...colour]);
    assert.ok(difference <= tolerance, `${name}: ${mean} instead of ${colour}`);
  }
}

/**
 * An upright 320×240 quadrant picture stored as sensors store portrait shots: turned a quarter
 * turn anticlockwise (240×320), with EXIF orientation 6 telling viewers to turn it back.
 */
async function storedWithOrientation6(): Promise<Buffer> {
  const stored = await sharp(await quadrantImage(320, 240))
    .rotate(270)
    .toBuffer();
  return sharp(stored).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
}

/** Largest per-channel error allowed after one JPEG encode of flat colour areas. */
const JPEG_FLAT_TOLERANCE = 8;
/** Largest error allowed on a half-transparent colour resized (premultiplied, then rounded). */
const ALPHA_RESIZE_TOLERANCE = 3;

/**
 * A PNG of one colour, stored uncompressed: large for its size, so that any re-encoding is
 * smaller and chosen over it.
 */
function flatPng(width: number, height: number, background: Color): Promise<Buffer> {
  const channels = typeof background === 'object' && 'alpha' in background ? 4 : 3;
  return sharp({ create: { width, height, channels, background } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** A half-transparent fill, as made by the testkit's `makePng({ alpha: true })`. */
const HALF_BLUE = { r: 51, g: 102, b: 204, alpha: 0.5 };

describe('optimizeImage: orientation', () => {
  it('turns an image with EXIF orientation 6 upright and fits it to the size asked', async () => {
    const source = await storedWithOrientation6();
    const stored = await sharp(source).metadata();
    assert.deepEqual([stored.width, stored.height, stored.orientation], [240, 320, 6]);

    const { bytes, optimization } = await optimize(source, 'image/jpeg', {
      width: 160,
      height: 120,
    });

    const written = await sharp(bytes).metadata();
    assert.deepEqual([written.format, written.width, written.height], ['jpeg', 160, 120]);
    assert.equal(written.orientation, undefined);
    assert.deepEqual([optimization.width, optimization.height], [160, 120]);
    assertQuadrants(await decodePixels(bytes), JPEG_FLAT_TOLERANCE);
  });

  it('writes no metadata: no EXIF, no ICC profile, no XMP', async () => {
    const source = await sharp(await quadrantImage(320, 240))
      .jpeg()
      .withMetadata({ orientation: 1, exif: { IFD0: { Copyright: 'test' } } })
      .withIccProfile('p3')
      .toBuffer();
    const before = await sharp(source).metadata();
    assert.ok(before.exif && before.icc);

    const { bytes, optimization } = await optimize(source, 'image/jpeg', {
      width: 100,
      height: 75,
    });

    assert.equal(optimization.chosen, 'optimized');
    const after = await sharp(bytes).metadata();
    assert.deepEqual(
      [after.exif, after.icc, after.xmp, after.orientation],
      [undefined, undefined, undefined, undefined],
    );
    assert.equal(after.space, 'srgb');
  });
});

describe('optimizeImage: fit', () => {
  /** A 400×100 red band: wide enough that every fit treats it differently. */
  const band = () => flatPng(400, 100, '#c03020');

  it('cover fills exactly the size asked, cropping the overflow', async () => {
    const { bytes } = await optimize(await band(), 'image/png', {
      width: 200,
      height: 200,
      fit: 'cover',
    });

    const pixels = await decodePixels(bytes);
    assert.deepEqual([pixels.width, pixels.height], [200, 200]);
    const corner = meanOf(pixels, { x: 0, y: 0, width: 20, height: 20 });
    assert.ok(largestDifference(corner, [192, 48, 32]) <= JPEG_FLAT_TOLERANCE, `${corner}`);
  });

  it('contain makes exactly the size asked, with bars of the background colour', async () => {
    const { bytes, mimeType } = await optimize(await band(), 'image/png', {
      width: 200,
      height: 200,
      fit: 'contain',
      background: '#000000',
    });

    assert.equal(mimeType, 'image/jpeg');
    const pixels = await decodePixels(bytes);
    assert.deepEqual([pixels.width, pixels.height], [200, 200]);
    const bar = meanOf(pixels, { x: 0, y: 0, width: 200, height: 60 });
    const middle = meanOf(pixels, { x: 20, y: 85, width: 160, height: 30 });
    assert.ok(largestDifference(bar, [0, 0, 0]) <= JPEG_FLAT_TOLERANCE, `bar ${bar}`);
    assert.ok(largestDifference(middle, [192, 48, 32]) <= JPEG_FLAT_TOLERANCE, `${middle}`);
  });

  it('inside keeps the shape within the box and never enlarges', async () => {
    const shrunk = await optimize(await band(), 'image/png', {
      width: 200,
      height: 200,
      fit: 'inside',
    });
    const kept = await optimize(await band(), 'image/png', {
      width: 800,
      height: 800,
      fit: 'inside',
    });

    assert.deepEqual([shrunk.optimization.width, shrunk.optimization.height], [200, 50]);
    assert.deepEqual([kept.optimization.width, kept.optimization.height], [400, 100]);
  });
});

describe('optimizeImage: transparency', () => {
  const fullyTransparent = () => flatPng(120, 80, { r: 0, g: 0, b: 0, alpha: 0 });

  it('flattens a fully transparent PNG forced to JPEG onto white, not black', async () => {
    const { bytes, mimeType, optimization } = await optimize(
      await fullyTransparent(),
      'image/png',
      {
        width: 120,
        height: 80,
        format: 'jpeg',
      },
    );

    assert.equal(mimeType, 'image/jpeg');
    assert.equal(optimization.optimizedType, 'image/jpeg');
    const pixels = await decodePixels(bytes);
    assert.equal(pixels.channels, 3);
    assert.deepEqual(meanOf(pixels), [255, 255, 255]);
  });

  it('flattens onto the background colour asked', async () => {
    const { bytes } = await optimize(await fullyTransparent(), 'image/png', {
      width: 120,
      height: 80,
      format: 'jpeg',
      background: '#3366cc',
    });

    const mean = meanOf(await decodePixels(bytes));
    assert.ok(largestDifference(mean, [51, 102, 204]) <= 2, `${mean}`);
  });

  it('keeps an image that uses transparency as PNG with its alpha channel', async () => {
    const source = await flatPng(200, 100, HALF_BLUE);

    const { bytes, mimeType } = await optimize(source, 'image/png', { width: 100, height: 50 });

    assert.equal(mimeType, 'image/png');
    const pixels = await decodePixels(bytes);
    assert.deepEqual([pixels.width, pixels.height, pixels.channels], [100, 50, 4]);
    const mean = meanOf(pixels);
    assert.ok(largestDifference(mean, [51, 102, 204, 128], 4) <= ALPHA_RESIZE_TOLERANCE, `${mean}`);
  });

  it('writes a PNG whose alpha channel is fully opaque as a JPEG', async () => {
    const source = await flatPng(300, 200, { r: 40, g: 90, b: 150, alpha: 1 });
    assert.equal((await sharp(source).metadata()).hasAlpha, true);

    const { mimeType, bytes } = await optimize(source, 'image/png', { width: 150, height: 100 });

    assert.equal(mimeType, 'image/jpeg');
    assert.equal((await sharp(bytes).metadata()).format, 'jpeg');
  });

  it('keeps transparency in the bars of contain when the result is a PNG', async () => {
    const source = await flatPng(200, 100, HALF_BLUE);

    const { bytes, mimeType } = await optimize(source, 'image/png', {
      width: 100,
      height: 100,
      fit: 'contain',
    });

    assert.equal(mimeType, 'image/png');
    const pixels = await decodePixels(bytes);
    assert.deepEqual([pixels.width, pixels.height], [100, 100]);
    assert.deepEqual(meanOf(pixels, { x: 0, y: 0, width: 100, height: 20 }), [0, 0, 0, 0]);
    const middle = meanOf(pixels, { x: 0, y: 30, width: 100, height: 40 });
    const difference = largestDifference(middle, [51, 102, 204, 128], 4);
    assert.ok(difference <= ALPHA_RESIZE_TOLERANCE, `${middle}`);
  });
});

/**
 * Colours in the sRGB gamut that CMYK can print, so the round trip sRGB → CMYK → sRGB through
 * sharp's default profiles moves each channel by at most 13 (measured on these four, after the
 * JPEG encodes); an image whose CMYK were read inverted, or kept as CMYK, would be off by more
 * than 100.
 */
const CMYK_ROUND_TRIP_TOLERANCE = 20;

describe('optimizeImage: colour space', () => {
  it('writes a CMYK JPEG as sRGB whose colours stay close to the original', async () => {
    const original = await quadrantImage(200, 200);
    const cmyk = await sharp(original).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();
    const input = await sharp(cmyk).metadata();
    assert.deepEqual([input.space, input.channels], ['cmyk', 4]);

    const { bytes } = await optimize(cmyk, 'image/jpeg', { width: 100, height: 100 });

    const written = await sharp(bytes).metadata();
    assert.deepEqual([written.space, written.channels], ['srgb', 3]);
    const pixels = await decodePixels(bytes);
    const originalMean = meanOf(await decodePixels(original));
    const difference = largestDifference(meanOf(pixels), originalMean);
    assert.ok(difference <= CMYK_ROUND_TRIP_TOLERANCE, `mean ${meanOf(pixels)} vs ${originalMean}`);
    assertQuadrants(pixels, CMYK_ROUND_TRIP_TOLERANCE);
  });
});

describe('optimizeImage: the smaller of source and result', () => {
  it('discards a result larger than the source and keeps the source bytes', async () => {
    const source = await sharp({
      create: { width: 16, height: 16, channels: 3, background: '#808080' },
    })
      .jpeg({ quality: 30 })
      .toBuffer();

    const result = await optimize(source, 'image/jpeg', { width: 1920, height: 1080 });

    assert.equal(result.optimization.chosen, 'original');
    assert.ok(result.optimization.optimizedBytes > source.byteLength);
    assert.equal(result.optimization.sourceBytes, source.byteLength);
    assert.equal(result.mimeType, 'image/jpeg');
    assert.deepEqual(Buffer.from(result.bytes), source);
  });

  it('chooses the result when it is smaller, and says so', async () => {
    const source = await makeJpeg({ width: 1600, height: 1200 });

    const result = await optimize(source, 'image/jpeg', { width: 320, height: 240 });

    assert.equal(result.optimization.chosen, 'optimized');
    assert.equal(result.optimization.optimizedBytes, result.bytes.byteLength);
    assert.ok(result.bytes.byteLength < source.byteLength);
  });
});

describe('optimizeImage: options', () => {
  const cases: Array<[string, Partial<OptimizeOptions>, RegExp]> = [
    ['a width of 0', { width: 0 }, /optimize\.width must be a whole number from 1 to 8192/],
    ['a fractional height', { height: 10.5 }, /optimize\.height/],
    ['a height over 8192', { height: 8193 }, /optimize\.height/],
    ['an unknown fit', { fit: 'fill' as never }, /optimize\.fit must be one of cover, contain/],
    ['an unknown format', { format: 'webp' as never }, /optimize\.format must be one of auto/],
    ['a quality of 101', { quality: 101 }, /optimize\.quality/],
  ];
  for (const [what, change, message] of cases) {
    it(`refuses ${what} with a TypeError`, () => {
      assert.throws(() => resolveOptimizeOptions({ width: 100, height: 100, ...change }), {
        name: 'TypeError',
        message,
      });
    });
  }

  it('refuses a background that is not a colour before decoding anything', async () => {
    await assert.rejects(
      optimize(Buffer.from('not an image'), 'image/png', {
        width: 10,
        height: 10,
        background: 'no-such-colour',
      }),
      { name: 'TypeError', message: /optimize\.background must be a CSS colour/ },
    );
  });

  it('fills in the defaults: cover, auto, white, quality 85', () => {
    assert.deepEqual(resolveOptimizeOptions({ width: 1920, height: 1080 }), {
      width: 1920,
      height: 1080,
      fit: 'cover',
      format: 'auto',
      background: '#ffffff',
      quality: 85,
    });
  });
});

describe('optimizeImage on the media corpus', () => {
  const corpus = loadMediaCorpus();
  if ('missing' in corpus) {
    test('media corpus', (t) => t.skip(corpus.missing));
    return;
  }
  const pathOf = (file: string) => {
    const row = corpus.rows.find((candidate) => candidate.file === file);
    assert.ok(row, `${file} is listed in EXPECTED.md`);
    return row.path;
  };

  /**
   * Places in the upright 300×225 picture (a waterfall; labels top/left/right/bottom): a patch
   * of pale sky above the trees, and the red flowers at the lower left.
   */
  const SKY: Region = { x: 80, y: 0, width: 50, height: 30 };
  const FLOWERS: Region = { x: 60, y: 140, width: 60, height: 30 };
  /** Also compared with Landscape_1, the same photo stored upright; away from the centre digit. */
  const LANDSCAPE_REGIONS: Region[] = [
    SKY,
    FLOWERS,
    { x: 0, y: 180, width: 50, height: 45 },
    { x: 200, y: 205, width: 80, height: 20 },
    { x: 190, y: 40, width: 70, height: 40 },
  ];
  /** Largest difference from the upright original, per channel: one resize, one JPEG encode. */
  const SAME_PHOTO_TOLERANCE = 12;

  it('sharp-Landscape_6.jpg (stored 450×600, orientation 6) comes out upright at 300×225', async () => {
    const source = await readFile(pathOf('sharp-Landscape_6.jpg'));

    const { bytes, optimization } = await optimize(source, 'image/jpeg', {
      width: 300,
      height: 225,
    });

    assert.equal(optimization.chosen, 'optimized');
    const written = await sharp(bytes).metadata();
    assert.deepEqual([written.width, written.height, written.orientation], [300, 225, undefined]);
    const pixels = await decodePixels(bytes);
    const sky = meanOf(pixels, SKY);
    assert.ok(
      sky.every((level) => level >= 180),
      `the sky is pale: ${sky}`,
    );
    const flowers = meanOf(pixels, FLOWERS);
    assert.ok((flowers[0] ?? 0) - (flowers[1] ?? 0) >= 40, `the flowers are red: ${flowers}`);

    const upright = await decodePixels(
      await sharp(pathOf('sharp-Landscape_1.jpg')).resize(300, 225).toBuffer(),
    );
    for (const region of LANDSCAPE_REGIONS) {
      const [ours, reference] = [meanOf(pixels, region), meanOf(upright, region)];
      const difference = largestDifference(ours, reference);
      assert.ok(
        difference <= SAME_PHOTO_TOLERANCE,
        `${JSON.stringify(region)}: ${ours} vs ${reference}`,
      );
    }
  });

  it('sharp-full-transparent.png forced to JPEG is white, not black', async () => {
    const source = await readFile(pathOf('sharp-full-transparent.png'));

    const { bytes, mimeType } = await optimize(source, 'image/png', {
      width: 300,
      height: 300,
      format: 'jpeg',
    });

    assert.equal(mimeType, 'image/jpeg');
    assert.deepEqual(meanOf(await decodePixels(bytes)), [255, 255, 255]);
  });

  /**
   * The CMYK planes as decoded, turned into RGB by the plain formula (1 − C)(1 − K): no colour
   * profile, so not the exact colours, but never inverted. Measured against the profile-based
   * conversion, 5×5 block means differ by 18 per channel on average; an inverted image by 60.
   */
  async function plainCmykToRgb(path: string): Promise<Pixels> {
    const { data, info } = await sharp(path)
      .toColourspace('cmyk')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const rgb = Buffer.alloc(info.width * info.height * 3);
    for (let pixel = 0; pixel < info.width * info.height; pixel++) {
      const black = data[pixel * 4 + 3] ?? 0;
      for (let channel = 0; channel < 3; channel++) {
        const ink = data[pixel * 4 + channel] ?? 0;
        rgb[pixel * 3 + channel] = Math.round(((255 - ink) * (255 - black)) / 255);
      }
    }
    return { data: rgb, width: info.width, height: info.height, channels: 3 };
  }

  /** Mean of the per-channel differences between the 5×5 block means of two images. */
  function blockDifference(a: Pixels, b: Pixels): number {
    const blocks = 5;
    let total = 0;
    for (let row = 0; row < blocks; row++) {
      for (let column = 0; column < blocks; column++) {
        const x = Math.floor((column * a.width) / blocks);
        const y = Math.floor((row * a.height) / blocks);
        const region = {
          x,
          y,
          width: Math.floor(((column + 1) * a.width) / blocks) - x,
          height: Math.floor(((row + 1) * a.height) / blocks) - y,
        };
        const [meanA, meanB] = [meanOf(a, region), meanOf(b, region)];
        for (let channel = 0; channel < 3; channel++) {
          total += Math.abs((meanA[channel] ?? 0) - (meanB[channel] ?? 0));
        }
      }
    }
    return total / (blocks * blocks * 3);
  }

  it('the CMYK corpus JPEG comes out sRGB with its colours not inverted', async () => {
    const path = pathOf('sharp-Channel_digital_image_CMYK_color_no_profile.jpg');
    const source = await readFile(path);
    assert.equal((await sharp(source).metadata()).space, 'cmyk');

    const { bytes } = await optimize(source, 'image/jpeg', { width: 500, height: 333 });

    const written = await sharp(bytes).metadata();
    assert.deepEqual([written.space, written.channels, written.width], ['srgb', 3, 500]);
    const pixels = await decodePixels(bytes);
    const difference = blockDifference(pixels, await plainCmykToRgb(path));
    assert.ok(difference <= 30, `block means differ by ${difference.toFixed(1)} on average`);
    // The lawn at the lower left is green (inverted, it would be magenta).
    const [red = 0, green = 0, blue = 0] = meanOf(pixels, { x: 0, y: 200, width: 150, height: 60 });
    assert.ok(green - red >= 10 && green - blue >= 30, `the lawn is green: ${[red, green, blue]}`);
  });
});
