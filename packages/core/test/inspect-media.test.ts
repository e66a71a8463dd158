import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeJpeg, makePng, makeWav } from '@heygen-assets/testkit';
import {
  type ByteSource,
  bufferSource,
  inspectMedia,
  MediaRejectedError,
  MiB,
} from '../src/index.js';
import { recordingSource, virtualSource } from './support/recording-source.js';

test('rejects an empty body as missing content', async () => {
  await assert.rejects(inspectMedia(bufferSource(new Uint8Array(0))), {
    name: 'MediaRejectedError',
    code: 'missing_content',
    status: 400,
  });
});

test('names both types when the declared type differs from the bytes', async () => {
  const png = await makePng();

  await assert.rejects(inspectMedia(bufferSource(png), { declaredType: 'image/jpeg' }), {
    code: 'content_type_mismatch',
    status: 415,
    message:
      'The bytes are image/png but the upload declared image/jpeg: send Content-Type image/png ' +
      'or upload a JPEG file.',
  });
});

test('accepts a file whose declared type matches its bytes', async () => {
  const facts = await inspectMedia(bufferSource(makeWav()), { declaredType: 'audio/wav' });

  assert.equal(facts.mimeType, 'audio/wav');
});

test('refuses a recognised type by name before comparing it with the declared type', async () => {
  const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');

  await assert.rejects(inspectMedia(bufferSource(gif), { declaredType: 'image/png' }), {
    code: 'unsupported_media_type',
    message: /image\/gif/,
  });
});

test('reports a type mismatch before checking the structure', async () => {
  const corruptPng = (await makePng()).subarray(0, 100);

  await assert.rejects(inspectMedia(bufferSource(corruptPng), { declaredType: 'image/jpeg' }), {
    code: 'content_type_mismatch',
  });
});

test('shows the first bytes in hex when the type is unknown', async () => {
  const bytes = Buffer.from([0x00, 0x01, 0x02, 0xfe, 0x7f, 0x10, 0x20, 0x30]);

  await assert.rejects(inspectMedia(bufferSource(bytes)), {
    code: 'unsupported_media_type',
    message: /start with 00 01 02 FE 7F 10 20 30/,
  });
});

test('names an unsupported type that only file-type recognises', async () => {
  const zip = Buffer.concat([
    Buffer.from('PK\x03\x04\x14\x00\x00\x00\x00\x00', 'latin1'),
    Buffer.alloc(40),
  ]);

  await assert.rejects(inspectMedia(bufferSource(zip)), {
    code: 'unsupported_media_type',
    message: /application\/zip/,
  });
});

test('refuses a file over its type limit before inspecting its structure', async () => {
  const png = await makePng();
  const source = recordingSource(virtualSource(50 * MiB + 1, png));

  await assert.rejects(inspectMedia(source), {
    code: 'file_too_large',
    status: 413,
    message: /50\.0 MiB limit for image\/png/,
  });
  assert.equal(source.reads.length, 1);
});

test('applies size limits given as options', async () => {
  const jpeg = await makeJpeg();

  await assert.rejects(inspectMedia(bufferSource(jpeg), { maxBytes: { 'image/jpeg': 100 } }), {
    code: 'file_too_large',
  });
  assert.equal(
    (await inspectMedia(bufferSource(jpeg), { maxBytes: { 'image/png': 100 } })).width,
    320,
  );
});

test('works with a source that returns short reads', async () => {
  const jpeg = await makeJpeg({ width: 10, height: 5 });
  const inner = bufferSource(jpeg);
  const trickle: ByteSource = {
    size: inner.size,
    read: (offset, length) => inner.read(offset, Math.min(length, 7)),
  };

  const facts = await inspectMedia(trickle);

  assert.deepEqual([facts.width, facts.height], [10, 5]);
});

test('passes errors of the source through instead of calling the file corrupt', async () => {
  const failing: ByteSource = {
    size: 1000,
    read: async () => {
      throw new Error('disk on fire');
    },
  };

  await assert.rejects(inspectMedia(failing), (error: Error) => {
    assert.ok(!(error instanceof MediaRejectedError));
    assert.equal(error.message, 'disk on fire');
    return true;
  });
});
