import assert from 'node:assert/strict';
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { inspectMedia, type MediaFacts } from '@heygen-assets/core';
import {
  makeJpeg,
  makeMp4,
  makePng,
  makeWav,
  type StubServer,
  startStubServer,
  startTestServer,
  type TestServer,
} from '@heygen-assets/testkit';
import {
  audioVoice,
  avatar,
  colorBackground,
  DEFAULT_VOICE_ID,
  DownloadInterruptedError,
  HeygenAssets,
  imageBackground,
  NetworkError,
  scene,
  silence,
  talkingPhoto,
  textVoice,
  type VideoStatus,
  videoBackground,
  videoRequest,
} from '../src/index.js';
import { fileByteSource } from '../src/source/file-byte-source.js';
import { startFaultProxy } from './support/fault-proxy.js';

let server: TestServer;
let client: HeygenAssets;
/** The video rendered by the first test of "generate, wait, download", reused by the others. */
let rendered: { video: VideoStatus; bytes: Buffer } | undefined;

before(async () => {
  server = await startTestServer();
  client = new HeygenAssets({ apiKey: server.apiKey, baseUrl: server.url, cache: false });
});

after(() => server.close());

/** What core's media checks find in a file (type, codecs, dimension, duration). */
async function inspectFile(path: string): Promise<MediaFacts> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return await inspectMedia(fileByteSource(handle, size));
  } finally {
    await handle.close();
  }
}

function renderedVideo(): { video: VideoStatus; bytes: Buffer } {
  assert.ok(rendered, 'the render test ran first');
  return rendered;
}

describe('builders', () => {
  test('write exactly the v2 JSON of each part, leaving unset options to the server', () => {
    const photoId = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const body = videoRequest(
      [
        scene({
          character: avatar('josh_lite3_20230714', { style: 'circle', scale: 0.5 }),
          voice: textVoice('Hi.', { speed: 1.2, pitch: -10 }),
          background: colorBackground('#123456'),
        }),
        scene({
          character: talkingPhoto(
            { assetId: photoId },
            { style: 'circle', offset: { x: 0.5, y: 0 } },
          ),
          voice: audioVoice('https://cdn.example/voice.mp3'),
          background: imageBackground(photoId, { fit: 'contain' }),
        }),
        scene({ character: avatar('leo_casual_20240301'), voice: silence(2) }),
      ],
      { dimension: { width: 256, height: 144 }, title: 'Builders', callbackId: 'cb-1' },
    );

    assert.deepEqual(body, {
      video_inputs: [
        {
          character: {
            type: 'avatar',
            avatar_id: 'josh_lite3_20230714',
            avatar_style: 'circle',
            scale: 0.5,
          },
          voice: {
            type: 'text',
            voice_id: DEFAULT_VOICE_ID,
            input_text: 'Hi.',
            speed: 1.2,
            pitch: -10,
          },
          background: { type: 'color', value: '#123456' },
        },
        {
          character: {
            type: 'talking_photo',
            talking_photo_id: photoId,
            talking_photo_style: 'circle',
            offset: { x: 0.5, y: 0 },
          },
          voice: { type: 'audio', audio_url: 'https://cdn.example/voice.mp3' },
          background: { type: 'image', image_asset_id: photoId, fit: 'contain' },
        },
        {
          character: { type: 'avatar', avatar_id: 'leo_casual_20240301' },
          voice: { type: 'silence', duration: 2 },
        },
      ],
      dimension: { width: 256, height: 144 },
      title: 'Builders',
      callback_id: 'cb-1',
    });
  });

  test('refuse before any request what the server would refuse: odd sizes, bad ids, colours', () => {
    assert.throws(() => videoRequest([]), { code: 'invalid_request', param: 'video_inputs' });
    const oneScene = scene({ character: avatar('josh_lite3_20230714'), voice: silence() });
    assert.throws(() => videoRequest(oneScene, { dimension: { width: 321, height: 100 } }), {
      code: 'invalid_request',
      param: 'dimension.width',
      message: 'dimension.width: 321 is not even; dimension.height: 100 is not from 128 to 4096',
    });
    assert.throws(() => talkingPhoto('photo.jpg'), { param: 'character.talking_photo_id' });
    assert.throws(() => talkingPhoto('https://cdn.example/me.jpg'), /takes an asset id, not a URL/);
    assert.throws(() => imageBackground('ftp://cdn.example/bg.jpg'), { code: 'invalid_request' });
    assert.throws(() => colorBackground('blue'), { param: 'background.value' });
  });

  test('make a body of every kind of part that the server accepts and renders in order', async () => {
    const photo = await client.uploadFile(await makePng({ width: 64, height: 64 }));
    const audio = await client.uploadFile(makeWav({ seconds: 1.2 }));
    const clip = await client.uploadFile(await makeMp4({ seconds: 1, width: 128, height: 96 }));
    const backdrop = await client.uploadFile(await makeJpeg({ width: 160, height: 120 }));

    const body = videoRequest(
      [
        scene({
          character: avatar('josh_lite3_20230714', { style: 'closeUp', scale: 0.8 }),
          voice: silence(1),
          background: colorBackground('#0a0'),
        }),
        scene({
          character: talkingPhoto(photo, {
            style: 'circle',
            scale: 0.5,
            offset: { x: -0.5, y: 0 },
          }),
          voice: audioVoice(audio),
          background: imageBackground(backdrop, { fit: 'contain' }),
        }),
        scene({
          character: avatar('amira_studio_20240301', { style: 'circle' }),
          voice: silence(1),
          background: videoBackground(clip, { playStyle: 'freeze', fit: 'cover' }),
        }),
      ],
      { dimension: { width: 128, height: 128 }, title: 'every part' },
    );
    const { videoId } = await client.videos.generate(body);
    const video = await client.videos.wait(videoId, { firstPollDelayMs: 100 });

    assert.equal(video.status, 'completed');
    assert.equal(video.title, 'every part');
    assert.ok(Math.abs((video.duration ?? 0) - 3.2) <= 0.1, `duration ${video.duration}`);
  });
});

