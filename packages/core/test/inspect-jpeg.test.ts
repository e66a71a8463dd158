import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeJpeg, makeLosslessJpeg } from '@heygen-assets/testkit';
import { bufferSource, inspectMedia, MiB } from '../src/index.js';
import {
  exifSegment,
  insertAfterSoi,
  markerOffset,
  removeSegment,
  withFrameSize,
  withPatchedOrientation,
} from './support/jpeg-segments.js';
import { recordingSource, virtualSource } from './support/recording-source.js';

const inspect = (bytes: Uint8Array) => inspectMedia(bufferSource(bytes));

test('reports the size of a baseline JPEG', async () => {
  const facts = await inspect(await makeJpeg({ width: 64, height: 48 }));

  assert.deepEqual(facts, {
    mimeType: 'image/jpeg',
    fileType: 'image',
    sizeBytes: facts.sizeBytes,
    width: 64,
    height: 48,
    hasAlpha: false,
  });
});

test('reads the size of a progressive JPEG from its SOF2 frame header', async () => {
  const jpeg = await makeJpeg({ width: 33, height: 17, progressive: true });

  assert.ok(markerOffset(jpeg, 0xc2) > 0);
  assert.deepEqual(await inspect(jpeg), {
    mimeType: 'image/jpeg',
    fileType: 'image',
    sizeBytes: jpeg.byteLength,
    width: 33,
    height: 17,
    hasAlpha: false,
  });
});

test('accepts lossless and arithmetic-coded frame markers (SOF3, SOF9)', async () => {
  const jpeg = await makeJpeg({ width: 20, height: 10 });
  for (const marker of [0xc3, 0xc9]) {
    const patched = Buffer.from(jpeg);
    patched[markerOffset(jpeg, 0xc0) + 1] = marker;

    assert.deepEqual(await dimensions(patched), [20, 10]);
  }
});

test('reports dimensions as displayed for the quarter-turn EXIF orientations 5 to 8', async () => {
  for (const orientation of [5, 6, 7, 8] as const) {
    const jpeg = await makeJpeg({ width: 40, height: 30, orientation });

    assert.deepEqual(await dimensions(jpeg), [30, 40], `orientation ${orientation}`);
  }
});

test('swaps the displayed size when the EXIF orientation byte of a photo is patched to 6', async () => {
  const upright = await makeJpeg({ width: 40, height: 30, orientation: 1 });
  const rotated = withPatchedOrientation(upright, 6);

  assert.deepEqual(await dimensions(upright), [40, 30]);
  assert.deepEqual(await inspect(rotated), {
    mimeType: 'image/jpeg',
    fileType: 'image',
    sizeBytes: upright.byteLength,
    width: 30,
    height: 40,
    hasAlpha: false,
  });
});

test('accepts a lossless JPEG (SOF3) as ffmpeg writes it, reporting its size', async () => {
  const jpeg = await makeLosslessJpeg({ width: 36, height: 20 });
  assert.ok(markerOffset(jpeg, 0xc3) > 0);

  assert.deepEqual(await dimensions(jpeg), [36, 20]);
});

test('accepts a CMYK JPEG with four components and an Adobe segment', async () => {
  const jpeg = await makeJpeg({ width: 50, height: 30, cmyk: true });
  assert.ok(markerOffset(jpeg, 0xee) > 0);

  assert.deepEqual(await dimensions(jpeg), [50, 30]);
});

test('keeps the stored dimensions for EXIF orientations 1 to 4', async () => {
  for (const orientation of [1, 2, 3, 4] as const) {
    const jpeg = await makeJpeg({ width: 40, height: 30, orientation });

    assert.deepEqual(await dimensions(jpeg), [40, 30], `orientation ${orientation}`);
  }
});

test('reads the EXIF orientation in both byte orders', async () => {
  const jpeg = await makeJpeg({ width: 8, height: 2 });
  for (const byteOrder of ['II', 'MM'] as const) {
    const rotated = insertAfterSoi(jpeg, exifSegment(6, byteOrder));

    assert.deepEqual(await dimensions(rotated), [2, 8], byteOrder);
  }
});

test('ignores an out-of-range EXIF orientation', async () => {
  const jpeg = insertAfterSoi(await makeJpeg({ width: 8, height: 2 }), exifSegment(9, 'MM'));

  assert.deepEqual(await dimensions(jpeg), [8, 2]);
});

