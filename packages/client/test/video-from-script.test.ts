import assert from 'node:assert/strict';
import { open, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inspectMedia } from '@heygen-assets/core';
import {
  makeJpeg,
  makeMp4,
  makePng,
  makeWav,
  startTestServer,
  type TestServer,
} from '@heygen-assets/testkit';
import {
  DEFAULT_AVATAR_ID,
  DEFAULT_VOICE_ID,
  HeygenAssets,
  MemoryAssetIdCache,
  type ScriptRole,
} from '../src/index.js';
import { fileByteSource } from '../src/source/file-byte-source.js';
import { requestsLogged } from './support/server-log.js';

let server: TestServer;
let client: HeygenAssets;

before(async () => {
  server = await startTestServer();
  client = new HeygenAssets({
    apiKey: server.apiKey,
    baseUrl: server.url,
    cache: new MemoryAssetIdCache(),
  });
});

after(() => server.close());

/** Writes a fixture into the server's scratch directory and returns its path. */
async function fixture(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(server.workDir, name);
  await writeFile(path, bytes);
  return path;
}

/** Upload URLs asked for so far: one per file actually uploaded. */
function uploadsStarted(): number {
  return requestsLogged(server, 'POST', '/v1/asset');
}

describe('fromScript', () => {
  test('turns a background file and a script into an MP4 file in one call', async () => {
    const background = await fixture('bg.jpg', await makeJpeg({ width: 640, height: 360 }));
    const out = join(server.workDir, 'hello.mp4');
    const uploads: Array<[ScriptRole, string, string]> = [];
    const statuses: string[] = [];
    let generatedId = '';

    const result = await client.videos.fromScript({
      background,
      script: 'Hello',
      dimension: { width: 320, height: 180 },
      title: 'one call',
      out,
      onUpload: (role, path, asset) => uploads.push([role, path, asset.mimeType]),
      onGenerated: (videoId) => {
        generatedId = videoId;
      },
      onStatus: (video) => statuses.push(video.status),
    });

    assert.deepEqual(uploads, [['background', background, 'image/jpeg']]);
    assert.equal(result.videoId, generatedId);
    assert.equal(result.video.status, 'completed');
    assert.equal(result.video.title, 'one call');
    assert.equal(result.path, out);
    assert.equal(statuses.at(-1), 'completed');

    const handle = await open(out, 'r');
    const { size } = await handle.stat();
    const facts = await inspectMedia(fileByteSource(handle, size)).finally(() => handle.close());
    assert.equal(result.sizeBytes, size);
    assert.equal(facts.mimeType, 'video/mp4');
    assert.deepEqual(facts.codecs, ['h264', 'aac']);
    assert.deepEqual([facts.width, facts.height], [320, 180]);
    assert.ok(Math.abs((facts.durationSeconds ?? 0) - (result.video.duration ?? 0)) <= 0.1);
  });

  test('uploads a background it has already uploaded only once (uploadFile and its cache)', async () => {
    const background = await fixture('cached.jpg', await makeJpeg({ color: '#884422' }));
    const parts = { background, script: 'Hi' };
    const before = uploadsStarted();

    const first = await client.videos.requestFromScript(parts);
    const second = await client.videos.requestFromScript(parts);

    assert.equal(uploadsStarted() - before, 1);
    assert.deepEqual(second, first);
    const assetId = /"image_asset_id":"([0-9a-f]{32})"/.exec(JSON.stringify(first))?.[1] ?? '';
    assert.equal((await client.get(assetId)).name, 'cached.jpg');
    assert.deepEqual(first, {
      video_inputs: [
        {
          character: { type: 'avatar', avatar_id: DEFAULT_AVATAR_ID },
          voice: { type: 'text', voice_id: DEFAULT_VOICE_ID, input_text: 'Hi' },
          background: { type: 'image', image_asset_id: assetId },
        },
      ],
    });
  });

  test('makes a talking-photo video from a photo and an audio file, as long as the audio', async () => {
    const photo = await fixture('me.png', await makePng({ width: 96, height: 96 }));
    const audio = await fixture('voice.wav', makeWav({ seconds: 1.5 }));
    const roles: ScriptRole[] = [];

    const body = await client.videos.requestFromScript({
      background: '#336699',
      photo,
      audio,
      dimension: { width: 128, height: 128 },
      onUpload: (role) => roles.push(role),
    });
    assert.deepEqual(roles, ['photo', 'audio']);
    const [only] = body.video_inputs;
    assert.equal(only?.character.type, 'talking_photo');
    assert.equal(only?.voice.type, 'audio');
    assert.deepEqual(only?.background, { type: 'color', value: '#336699' });
    assert.deepEqual(body.dimension, { width: 128, height: 128 });

    const { videoId } = await client.videos.generate(body);
    const video = await client.videos.wait(videoId, { firstPollDelayMs: 100 });
    assert.ok(Math.abs((video.duration ?? 0) - 1.5) <= 0.1, `duration ${video.duration}`);
  });

  test('reads the type of a background given by asset id: a video asset is a video background', async () => {
    const clip = await client.uploadFile(await makeMp4({ seconds: 1, width: 160, height: 120 }));

    const body = await client.videos.requestFromScript({
      background: clip.assetId,
      playStyle: 'freeze',
      fit: 'contain',
      audio: clip.assetId,
      avatarId: 'leo_casual_20240301',
    });

    assert.deepEqual(body.video_inputs, [
      {
        character: { type: 'avatar', avatar_id: 'leo_casual_20240301' },
        voice: { type: 'audio', audio_asset_id: clip.assetId },
        background: {
          type: 'video',
          video_asset_id: clip.assetId,
          play_style: 'freeze',
          fit: 'contain',
        },
      },
    ]);
  });

  test('refuses before uploading anything what cannot work', async () => {
    const audio = await fixture('not-a-background.wav', makeWav({ seconds: 1 }));
    const photo = await fixture('photo.jpg', await makeJpeg());
    const before = uploadsStarted();

    await assert.rejects(client.videos.requestFromScript({ background: audio, script: 'Hi' }), {
      code: 'asset_not_usable',
      param: 'background',
      message: `background: ${audio} is audio, not image or video.`,
    });
    await assert.rejects(
      client.videos.fromScript({ background: photo, photo: audio, script: 'Hi' }),
      { code: 'asset_not_usable', message: `photo: ${audio} is audio, not image.` },
    );
    await assert.rejects(client.videos.fromScript({ background: photo, script: 'Hi', audio }), {
      code: 'invalid_request',
      param: 'script',
    });
    await assert.rejects(client.videos.fromScript({ background: photo }), {
      code: 'invalid_request',
      param: 'script',
    });
    await assert.rejects(
      client.videos.fromScript({ background: photo, script: 'Hi', photo, avatarId: 'x' }),
      { code: 'invalid_request', param: 'avatarId' },
    );
    await assert.rejects(
      client.videos.fromScript({
        background: photo,
        script: 'Hi',
        dimension: { width: 1920, height: 1081 },
      }),
      { code: 'invalid_request', param: 'dimension.height' },
    );
    await assert.rejects(
      client.videos.fromScript({ background: join(server.workDir, 'missing.jpg'), script: 'Hi' }),
      {
        name: 'LocalFileError',
        code: 'file_not_found',
        role: 'background',
        message: `background: ${join(server.workDir, 'missing.jpg')}: no such file.`,
      },
    );

    assert.equal(uploadsStarted(), before);
    assert.ok(!(await readdir(server.workDir)).some((name) => name.endsWith('.part')));
  });
});