describe('generate, wait, download', () => {
  test('renders an H.264/AAC MP4 of the requested dimension, reporting each status once', async () => {
    const background = await client.uploadFile(await makeJpeg({ color: 'rgb(32,160,64)' }));
    const body = videoRequest(
      scene({
        character: avatar('josh_lite3_20230714'),
        voice: textVoice('Hello there.'),
        background: imageBackground(background),
      }),
      { dimension: { width: 320, height: 180 }, callbackId: 'sdk-1' },
    );

    const { videoId } = await client.videos.generate(body);
    const seen: string[] = [];
    const video = await client.videos.wait(videoId, {
      firstPollDelayMs: 50,
      onStatus: (status) => seen.push(status.status),
    });

    assert.equal(video.id, videoId);
    assert.equal(video.status, 'completed');
    assert.equal(video.callbackId, 'sdk-1');
    assert.equal(video.error, null);
    assert.equal(video.videoUrl, `${server.url}/video/${videoId}.mp4`);
    assert.equal(video.thumbnailUrl, `${server.url}/video/${videoId}.jpg`);
    assert.equal(seen.at(-1), 'completed');
    assert.deepEqual(
      seen.filter((status, index) => status === seen[index - 1]),
      [],
      'no status reported twice in a row',
    );
    assert.ok(seen.every((status) => ['pending', 'processing', 'completed'].includes(status)));

    const directory = join(server.workDir, 'downloads');
    await mkdir(directory);
    const path = join(directory, 'hello.mp4');
    const progress: number[] = [];
    const downloaded = await client.videos.download(video, path, {
      onProgress: (received) => progress.push(received),
    });

    const facts = await inspectFile(path);
    assert.equal(facts.mimeType, 'video/mp4');
    assert.deepEqual(facts.codecs, ['h264', 'aac']);
    assert.deepEqual([facts.width, facts.height], [320, 180]);
    assert.ok(Math.abs((facts.durationSeconds ?? 0) - (video.duration ?? 0)) <= 0.1);
    const bytes = await readFile(path);
    assert.equal(downloaded.sizeBytes, bytes.byteLength);
    assert.equal(downloaded.path, path);
    assert.equal(progress.at(-1), bytes.byteLength);
    assert.deepEqual(await readdir(directory), ['hello.mp4'], 'no temporary file left');
    rendered = { video, bytes };
  });

  test('downloads by id into a stream, and reads the status by id', async () => {
    const { video, bytes } = renderedVideo();
    const chunks: Buffer[] = [];
    const sink = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));

    const downloaded = await client.videos.download(video.id, sink);

    assert.equal(downloaded.path, undefined);
    assert.ok(Buffer.concat(chunks).equals(bytes));
    assert.ok(sink.writableEnded, 'the stream is ended after the last byte');
    assert.deepEqual(await client.videos.status(video.id), video);
  });

  test('an unknown video id is not_found, from status and from download alike', async () => {
    const unknown = '0123456789abcdef0123456789abcdef';
    await assert.rejects(client.videos.status(unknown), { code: 'not_found', status: 404 });
    await assert.rejects(client.videos.download(unknown, join(server.workDir, 'x.mp4')), {
      code: 'not_found',
    });
  });

  test('refuses a body the server refuses, with every problem and its path', async () => {
    const body = videoRequest(
      scene({ character: avatar('nobody'), voice: textVoice('Hi', { voiceId: 'no-voice' }) }),
    );
    await assert.rejects(client.videos.generate(body), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'invalid_request');
      assert.match(
        error.message,
        /video_inputs\[0\]\.character\.avatar_id: is not a built-in avatar/,
      );
      assert.match(error.message, /video_inputs\[0\]\.voice\.voice_id: is not a built-in voice/);
      return true;
    });
  });
});

