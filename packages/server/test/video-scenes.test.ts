import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { ffmpegPath, makeJpeg, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { closeColor, pixelAt, probeVideo } from './support/probe-video.js';
import { generateVideo, uploadAsset, waitForVideo } from './support/video-api.js';

const execFileAsync = promisify(execFile);

const SMALL = { width: 640, height: 360 };
const RED = [255, 0, 0] as const;
const BLUE = [0, 0, 255] as const;

/** A small avatar tucked into the bottom-right corner, leaving the frame's middle clear. */
const CORNER_AVATAR = {
  type: 'avatar',
  avatar_id: 'josh_lite3_20230714',
  scale: 0.2,
  offset: { x: 1, y: 1 },
};

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(() => server.close());

async function renderToFile(body: Record<string, unknown>, name: string): Promise<string> {
  const { status, body: answer } = await generateVideo(server, { dimension: SMALL, ...body });
  assert.equal(status, 200, JSON.stringify(answer));
  const video = await waitForVideo(server, String(answer.data?.video_id));
  assert.equal(video.status, 'completed', JSON.stringify(video.error));
  const response = await fetch(String(video.video_url));
  const path = join(server.workDir, name);
  await writeFile(path, new Uint8Array(await response.arrayBuffer()));
  return path;
}

function silence(seconds: number) {
  return { type: 'silence', duration: seconds };
}

/** A 1-second H.264 MP4: red for its first half, blue for its second. */
async function redThenBlueMp4(): Promise<Buffer> {
  const path = join(server.workDir, 'red-blue.mp4');
  const half = (color: string) => `color=c=${color}:s=320x180:r=25:d=0.5`;
  await execFileAsync(ffmpegPath(), [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    half('red'),
    '-f',
    'lavfi',
    '-i',
    half('blue'),
    '-filter_complex',
    '[0:v][1:v]concat=n=2:v=1[v]',
    '-map',
    '[v]',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    '-y',
    path,
  ]);
  return readFile(path);
}

describe('scenes', () => {
  test('joins three scenes in the order given, each as long as its voice', async () => {
    const colors = ['#ff0000', '#00ff00', '#0000ff'];
    const path = await renderToFile(
      {
        video_inputs: colors.map((value) => ({
          character: CORNER_AVATAR,
          voice: silence(1),
          background: { type: 'color', value },
        })),
      },
      'three.mp4',
    );

    const probed = await probeVideo(path);
    assert.ok(Math.abs(probed.durationSeconds - 3) <= 0.1, String(probed.durationSeconds));
    const expected = [RED, [0, 255, 0], BLUE];
    for (const [index, rgb] of expected.entries()) {
      const pixel = await pixelAt(path, index + 0.5, 100, 100, server.workDir);
      assert.ok(closeColor(pixel, rgb, 24), `scene ${index}: ${pixel}`);
    }
  });

  test('shows a talking photo at the requested scale, centred', async () => {
    const photoId = await uploadAsset(
      server,
      'image/jpeg',
      await makeJpeg({ width: 400, height: 600, color: '#ff0000' }),
    );
    const path = await renderToFile(
      {
        video_inputs: [
          {
            character: { type: 'talking_photo', talking_photo_id: photoId, scale: 0.5 },
            voice: silence(1),
            background: { type: 'color', value: '#0000ff' },
          },
        ],
      },
      'photo.mp4',
    );

    // Scale 0.5 fits the 2:3 photo in a 320×180 box: 120×180 px, centred at (320, 180).
    const at = (x: number, y: number) => pixelAt(path, 0.5, x, y, server.workDir);
    assert.ok(closeColor(await at(320, 180), RED, 24), 'centre');
    assert.ok(closeColor(await at(320, 100), RED, 24), 'inside the top edge');
    assert.ok(closeColor(await at(320, 80), BLUE, 24), 'above the photo');
    assert.ok(closeColor(await at(266, 180), RED, 24), 'inside the left edge');
    assert.ok(closeColor(await at(250, 180), BLUE, 24), 'left of the photo');
  });
});

describe('image backgrounds by fit', () => {
  const BLACK = [0, 0, 0] as const;

  async function pixelsWithFit(imageId: string, fit: string, points: readonly [number, number][]) {
    const path = await renderToFile(
      {
        video_inputs: [
          {
            character: CORNER_AVATAR,
            voice: silence(1),
            background: { type: 'image', image_asset_id: imageId, fit },
          },
        ],
      },
      `fit-${fit}.mp4`,
    );
    return Promise.all(points.map(([x, y]) => pixelAt(path, 0.5, x, y, server.workDir)));
  }

  test('cover fills the frame, contain letterboxes a wider image', async () => {
    const wide = await makeJpeg({ width: 800, height: 400, color: '#ff0000' });
    const imageId = await uploadAsset(server, 'image/jpeg', wide);

    const [coverTop] = await pixelsWithFit(imageId, 'cover', [[320, 5]]);
    const [containTop, containMiddle] = await pixelsWithFit(imageId, 'contain', [
      [320, 5],
      [320, 180],
    ]);

    assert.ok(closeColor(coverTop ?? [], RED, 24), `cover: ${coverTop}`);
    // 2:1 in a 16:9 frame: 640×320, with 20-pixel bars above and below.
    assert.ok(closeColor(containTop ?? [], BLACK, 24), `contain bar: ${containTop}`);
    assert.ok(closeColor(containMiddle ?? [], RED, 24), `contain middle: ${containMiddle}`);
  });

  test('none keeps the image at its pixel size, centred', async () => {
    const small = await makeJpeg({ width: 100, height: 100, color: '#ff0000' });
    const imageId = await uploadAsset(server, 'image/jpeg', small);

    const [centre, outside] = await pixelsWithFit(imageId, 'none', [
      [320, 180],
      [320, 100],
    ]);

    assert.ok(closeColor(centre ?? [], RED, 24), `centre: ${centre}`);
    assert.ok(closeColor(outside ?? [], BLACK, 24), `outside: ${outside}`);
  });
});

describe('the files host for videos', () => {
  test('serves ranges and HEAD of the MP4, and 404 for an unknown video', async () => {
    const { body } = await generateVideo(server, {
      video_inputs: [{ character: CORNER_AVATAR, voice: silence(1) }],
      dimension: SMALL,
    });
    const video = await waitForVideo(server, String(body.data?.video_id));
    const url = String(video.video_url);

    const head = await fetch(url, { method: 'HEAD' });
    const range = await fetch(url, { headers: { range: 'bytes=0-7' } });
    const unknown = await fetch(`${server.url}/video/${'0'.repeat(32)}.mp4`);

    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), 'video/mp4');
    const size = Number(head.headers.get('content-length'));
    assert.ok(size > 1000);
    assert.equal(range.status, 206);
    assert.equal(range.headers.get('content-range'), `bytes 0-7/${size}`);
    const bytes = new Uint8Array(await range.arrayBuffer());
    assert.equal(Buffer.from(bytes.subarray(4, 8)).toString('latin1'), 'ftyp');
    assert.equal(unknown.status, 404);
  });
});

