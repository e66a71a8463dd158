import assert from 'node:assert/strict';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeJpeg, startTestServer, type TestServer } from '@heygen-assets/testkit';
import {
  generateVideo,
  guideScene,
  uploadAsset,
  videoStatus,
  waitForVideo,
} from './support/video-api.js';

const servers: TestServer[] = [];

after(async () => {
  for (const server of servers.reverse()) await server.close();
});

async function started(options: { dataDir?: string } = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

/** Runs `body` with an environment variable set, restoring it afterwards. */
async function withEnvironment(name: string, value: string, body: () => Promise<void>) {
  const previous = process.env[name];
  process.env[name] = value;
  try {
    await body();
  } finally {
    if (previous === undefined) delete process.env[name];
    else process.env[name] = previous;
  }
}

describe('renders that fail', () => {
  test('ends failed with render_failed and the tool output when ffmpeg crashes', async () => {
    const server = await started();
    const backgroundId = await uploadAsset(server, 'image/jpeg', await makeJpeg());
    const crashing = join(server.workDir, 'crashing-ffmpeg');
    await writeFile(crashing, '#!/bin/sh\necho "simulated encoder crash" >&2\nexit 134\n');
    await chmod(crashing, 0o755);

    await withEnvironment('FFMPEG_PATH', crashing, async () => {
      const { body } = await generateVideo(server, {
        video_inputs: [guideScene(backgroundId, 'This render will crash.')],
        dimension: { width: 320, height: 180 },
      });
      const video = await waitForVideo(server, String(body.data?.video_id));

      assert.equal(video.status, 'failed');
      assert.equal(video.error?.code, 'render_failed');
      assert.match(video.error?.message ?? '', /crashing-ffmpeg exited with status 134/);
      assert.match(video.error?.detail ?? '', /simulated encoder crash/);
      assert.equal(video.thumbnail_url, null);
    });
  });

  test('ends failed with renderer_missing naming eSpeak NG when it is not installed', async () => {
    const server = await started();
    const backgroundId = await uploadAsset(server, 'image/jpeg', await makeJpeg());

    await withEnvironment('ESPEAK_NG_PATH', join(server.workDir, 'no-espeak'), async () => {
      const { body } = await generateVideo(server, {
        video_inputs: [guideScene(backgroundId)],
        dimension: { width: 320, height: 180 },
      });
      const video = await waitForVideo(server, String(body.data?.video_id));

      assert.equal(video.status, 'failed');
      assert.equal(video.error?.code, 'renderer_missing');
      assert.match(video.error?.message ?? '', /apt-get install espeak-ng/);
    });
  });
});

describe('a restart mid-render', () => {
  test('renders the video again after the server comes back', async () => {
    const first = await started();
    const backgroundId = await uploadAsset(first, 'image/jpeg', await makeJpeg());
    const scene = { ...guideScene(backgroundId), voice: { type: 'silence', duration: 40 } };
    const { body } = await generateVideo(first, { video_inputs: [scene] });
    const videoId = String(body.data?.video_id);
    for (;;) {
      const { body: status } = await videoStatus(first, videoId);
      if (status.data.status === 'processing') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    await first.stop();
    const second = await started({ dataDir: first.dataDir });
    const video = await waitForVideo(second, videoId, 180_000);

    assert.equal(video.status, 'completed', JSON.stringify(video.error));
    assert.ok(Math.abs((video.duration ?? 0) - 40) < 0.01);
  });
});