describe('generate is safe to retry', () => {
  test('the same Idempotency-Key gets the same video id, and a new key a new video', async () => {
    const body = videoRequest(
      scene({ character: avatar('josh_lite3_20230714'), voice: silence() }),
      {
        dimension: { width: 128, height: 128 },
      },
    );
    const first = await client.videos.generate(body, { idempotencyKey: 'sdk-same-key' });
    const again = await client.videos.generate(body, { idempotencyKey: 'sdk-same-key' });
    const other = await client.videos.generate(body, { idempotencyKey: 'sdk-other-key' });

    assert.equal(again.videoId, first.videoId);
    assert.notEqual(other.videoId, first.videoId);
    await assert.rejects(client.videos.generate(body, { idempotencyKey: 'not a key!' }), TypeError);
    await client.videos.wait(other.videoId, { firstPollDelayMs: 100 });
  });

  test('an answer lost on the way is retried with the same key and queues one video', async () => {
    const proxy = await startFaultProxy((request, index) =>
      index === 0 && request.path === '/v2/video/generate' ? { loseAnswer: true } : undefined,
    );
    proxy.forwardTo(server.url);
    const viaProxy = new HeygenAssets({
      apiKey: server.apiKey,
      baseUrl: proxy.url,
      cache: false,
      retry: { random: () => 0 },
    });
    const queuedBefore = queuedVideoIds().length;

    try {
      const body = videoRequest(
        scene({ character: avatar('josh_lite3_20230714'), voice: silence() }),
        { dimension: { width: 128, height: 128 } },
      );
      const { videoId } = await viaProxy.videos.generate(body);

      const posts = proxy.requests.filter((request) => request.path === '/v2/video/generate');
      assert.deepEqual(
        posts.map((request) => request.fate),
        ['answer lost', 'forwarded'],
      );
      const keys = posts.map((request) => request.headers['idempotency-key']);
      assert.match(String(keys[0]), /^[0-9a-f-]{36}$/);
      assert.equal(keys[1], keys[0]);
      assert.deepEqual(queuedVideoIds().slice(queuedBefore), [videoId]);
      await client.videos.wait(videoId, { firstPollDelayMs: 100 });
    } finally {
      await proxy.close();
    }
  });
});

/** Ids of the videos the server logged as queued, in order. */
function queuedVideoIds(): string[] {
  return server
    .logs()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; videoId?: string })
    .filter((entry) => entry.msg === 'video queued')
    .map((entry) => String(entry.videoId));
}

/**
 * A files host in front of the real one that breaks off some answers: for the requests `cut`
 * picks, it sends the real headers (with the full `Content-Length`) and the first `keptBytes`
 * bytes, then drops the connection.
 */
