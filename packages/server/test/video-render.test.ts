import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeJpeg, makeWav, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { synthesizeSpeech } from '../src/render/speech.js';
import { wavDurationSeconds } from '../src/render/wav-duration.js';
import { findVoice } from '../src/video/voice-catalogue.js';
import { closeColor, maxVolumeDb, pixelAt, probeVideo } from './support/probe-video.js';
import {
  GUIDE_VOICE_ID,
  generateVideo,
  guideScene,
  uploadAsset,
  waitForVideo,
} from './support/video-api.js';

/** The guide's background colour, as RGB. */
const BACKGROUND_RGB = [32, 160, 64] as const;

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(() => server.close());

async function download(url: string, name: string): Promise<string> {
  const response = await fetch(url);
  assert.equal(response.status, 200, url);
  const path = join(server.workDir, name);
  await writeFile(path, new Uint8Array(await response.arrayBuffer()));
  return path;
}

describe("the guide's workflow (SPEC §9)", () => {
  test('renders a JPEG background, avatar and text voice into an H.264/AAC 1920×1080 MP4', async () => {
    const text = 'Welcome to the asset service. This video was rendered locally.';
    const jpeg = await makeJpeg({ width: 1280, height: 720, color: 'rgb(32,160,64)' });
    const backgroundId = await uploadAsset(server, 'image/jpeg', jpeg);

    const started = performance.now();
    const { status, body } = await generateVideo(server, {
      video_inputs: [guideScene(backgroundId, text)],
      dimension: { width: 1920, height: 1080 },
      callback_id: 'guide-1',
    });
    assert.equal(status, 200, JSON.stringify(body));
    const video = await waitForVideo(server, String(body.data?.video_id));
    const renderMs = performance.now() - started;

    assert.equal(video.status, 'completed', JSON.stringify(video.error));
    assert.equal(video.callback_id, 'guide-1');
    const path = await download(String(video.video_url), 'guide.mp4');
    const probed = await probeVideo(path);
    assert.equal(probed.videoCodec, 'h264');
    assert.equal(probed.audioCodec, 'aac');
    assert.deepEqual([probed.width, probed.height], [1920, 1080]);

    const synth = findVoice(GUIDE_VOICE_ID)?.synth;
    assert.ok(synth);
    const speech = await synthesizeSpeech(
      { text, voice: synth, speed: 1, pitchShift: 0 },
      server.workDir,
      'expected-speech',
      new AbortController().signal,
    );
    const speechSeconds = await wavDurationSeconds(speech);
    assert.ok(
      Math.abs(probed.durationSeconds - speechSeconds) <= 0.15,
      `${probed.durationSeconds} vs ${speechSeconds}`,
    );
    assert.ok(Math.abs((video.duration ?? 0) - speechSeconds) <= 0.05);
    assert.ok((await maxVolumeDb(path)) > -30, 'the speech is audible');
    assert.ok(closeColor(await pixelAt(path, 1, 20, 20, server.workDir), BACKGROUND_RGB));

    const thumbnail = await fetch(String(video.thumbnail_url));
    assert.equal(thumbnail.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual(
      [...new Uint8Array(await thumbnail.arrayBuffer()).subarray(0, 2)],
      [0xff, 0xd8],
    );
    server.server.app.log.info({ renderMs: Math.round(renderMs), speechSeconds }, 'guide render');
  });
});

describe('scene lengths', () => {
  test('makes an audio-voice scene as long as its audio', async () => {
    const audioId = await uploadAsset(
      server,
      'audio/wav',
      makeWav({ seconds: 2.5, sampleRate: 16000 }),
    );
    const scene = {
      character: { type: 'avatar', avatar_id: 'josh_lite3_20230714', avatar_style: 'circle' },
      voice: { type: 'audio', audio_asset_id: audioId },
      background: { type: 'color', value: '#336699' },
    };

    const { body } = await generateVideo(server, {
      video_inputs: [scene],
      dimension: { width: 640, height: 360 },
    });
    const video = await waitForVideo(server, String(body.data?.video_id));

    assert.equal(video.status, 'completed', JSON.stringify(video.error));
    const probed = await probeVideo(await download(String(video.video_url), 'audio.mp4'));
    assert.ok(Math.abs(probed.durationSeconds - 2.5) <= 0.1, String(probed.durationSeconds));
    assert.deepEqual([probed.width, probed.height], [640, 360]);
  });
});

describe('failures', () => {
  test('ends failed with renderer_missing when ffmpeg cannot be found, never stuck', async () => {
    const backgroundId = await uploadAsset(server, 'image/jpeg', await makeJpeg());
    const previous = process.env.FFMPEG_PATH;
    process.env.FFMPEG_PATH = join(server.workDir, 'no-such-ffmpeg');
    try {
      const { body } = await generateVideo(server, {
        video_inputs: [guideScene(backgroundId, 'Nothing will be heard.')],
        dimension: { width: 320, height: 180 },
      });
      const video = await waitForVideo(server, String(body.data?.video_id));

      assert.equal(video.status, 'failed');
      assert.equal(video.error?.code, 'renderer_missing');
      assert.match(video.error?.message ?? '', /FFMPEG_PATH/);
      assert.equal(video.video_url, null);
    } finally {
      if (previous === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = previous;
    }
  });
});