describe('video backgrounds by play_style', () => {
  let videoId: string;

  before(async () => {
    videoId = await uploadAsset(server, 'video/mp4', await redThenBlueMp4());
  });

  async function colorsAt(playStyle: string, times: readonly number[]) {
    const path = await renderToFile(
      {
        video_inputs: [
          {
            character: CORNER_AVATAR,
            voice: silence(2),
            background: { type: 'video', video_asset_id: videoId, play_style: playStyle },
          },
        ],
      },
      `${playStyle}.mp4`,
    );
    const probed = await probeVideo(path);
    assert.ok(Math.abs(probed.durationSeconds - 2) <= 0.1, String(probed.durationSeconds));
    return Promise.all(times.map((time) => pixelAt(path, time, 100, 100, server.workDir)));
  }

  test('loop starts the video again when it ends', async () => {
    const [first, second, again] = await colorsAt('loop', [0.2, 0.8, 1.2]);
    assert.ok(closeColor(first ?? [], RED, 40), `0.2 s: ${first}`);
    assert.ok(closeColor(second ?? [], BLUE, 40), `0.8 s: ${second}`);
    assert.ok(closeColor(again ?? [], RED, 40), `1.2 s: ${again}`);
  });

  test('freeze holds the last frame after the video ends', async () => {
    const [first, held] = await colorsAt('freeze', [0.2, 1.5]);
    assert.ok(closeColor(first ?? [], RED, 40), `0.2 s: ${first}`);
    assert.ok(closeColor(held ?? [], BLUE, 40), `1.5 s: ${held}`);
  });

  test('fit_to_scene stretches the video over the whole scene', async () => {
    const [stretched, second] = await colorsAt('fit_to_scene', [0.8, 1.4]);
    assert.ok(closeColor(stretched ?? [], RED, 40), `0.8 s: ${stretched}`);
    assert.ok(closeColor(second ?? [], BLUE, 40), `1.4 s: ${second}`);
  });
});