async function startCuttingHost(cut: (index: number) => boolean, keptBytes: number) {
  let count = 0;
  const stub = await startStubServer((incoming, response) => {
    const index = count++;
    const upstream = httpRequest(new URL(incoming.url ?? '/', server.url), {
      headers: { accept: 'video/mp4' },
    });
    upstream.on('response', (answer) =>
      relay(answer, response, cut(index) ? keptBytes : undefined),
    );
    upstream.end();
  });
  return { ...stub, requests: () => count };
}

function relay(answer: IncomingMessage, response: ServerResponse, keptBytes: number | undefined) {
  response.writeHead(answer.statusCode ?? 502, answer.headers);
  if (keptBytes === undefined) {
    answer.pipe(response);
    return;
  }
  let sent = 0;
  answer.on('data', (chunk: Buffer) => {
    if (sent >= keptBytes) return;
    const part = chunk.subarray(0, keptBytes - sent);
    sent += part.byteLength;
    response.write(part, () => {
      if (sent >= keptBytes) response.socket?.destroy();
    });
  });
}

/** The rendered video as if served by `host`. */
function servedBy(host: StubServer): VideoStatus {
  const { video } = renderedVideo();
  return { ...video, videoUrl: `${host.url}/video/${video.id}.mp4` };
}

describe('downloads that break off', () => {
  test('leave neither the file nor a temporary file, and keep a file already there', async () => {
    const host = await startCuttingHost(() => true, 4096);
    const noRetries = new HeygenAssets({
      apiKey: server.apiKey,
      baseUrl: server.url,
      cache: false,
      retry: { retries: 1, random: () => 0 },
    });
    const directory = join(server.workDir, 'cut');
    await mkdir(directory);

    try {
      const fresh = join(directory, 'fresh.mp4');
      await assert.rejects(noRetries.videos.download(servedBy(host), fresh), NetworkError);
      assert.equal(host.requests(), 2, 'retried once, then given up');
      assert.deepEqual(await readdir(directory), []);

      const existing = join(directory, 'existing.mp4');
      await writeFile(existing, 'the previous video');
      await assert.rejects(noRetries.videos.download(servedBy(host), existing), NetworkError);
      assert.equal(await readFile(existing, 'utf8'), 'the previous video');
      assert.deepEqual(await readdir(directory), ['existing.mp4']);
    } finally {
      await host.close();
    }
  });

  test('a path is downloaded again from the start after a cut, and ends up whole', async () => {
    const host = await startCuttingHost((index) => index === 0, 4096);
    const retrying = new HeygenAssets({
      apiKey: server.apiKey,
      baseUrl: server.url,
      cache: false,
      retry: { random: () => 0 },
    });
    const path = join(server.workDir, 'retried.mp4');

    try {
      const downloaded = await retrying.videos.download(servedBy(host), path);
      assert.equal(host.requests(), 2);
      assert.ok((await readFile(path)).equals(renderedVideo().bytes));
      assert.equal(downloaded.sizeBytes, renderedVideo().bytes.byteLength);
    } finally {
      await host.close();
    }
  });

  test('a stream that already got bytes is not written again: DownloadInterruptedError', async () => {
    const host = await startCuttingHost(() => true, 4096);
    const retrying = new HeygenAssets({
      apiKey: server.apiKey,
      baseUrl: server.url,
      cache: false,
      retry: { random: () => 0 },
    });
    const sink = new PassThrough();
    sink.resume();

    try {
      await assert.rejects(retrying.videos.download(servedBy(host), sink), (error) => {
        assert.ok(error instanceof DownloadInterruptedError);
        assert.equal(error.writtenBytes, 4096);
        assert.ok(error.cause instanceof NetworkError);
        return true;
      });
      assert.equal(host.requests(), 1);
    } finally {
      await host.close();
    }
  });

  test('an abort ends the download with its reason and leaves no file', async () => {
    const host = await startCuttingHost(() => false, 0);
    const controller = new AbortController();
    const directory = join(server.workDir, 'aborted');
    await mkdir(directory);
    const reason = new Error('stopped by the test');

    try {
      const download = client.videos.download(servedBy(host), join(directory, 'a.mp4'), {
        signal: controller.signal,
        onProgress: () => controller.abort(reason),
      });
      await assert.rejects(download, (error) => error === reason);
      assert.deepEqual(await readdir(directory), []);
    } finally {
      await host.close();
    }
  });
});
