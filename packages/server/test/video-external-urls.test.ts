import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MiB } from '@heygen-assets/core';
import {
  closedPort,
  makeJpeg,
  makeMp4,
  makeWav,
  type StubServer,
  startStubServer,
  startTestServer,
  type TestServer,
} from '@heygen-assets/testkit';
import { closeColor, pixelAt, probeVideo } from './support/probe-video.js';
import { call } from './support/v3-api.js';
import { GUIDE_AVATAR_ID, generateVideo, waitForVideo } from './support/video-api.js';

// Every source below is a stub on 127.0.0.1 that this file starts; host names are resolved by
// an injected resolver that only knows `localhost`. Nothing is sent anywhere else. The address
// rules for private and metadata ranges are unit-tested without any network in core.

/** The background colour of the served JPEG, as RGB. */
const BACKGROUND_RGB = [200, 40, 120] as const;
/** The image size limit (SPEC §3), which caps a fetched image background. */
const IMAGE_LIMIT_BYTES = 50 * MiB;
const SMALL = { width: 320, height: 180 };

interface SeenRequest {
  path: string;
  host: string;
}

let jpeg: Buffer;
let wav: Buffer;
let mp4: Buffer;
let stub: StubServer;
const seen: SeenRequest[] = [];
/** Bytes the endless source managed to send before the reader hung up. */
let endlessBytesSent = 0;
/** What a request for `/held.jpg` waits for before it is answered. */
let held: Promise<void> = Promise.resolve();
let allowing: TestServer;
let refusing: TestServer;
const lookups: string[] = [];

/** Answers `localhost` only, and writes down every name it was asked for. */
async function resolveHost(name: string): Promise<string[]> {
  lookups.push(name);
  if (name !== 'localhost') throw new Error(`unexpected lookup of ${name}`);
  return ['127.0.0.1'];
}

before(async () => {
  jpeg = await makeJpeg({ width: 640, height: 360, color: `rgb(${BACKGROUND_RGB.join(',')})` });
  wav = await makeWav({ seconds: 1.5 });
  mp4 = await makeMp4();
  stub = await startStubServer((request, response) => {
    const path = request.url ?? '';
    seen.push({ path, host: request.headers.host ?? '' });
    serveSource(path, response);
  });
  allowing = await startTestServer({ fetchAllowPrivateNetworks: true, resolveHost });
  refusing = await startTestServer({ resolveHost });
});

after(async () => {
  await allowing?.close();
  await refusing?.close();
  await stub?.close();
});

/** What the stub answers for each path; `/r/N` reaches the background after N redirects. */
const SOURCES: Record<string, (response: ServerResponse) => void> = {
  '/background.jpg': (response) => send(response, 'image/jpeg', jpeg),
  '/voice.wav': (response) => send(response, 'application/octet-stream', wav),
  '/held.jpg': (response) => void held.then(() => send(response, 'image/jpeg', jpeg)),
  '/clip.mp4': (response) => send(response, 'video/mp4', mp4),
  '/login.jpg': (response) =>
    send(response, 'image/jpeg', Buffer.from('<!DOCTYPE html><html><body>Sign in')),
  '/announced-huge.jpg': (response) => {
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 60 * MiB });
    response.write(jpeg.subarray(0, 1024));
  },
  '/endless.jpg': (response) => sendEndless(response),
};

