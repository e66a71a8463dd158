import assert from 'node:assert/strict';
import { chmod, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '@heygen-assets/testkit';
import {
  avatar,
  colorBackground,
  HeygenAssets,
  scene,
  silence,
  TimeoutError,
  VIDEO_POLL_FIRST_DELAY_MS,
  VideoFailedError,
  VideoWaitTimeoutError,
  videoRequest,
} from '../src/index.js';

let server: TestServer;
let client: HeygenAssets;

before(async () => {
  server = await startTestServer();
  client = new HeygenAssets({ apiKey: server.apiKey, baseUrl: server.url, cache: false });
});

after(() => server.close());

/** A small one-scene body that needs ffmpeg and nothing else (no speech, no asset). */
const SILENT_BODY = videoRequest(
  scene({
    character: avatar('josh_lite3_20230714'),
    voice: silence(1),
    background: colorBackground('#204060'),
  }),
  { dimension: { width: 128, height: 128 } },
);

/** An executable script in the server's scratch directory. */
async function script(name: string, text: string): Promise<string> {
  const path = join(server.workDir, name);
  await writeFile(path, `#!/bin/sh\n${text}\n`);
  await chmod(path, 0o755);
  return path;
}

/**
 * Runs `body` with the server rendering through `ffmpeg` (the server looks the tool up at every
 * render, through `FFMPEG_PATH` first), restoring the variable afterwards.
 */
async function withFfmpeg(ffmpeg: string, body: () => Promise<void>): Promise<void> {
  const previous = process.env.FFMPEG_PATH;
  process.env.FFMPEG_PATH = ffmpeg;
  try {
    await body();
  } finally {
    if (previous === undefined) delete process.env.FFMPEG_PATH;
    else process.env.FFMPEG_PATH = previous;
  }
}

describe('a render that fails', () => {
  test('wait rejects with VideoFailedError carrying the code, message and detail', async () => {
    const crashing = await script(
      'crashing-ffmpeg',
      'echo "simulated encoder crash" >&2\nexit 134',
    );

    await withFfmpeg(crashing, async () => {
      const { videoId } = await client.videos.generate(SILENT_BODY);
      const statuses: string[] = [];
      const waited = client.videos.wait(videoId, {
        firstPollDelayMs: 50,
        onStatus: (video) => statuses.push(video.status),
      });

      await assert.rejects(waited, (error) => {
        assert.ok(error instanceof VideoFailedError);
        assert.equal(error.code, 'render_failed');
        assert.equal(error.videoId, videoId);
        assert.match(error.serverMessage, /crashing-ffmpeg exited with status 134/);
        assert.match(error.detail, /simulated encoder crash/);
        assert.equal(error.video.status, 'failed');
        assert.equal(error.video.videoUrl, null);
        assert.equal(
          error.message,
          `Video ${videoId} failed with render_failed: ${error.serverMessage}`,
        );
        return true;
      });
      assert.equal(statuses.at(-1), 'failed');

      await assert.rejects(client.videos.download(videoId, join(server.workDir, 'x.mp4')), {
        name: 'VideoFailedError',
        code: 'render_failed',
      });
      assert.ok(!(await readdir(server.workDir)).includes('x.mp4'));
    });
  });
});

describe('a render that takes too long', () => {
  test('wait gives up at its timeout with VideoWaitTimeoutError, a TimeoutError', async () => {
    // ffmpeg that never finishes: the server kills it when it closes.
    const stuck = await script('stuck-ffmpeg', 'exec sleep 60');

    await withFfmpeg(stuck, async () => {
      const { videoId } = await client.videos.generate(SILENT_BODY);
      const timeoutMs = 700;
      const started = performance.now();
      const waited = client.videos.wait(videoId, { timeoutMs, firstPollDelayMs: 100 });

      await assert.rejects(waited, (error) => {
        const elapsedMs = performance.now() - started;
        assert.ok(error instanceof VideoWaitTimeoutError);
        assert.ok(error instanceof TimeoutError);
        assert.equal(error.code, 'timeout');
        assert.equal(error.timeoutMs, timeoutMs);
        assert.equal(error.videoId, videoId);
        assert.ok(['pending', 'processing'].includes(error.video.status), error.video.status);
        assert.match(error.message, new RegExp(`^Video ${videoId} was still \\w+ after 700 ms`));
        assert.ok(elapsedMs >= timeoutMs, `gave up after ${elapsedMs} ms`);
        assert.ok(
          elapsedMs < timeoutMs + VIDEO_POLL_FIRST_DELAY_MS,
          `gave up after ${elapsedMs} ms`,
        );
        return true;
      });
      assert.equal((await client.videos.status(videoId)).status, 'processing');
    });
  });

  test('an abort ends the wait at once with the signal reason', async () => {
    const { videoId } = await client.videos.generate(SILENT_BODY);
    const controller = new AbortController();
    const reason = new Error('no longer wanted');
    setTimeout(() => controller.abort(reason), 150);
    const started = performance.now();

    await assert.rejects(
      client.videos.wait(videoId, { signal: controller.signal, firstPollDelayMs: 5000 }),
      (error) => error === reason,
    );
    assert.ok(performance.now() - started < 1000);
  });
});
