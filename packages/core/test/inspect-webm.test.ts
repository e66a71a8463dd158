import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeWebm } from '@heygen-assets/testkit';
import { bufferSource, inspectMedia } from '../src/index.js';

const inspect = (bytes: Uint8Array) => inspectMedia(bufferSource(bytes));

/** The EBML ID of Info's Duration element (Matroska spec). */
const DURATION_ID = Buffer.from([0x44, 0x89]);

/**
 * A copy of an ffmpeg WebM whose DocType is `webm\0`, as some writers pad it: the element and the
 * EBML header (whose size ffmpeg writes as an 8-byte vint) each grow by one byte.
 */
function withNulPaddedDocType(webm: Buffer): Buffer {
  const docType = webm.indexOf(Buffer.from([0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]));
  assert.ok(docType > 0 && webm[4] === 0x01, 'an ffmpeg EBML header');
  const header = Buffer.from(webm.subarray(0, docType + 7));
  header[docType + 2] = 0x85;
  header.writeUInt32BE(header.readUInt32BE(8) + 1, 8);
  return Buffer.concat([header, Buffer.from([0]), webm.subarray(docType + 7)]);
}

test('reports size, duration, codecs and audio of a WebM', async () => {
  const facts = await inspect(await makeWebm({ seconds: 1, width: 160, height: 120 }));

  assert.equal(facts.mimeType, 'video/webm');
  assert.deepEqual([facts.width, facts.height], [160, 120]);
  assert.ok(Math.abs((facts.durationSeconds ?? 0) - 1) < 0.05, `${facts.durationSeconds} s`);
  assert.deepEqual(facts.codecs, ['vp8', 'opus']);
  assert.equal(facts.hasAudio, true);
});

test('measures a live-recorded WebM without Duration from its last cluster', async () => {
  const facts = await inspect(await makeWebm({ seconds: 2, live: true }));

  assert.ok(Math.abs((facts.durationSeconds ?? 0) - 2) < 0.1, `${facts.durationSeconds} s`);
});

test('measures a WebM written to a pipe, which has no Duration, from its clusters', async () => {
  const webm = await makeWebm({ seconds: 2, width: 64, height: 48, pipe: true });
  assert.ok(!webm.subarray(0, 400).includes(DURATION_ID));

  const facts = await inspect(webm);

  assert.deepEqual([facts.mimeType, facts.width, facts.height], ['video/webm', 64, 48]);
  assert.ok(Math.abs((facts.durationSeconds ?? 0) - 2) < 0.1, `${facts.durationSeconds} s`);
});

test('accepts a DocType padded with NUL bytes', async () => {
  const webm = withNulPaddedDocType(await makeWebm({ seconds: 0.5, width: 64, height: 48 }));

  assert.equal((await inspect(webm)).width, 64);
});

test('refuses Matroska by its DocType, naming it', async () => {
  const mkv = await makeWebm({ seconds: 0.5, docType: 'matroska' });

  await assert.rejects(inspect(mkv), { code: 'unsupported_media_type', message: /Matroska/ });
});

test('refuses an audio-only WebM as audio/webm', async () => {
  await assert.rejects(inspect(await makeWebm({ video: false })), {
    code: 'unsupported_media_type',
    message: /audio\/webm/,
  });
});

test('answers unsupported_codec for an audio-only WebM declared as video/webm', async () => {
  const webm = await makeWebm({ video: false });

  await assert.rejects(inspectMedia(bufferSource(webm), { declaredType: 'video/webm' }), {
    code: 'unsupported_codec',
  });
});

test('rejects a WebM cut short as incomplete', async () => {
  const webm = await makeWebm({ seconds: 1 });

  await assert.rejects(inspect(webm.subarray(0, webm.byteLength - 1000)), {
    code: 'incomplete_media',
  });
});