test('refuses a JPEG wider than 8192 pixels from its header', async () => {
  const jpeg = withFrameSize(await makeJpeg(), 8193, 10);

  await assert.rejects(inspect(jpeg), { code: 'image_too_large', message: /8193×10/ });
});

test('refuses a JPEG over 40 megapixels even when each side is within 8192', async () => {
  const jpeg = withFrameSize(await makeJpeg(), 8000, 6000);

  await assert.rejects(inspect(jpeg), { code: 'image_too_large', message: /48\.0 megapixels/ });
});

test('refuses an oversized JPEG before looking for its end, so a bomb costs one header', async () => {
  const header = withFrameSize(await makeJpeg(), 20000, 14000);
  const scanStart = markerOffset(header, 0xda);
  const source = recordingSource(
    virtualSource(40 * MiB, header.subarray(0, scanStart + 20), undefined, 0x11),
  );

  await assert.rejects(inspectMedia(source), { code: 'image_too_large' });
  assert.ok(source.bytesRequested() < 1 * MiB, `${source.bytesRequested()} bytes requested`);
});

test('accepts the image limits given as options', async () => {
  const jpeg = await makeJpeg({ width: 64, height: 48 });

  await assert.rejects(inspectMedia(bufferSource(jpeg), { imageLimits: { maxDimensionPx: 50 } }), {
    code: 'image_too_large',
  });
  await assert.rejects(inspectMedia(bufferSource(jpeg), { imageLimits: { maxPixels: 3000 } }), {
    code: 'image_too_large',
  });
});

test('rejects a JPEG cut short before its end-of-image marker', async () => {
  const jpeg = await makeJpeg();

  await assert.rejects(inspect(jpeg.subarray(0, jpeg.byteLength - 2)), {
    code: 'corrupt_media',
    message: /end-of-image/,
  });
});

test('rejects a JPEG cut short inside its header segments', async () => {
  const jpeg = await makeJpeg();

  await assert.rejects(inspect(jpeg.subarray(0, markerOffset(jpeg, 0xc0) + 5)), {
    code: 'corrupt_media',
  });
});

test('rejects a JPEG without a frame header', async () => {
  const jpeg = removeSegment(await makeJpeg(), 0xc0);

  await assert.rejects(inspect(jpeg), { code: 'corrupt_media', message: /frame header/ });
});

test('rejects a frame header with zero width', async () => {
  const jpeg = withFrameSize(await makeJpeg(), 0, 10);

  await assert.rejects(inspect(jpeg), { code: 'corrupt_media', message: /width is 0/ });
});

test('rejects a segment whose length runs past the end of the file', async () => {
  const jpeg = Buffer.from(await makeJpeg());
  const offset = markerOffset(jpeg, 0xdb);
  jpeg.writeUInt16BE(0xffff, offset + 2);

  await assert.rejects(inspect(jpeg.subarray(0, offset + 100)), { code: 'corrupt_media' });
});

test('accepts data after the first end-of-image marker (gain maps, MPF images)', async () => {
  const primary = await makeJpeg({ width: 30, height: 20 });
  const gainMap = await makeJpeg({ width: 15, height: 10 });

  assert.deepEqual(await dimensions(Buffer.concat([primary, gainMap])), [30, 20]);
});

test('treats stuffed FF 00 bytes and restart markers in the scan as image data', async () => {
  const jpeg = await makeJpeg();
  const scanStart = markerOffset(jpeg, 0xda);
  const scanHeaderLength = 2 + jpeg.readUInt16BE(scanStart + 2);
  const headers = jpeg.subarray(0, scanStart + scanHeaderLength);
  const scan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xff, 0xd9]);

  assert.deepEqual(await dimensions(Buffer.concat([headers, scan])), [320, 240]);
});

test('finds the end of a 40 MiB scan reading it in bounded chunks', async () => {
  const jpeg = await makeJpeg({ width: 100, height: 100 });
  const scanStart = markerOffset(jpeg, 0xda);
  const headers = jpeg.subarray(0, scanStart + 2 + jpeg.readUInt16BE(scanStart + 2));
  const source = recordingSource(virtualSource(40 * MiB, headers, Buffer.from([0xff, 0xd9]), 0x5a));

  const facts = await inspectMedia(source);

  assert.equal(facts.width, 100);
  assert.ok(source.largestRead() <= 256 * 1024, `largest read ${source.largestRead()}`);
});

async function dimensions(jpeg: Uint8Array): Promise<[number | undefined, number | undefined]> {
  const facts = await inspect(jpeg);
  return [facts.width, facts.height];
}
