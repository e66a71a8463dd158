import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startStubServer, startTestServer, type TestServer } from '@heygen-assets/testkit';
import {
  ApiError,
  DEFAULT_AVATAR_ID,
  DEFAULT_VOICE_ID,
  HeygenAssets,
  UnexpectedResponseError,
} from '../src/index.js';
import { startFaultProxy } from './support/fault-proxy.js';

let server: TestServer;
let client: HeygenAssets;

before(async () => {
  server = await startTestServer();
  client = new HeygenAssets({ apiKey: server.apiKey, baseUrl: server.url, cache: false });
});

after(() => server.close());

describe('videos.avatars()', () => {
  test("lists the guide's avatar with the fields the server's catalogue gives it", async () => {
    const avatars = await client.videos.avatars();

    const josh = avatars.find((avatar) => avatar.avatarId === 'josh_lite3_20230714');
    assert.deepEqual(josh, {
      avatarId: 'josh_lite3_20230714',
      avatarName: 'Josh',
      gender: 'male',
      previewImageUrl: null,
      previewVideoUrl: null,
      defaultVoiceId: '1bd001e7e50f421d891986aad5158bc8',
    });
    assert.equal(DEFAULT_AVATAR_ID, 'josh_lite3_20230714');
  });

  test('lists the three built-in avatars in catalogue order, each pairing a listed voice', async () => {
    const [avatars, voices] = await Promise.all([client.videos.avatars(), client.videos.voices()]);

    assert.deepEqual(
      avatars.map((avatar) => [avatar.avatarId, avatar.avatarName, avatar.gender]),
      [
        ['josh_lite3_20230714', 'Josh', 'male'],
        ['amira_studio_20240301', 'Amira', 'female'],
        ['leo_casual_20240301', 'Leo', 'male'],
      ],
    );
    const voiceIds = voices.map((voice) => voice.voiceId);
    for (const avatar of avatars) assert.ok(voiceIds.includes(avatar.defaultVoiceId ?? ''));
  });
});

describe('videos.voices()', () => {
  test("lists the guide's voice with the fields the server's catalogue gives it", async () => {
    const voices = await client.videos.voices();

    const narrator = voices.find((voice) => voice.voiceId === '1bd001e7e50f421d891986aad5158bc8');
    assert.deepEqual(narrator, {
      voiceId: '1bd001e7e50f421d891986aad5158bc8',
      name: 'Narrator',
      language: 'English',
      gender: 'male',
      previewAudio: null,
      supportPause: false,
      emotionSupport: false,
    });
    assert.equal(DEFAULT_VOICE_ID, '1bd001e7e50f421d891986aad5158bc8');
  });

  test('lists the three built-in voices in catalogue order', async () => {
    const voices = await client.videos.voices();

    assert.deepEqual(
      voices.map((voice) => [voice.voiceId, voice.name, voice.gender]),
      [
        ['1bd001e7e50f421d891986aad5158bc8', 'Narrator', 'male'],
        ['f3c1a6b2d54e4c0f9a7b8e2d1c6f5a40', 'Presenter', 'female'],
        ['7a2e9d4c1b8f4e6a9c3d5b0e8f1a2c7d', 'Storyteller', 'male'],
      ],
    );
  });
});

describe('catalogue calls share the request path', () => {
  test('a 503 is retried and the second answer is used', async () => {
    const proxy = await startFaultProxy((_request, index) =>
      index === 0 ? { answer: 503, json: { error: { code: 'busy', message: 'busy' } } } : undefined,
    );
    proxy.forwardTo(server.url);
    const viaProxy = new HeygenAssets({
      apiKey: server.apiKey,
      baseUrl: proxy.url,
      cache: false,
      retry: { random: () => 0 },
    });

    try {
      const voices = await viaProxy.videos.voices();

      assert.equal(voices.length, 3);
      assert.deepEqual(
        proxy.requests.map((request) => [request.method, request.path, request.fate]),
        [
          ['GET', '/v2/voices', 'answered'],
          ['GET', '/v2/voices', 'forwarded'],
        ],
      );
    } finally {
      await proxy.close();
    }
  });

  test('a wrong key is an ApiError 401 unauthorized naming the route', async () => {
    const stranger = new HeygenAssets({ apiKey: 'wrong', baseUrl: server.url, cache: false });

    for (const [call, path] of [
      [() => stranger.videos.avatars(), 'v2/avatars'],
      [() => stranger.videos.voices(), 'v2/voices'],
    ] as const) {
      const error = await call().catch((caught: unknown) => caught);
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 401);
      assert.equal(error.code, 'unauthorized');
      assert.ok(error.message.startsWith(`GET ${server.url}/${path} failed with 401`));
    }
  });

  test('an avatar without an id is an UnexpectedResponseError naming the field', async () => {
    const stub = await startStubServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ error: null, data: { avatars: [{ avatar_name: 'Nobody' }] } }));
    });
    const broken = new HeygenAssets({ apiKey: 'key', baseUrl: stub.url, cache: false });

    try {
      const error = await broken.videos.avatars().catch((caught: unknown) => caught);
      assert.ok(error instanceof UnexpectedResponseError);
      assert.match(error.message, /"data\.avatars\[0\]\.avatar_id" is not a string/);
    } finally {
      await stub.close();
    }
  });
});
