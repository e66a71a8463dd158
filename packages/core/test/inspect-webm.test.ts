import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeWebm } from '@heygen-assets/testkit';
import { bufferSource, inspectMedia } from '../src/index.js';

const inspect = (bytes: Uint8Array) => inspectMedia(bufferSource(bytes));

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