function serveSource(path: string, response: ServerResponse): void {
  const hops = /^\/r\/(\d+)$/.exec(path);
  if (hops) {
    const left = Number(hops[1]);
    response.writeHead(302, { location: left <= 1 ? '/background.jpg' : `/r/${left - 1}` });
    response.end();
    return;
  }
  const source = SOURCES[path];
  if (source) {
    source(response);
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not here');
}

function send(response: ServerResponse, contentType: string, body: Buffer): void {
  response.writeHead(200, { 'content-type': contentType, 'content-length': body.byteLength });
  response.end(body);
}

/** A JPEG head, then filler for ever (chunked), sent only as fast as the reader takes it. */
function sendEndless(response: ServerResponse): void {
  const filler = Buffer.alloc(64 * 1024, 0x55);
  response.writeHead(200, { 'content-type': 'image/jpeg' });
  const pump = () => {
    while (!response.destroyed) {
      const chunk = endlessBytesSent === 0 ? jpeg.subarray(0, 2048) : filler;
      endlessBytesSent += chunk.byteLength;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

function requestsFor(prefix: string): string[] {
  return seen.filter((request) => request.path.startsWith(prefix)).map((each) => each.path);
}

/** One avatar scene of `seconds` of silence over `background`. */
function silentScene(background: Record<string, unknown>, seconds = 1) {
  return {
    character: { type: 'avatar', avatar_id: GUIDE_AVATAR_ID, scale: 0.5 },
    voice: { type: 'silence', duration: seconds },
    background,
  };
}

/** Generates a video with one scene over the image at `url` and waits for its end. */
async function renderWithBackground(server: TestServer, url: string) {
  const { status, body } = await generateVideo(server, {
    video_inputs: [silentScene({ type: 'image', url })],
    dimension: SMALL,
  });
  assert.equal(status, 200, JSON.stringify(body));
  return waitForVideo(server, String(body.data?.video_id));
}

async function completedAssets(server: TestServer) {
  const { body } = await call(server, 'GET', '/v3/assets?limit=100');
  return body.data as Array<{ id: string; name: string; type: string; sha256: string }>;
}

describe('external URLs in a video request, private networks allowed', () => {
  test('renders a background and a voice fetched from URLs, stored as assets of the space', async () => {
    const background = { type: 'image', url: `${stub.url}/r/5`, fit: 'cover' };
    const { status, body } = await generateVideo(allowing, {
      video_inputs: [
        {
          ...silentScene(background),
          voice: { type: 'audio', audio_url: `${stub.url}/voice.wav` },
        },
        silentScene(background, 1),
      ],
      dimension: SMALL,
    });
    assert.equal(status, 200, JSON.stringify(body));
    const video = await waitForVideo(allowing, String(body.data?.video_id));

    assert.equal(video.status, 'completed', JSON.stringify(video.error));
    assert.ok(Math.abs((video.duration ?? 0) - 2.5) <= 0.1, `duration ${video.duration}`);
    const response = await fetch(String(video.video_url));
    const path = join(allowing.workDir, 'external.mp4');
    await writeFile(path, new Uint8Array(await response.arrayBuffer()));
    const probed = await probeVideo(path);
    assert.deepEqual([probed.width, probed.height], [SMALL.width, SMALL.height]);
    for (const atSeconds of [0.5, 2]) {
      const pixel = await pixelAt(path, atSeconds, 4, 4, allowing.workDir);
      assert.ok(closeColor(pixel, BACKGROUND_RGB), `${pixel} at ${atSeconds} s`);
    }

    // Five redirects followed, each URL fetched once although two scenes name it.
    assert.deepEqual(requestsFor('/r/'), ['/r/5', '/r/4', '/r/3', '/r/2', '/r/1']);
    assert.deepEqual(requestsFor('/background.jpg'), ['/background.jpg']);
    const assets = await completedAssets(allowing);
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const image = assets.find((asset) => asset.sha256 === sha256(jpeg));
    const audio = assets.find((asset) => asset.sha256 === sha256(wav));
    assert.deepEqual([image?.type, image?.name], ['image', 'background.jpg']);
    assert.deepEqual([audio?.type, audio?.name], ['audio', 'voice.wav']);
  });

  test('resolves a host name once and connects to the address it checked', async () => {
    const before = lookups.length;
    const port = new URL(stub.url).port;

    const video = await renderWithBackground(allowing, `http://localhost:${port}/background.jpg`);

    assert.equal(video.status, 'completed', JSON.stringify(video.error));
    assert.deepEqual(lookups.slice(before), ['localhost']);
    assert.equal(seen.at(-1)?.host, `localhost:${port}`);
  });

  test('fails a video whose URL redirects more than 5 times, before a 6th hop', async () => {
    const hopsBefore = requestsFor('/r/').length;
    const backgroundsBefore = requestsFor('/background.jpg').length;

    const video = await renderWithBackground(allowing, `${stub.url}/r/6`);

    assert.equal(video.status, 'failed');
    assert.equal(video.error?.code, 'too_many_redirects');
    assert.equal(
      video.error?.message,
      `video_inputs[0].background.url: GET ${stub.url}/r/6 redirected more than 5 times.`,
    );
    assert.deepEqual(requestsFor('/r/').slice(hopsBefore), [
      '/r/6',
      '/r/5',
      '/r/4',
      '/r/3',
      '/r/2',
      '/r/1',
    ]);
    assert.equal(requestsFor('/background.jpg').length, backgroundsBefore);
  });

  test('names the detected type of an HTML page served as image/jpeg', async () => {
    const video = await renderWithBackground(allowing, `${stub.url}/login.jpg`);

    assert.equal(video.status, 'failed');
    assert.equal(video.error?.code, 'unsupported_media_type');
    assert.equal(
      video.error?.message,
      `video_inputs[0].background.url: GET ${stub.url}/login.jpg answered with text/html ` +
        '(a web page) (sent as image/jpeg), which the service does not accept.',
    );
  });

  test('refuses a video file as an image background, storing nothing', async () => {
    const assetsBefore = (await completedAssets(allowing)).length;

    const video = await renderWithBackground(allowing, `${stub.url}/clip.mp4`);

    assert.equal(video.status, 'failed');
    assert.equal(video.error?.code, 'unsupported_media_type');
    assert.equal(
      video.error?.message,
      `video_inputs[0].background.url: GET ${stub.url}/clip.mp4 answered with video/mp4, ` +
        'but an image background needs image/jpeg or image/png.',
    );
    assert.equal((await completedAssets(allowing)).length, assetsBefore);
  });

  test('cuts an endless body at the image size limit', async () => {
    const video = await renderWithBackground(allowing, `${stub.url}/endless.jpg`);

    assert.equal(video.status, 'failed');
    assert.equal(video.error?.code, 'file_too_large');
    assert.match(video.error?.message ?? '', /larger than the 52428800-byte limit/);
    // What the source sent: the cap, plus at most what socket buffers hold.
    assert.ok(endlessBytesSent > IMAGE_LIMIT_BYTES, `${endlessBytesSent} bytes`);
    assert.ok(endlessBytesSent < IMAGE_LIMIT_BYTES + 16 * MiB, `${endlessBytesSent} bytes`);
  });

  test('refuses a Content-Length over the limit without reading the body', async () => {
    const started = performance.now();
    const video = await renderWithBackground(allowing, `${stub.url}/announced-huge.jpg`);

    assert.equal(video.status, 'failed');
    assert.equal(video.error?.code, 'file_too_large');
    assert.ok(performance.now() - started < 10_000, 'refused without waiting for the body');
  });

  test('names the status of a source that answers 404, and a source that is down', async () => {
    const missing = await renderWithBackground(allowing, `${stub.url}/gone.jpg`);
    const down = await renderWithBackground(
      allowing,
      `http://127.0.0.1:${await closedPort()}/background.jpg`,
    );

    assert.equal(missing.error?.code, 'source_unavailable');
    assert.equal(
      missing.error?.message,
      `video_inputs[0].background.url: GET ${stub.url}/gone.jpg answered 404 instead of the media.`,
    );
    assert.equal(down.error?.code, 'source_unreachable');
    assert.match(down.error?.message ?? '', /ECONNREFUSED/);
  });
});

describe('external URLs in a video request, by default', () => {
  test('refuses a loopback URL at once, naming the address, without contacting it', async () => {
    const requestsBefore = seen.length;

    const { status, body } = await generateVideo(refusing, {
      video_inputs: [silentScene({ type: 'image', url: `${stub.url}/background.jpg` })],
    });

    assert.equal(status, 400);
    assert.equal(body.error?.code, 'forbidden_address');
    const message = body.error?.message ?? '';
    assert.ok(
      message.startsWith(
        'The request has 1 problem: video_inputs[0].background.url: ' +
          `${stub.url}/background.jpg points at 127.0.0.1, a loopback address (this machine): ` +
          'media is fetched only from public addresses.',
      ),
      message,
    );
    assert.match(message, /--fetch-allow-private-networks/);
    assert.equal(seen.length, requestsBefore);
  });

  test('fails a video whose host name resolves to loopback, without contacting it', async () => {
    const requestsBefore = seen.length;
    const url = `http://localhost:${new URL(stub.url).port}/background.jpg`;

    const video = await renderWithBackground(refusing, url);

    assert.equal(video.status, 'failed');
    assert.equal(video.error?.code, 'forbidden_address');
    assert.equal(
      video.error?.message,
      `video_inputs[0].background.url: ${url} resolves to 127.0.0.1, a loopback address ` +
        '(this machine): media is fetched only from public addresses.',
    );
    assert.match(video.error?.detail ?? '', /--fetch-allow-private-networks/);
    assert.equal(seen.length, requestsBefore);
  });

  test('refuses URLs with credentials and URLs of this server that name no asset', async () => {
    const { status, body } = await generateVideo(refusing, {
      video_inputs: [
        silentScene({ type: 'image', url: `http://user:secret@127.0.0.1:1/a.jpg` }),
        silentScene({ type: 'video', url: `${refusing.url}/asset/not-an-id.mp4` }),
      ],
    });

    assert.equal(status, 400);
    assert.equal(body.error?.code, 'asset_not_usable');
    assert.match(
      body.error?.message ?? '',
      /video_inputs\[0\]\.background\.url: http:\/\/127\.0\.0\.1:1\/a\.jpg carries a user name or password/,
    );
    assert.doesNotMatch(body.error?.message ?? '', /secret/);
    assert.match(
      body.error?.message ?? '',
      /video_inputs\[1\]\.background\.url: .* is a URL of this server but not the files URL of an asset/,
    );
  });
});

describe('external URLs in a video request, across a restart', () => {
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  /**
   * Renders a scene whose voice URL is fetched first and whose background URL is held; stops the
   * server while the render waits for the background (after `whileHeld`), starts another on the
   * same data directory, and waits for the video there. Returns it, the second server and how
   * often each URL was fetched.
   */
  async function renderAcrossRestart(
    t: { after(fn: () => Promise<void>): void },
    whileHeld: (first: TestServer) => Promise<void> = async () => {},
  ) {
    let release = () => {};
    held = new Promise((resolve) => {
      release = resolve;
    });
    const options = { fetchAllowPrivateNetworks: true, resolveHost };
    const servers: TestServer[] = [];
    // The second server first: the first one's close removes the data directory they share.
    t.after(async () => {
      for (const server of servers.reverse()) await server.close();
    });
    const first = await startTestServer(options);
    servers.push(first);
    const voicesBefore = requestsFor('/voice.wav').length;
    const heldBefore = requestsFor('/held.jpg').length;
    const { status, body } = await generateVideo(first, {
      video_inputs: [
        {
          ...silentScene({ type: 'image', url: `${stub.url}/held.jpg` }),
          voice: { type: 'audio', audio_url: `${stub.url}/voice.wav` },
        },
      ],
      dimension: SMALL,
    });
    assert.equal(status, 200, JSON.stringify(body));

    for (let waited = 0; requestsFor('/held.jpg').length === heldBefore; waited += 20) {
      assert.ok(waited < 30_000, 'the render never asked for the background');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await whileHeld(first);
    await first.stop();
    release();
    const second = await startTestServer({ ...options, dataDir: first.dataDir });
    servers.push(second);
    const video = await waitForVideo(second, String(body.data?.video_id));
    const fetches = {
      voice: requestsFor('/voice.wav').length - voicesBefore,
      background: requestsFor('/held.jpg').length - heldBefore,
    };
    return { video, second, fetches };
  }

  test('a render retried after a restart fetches only the URLs it had not fetched yet', async (t) => {
    const { video, second, fetches } = await renderAcrossRestart(t);

    assert.equal(video.status, 'completed', JSON.stringify(video.error));
    assert.deepEqual(fetches, { voice: 1, background: 2 });
    const assets = await completedAssets(second);
    assert.deepEqual(
      assets.map((asset) => asset.sha256).sort(),
      [sha256(jpeg), sha256(wav)].sort(),
    );
  });

  test('a fetched asset deleted before the retry is fetched again, not reported gone', async (t) => {
    const { video, second, fetches } = await renderAcrossRestart(t, async (first) => {
      const voice = (await completedAssets(first)).find((asset) => asset.sha256 === sha256(wav));
      assert.ok(voice, 'the voice was stored before the background');
      assert.equal((await call(first, 'DELETE', `/v3/assets/${voice.id}`)).status, 200);
    });

    assert.equal(video.status, 'completed', JSON.stringify(video.error));
    assert.deepEqual(fetches, { voice: 2, background: 2 });
    const assets = await completedAssets(second);
    assert.deepEqual(
      assets.map((asset) => asset.sha256).sort(),
      [sha256(jpeg), sha256(wav)].sort(),
    );
  });
});
