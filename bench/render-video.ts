/**
 * Render benchmark (issue 6, "done when" 5): one 30-second 1920×1080 scene — a JPEG background,
 * the guide's avatar card and 30 s of voice — rendered by a real server through
 * `POST /v2/video/generate`, timed from the request to `completed`. Reports the render time as
 * a ratio to realtime (below 1 renders faster than the video plays). Informational: no target.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer } from '@heygen-assets/server';
import { makeJpeg, makeTempDir, makeWav } from '@heygen-assets/testkit';
import { median } from './median.js';
import { textTable } from './text-table.js';

/** Length of the benchmarked scene, in seconds. */
const SCENE_SECONDS = 30;

/** Longest one render may take before the benchmark gives up, in milliseconds. */
const RENDER_TIMEOUT_MS = 10 * 60_000;

const API_KEY = 'bench-render-key';

interface RenderOptions {
  runs: number;
  signal: AbortSignal;
}

export async function benchRenderVideo({ runs, signal }: RenderOptions): Promise<boolean> {
  const dataDir = await makeTempDir('heygen-assets-bench-render-');
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: join(dataDir, 'data'),
    apiKey: API_KEY,
    logLevel: 'warn',
  });
  try {
    const background = await upload(
      server.url,
      'image/jpeg',
      await makeJpeg({ width: 1920, height: 1080 }),
    );
    const voice = await upload(server.url, 'audio/wav', makeWav({ seconds: SCENE_SECONDS }));
    const seconds: number[] = [];
    for (let run = 0; run < runs && !signal.aborted; run++) {
      seconds.push(await timeRender(server.url, background, voice));
    }
    signal.throwIfAborted();

    const renderSeconds = median(seconds);
    console.log(
      textTable([
        ['render (30 s, 1920×1080)', 'median s', 'ratio to realtime'],
        ['guide scene', renderSeconds.toFixed(2), (renderSeconds / SCENE_SECONDS).toFixed(3)],
      ]),
    );
    return true;
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function upload(baseUrl: string, contentType: string, bytes: Uint8Array): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/asset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ content_type: contentType }),
  });
  const { data } = (await response.json()) as { data: { url: string; asset_id: string } };
  const put = await fetch(data.url, { method: 'PUT', body: bytes });
  if (put.status !== 200) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
  return data.asset_id;
}

/** Seconds from the generate request to a completed video. */
async function timeRender(baseUrl: string, backgroundId: string, voiceId: string) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/v2/video/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({
      video_inputs: [
        {
          character: { type: 'avatar', avatar_id: 'josh_lite3_20230714' },
          voice: { type: 'audio', audio_asset_id: voiceId },
          background: { type: 'image', image_asset_id: backgroundId },
        },
      ],
      dimension: { width: 1920, height: 1080 },
    }),
  });
  const { data } = (await response.json()) as { data: { video_id: string } };

  while (performance.now() - started < RENDER_TIMEOUT_MS) {
    const status = await fetch(`${baseUrl}/v1/video_status.get?video_id=${data.video_id}`, {
      headers: { 'x-api-key': API_KEY },
    });
    const { data: video } = (await status.json()) as { data: { status: string; error: unknown } };
    if (video.status === 'completed') return (performance.now() - started) / 1000;
    if (video.status === 'failed') throw new Error(`render failed: ${JSON.stringify(video.error)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`render not done after ${RENDER_TIMEOUT_MS / 1000} s`);
}
