import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { makeJpeg, makeWav, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { hashApiKey } from '../src/index.js';
import {
  GUIDE_AVATAR_ID,
  GUIDE_VOICE_ID,
  generateVideo,
  guideScene,
  pendingAsset,
  uploadAsset,
  type V2Body,
  videoStatus,
} from './support/video-api.js';

const OTHER_KEY = 'video-other-space-key';

let server: TestServer;
let imageId: string;
let audioId: string;

before(async () => {
  server = await startTestServer();
  const { catalog } = server.server;
  await catalog.createSpace({ id: 'other', name: 'Other', createdAt: new Date() });
  await catalog.addApiKey({
    keyHash: hashApiKey(OTHER_KEY),
    spaceId: 'other',
    label: 'test',
    createdAt: new Date(),
  });
  imageId = await uploadAsset(server, 'image/jpeg', await makeJpeg());
  audioId = await uploadAsset(server, 'audio/wav', makeWav({ seconds: 1 }));
});

after(() => server.close());

describe('the built-in catalogue (SPEC §9)', () => {
  test("lists the guide's avatar and voice", async () => {
    const headers = { 'x-api-key': server.apiKey };
    const avatars = (await (await fetch(`${server.url}/v2/avatars`, { headers })).json()) as {
      data: { avatars: { avatar_id: string }[] };
    };
    const voices = (await (await fetch(`${server.url}/v2/voices`, { headers })).json()) as {
      data: { voices: { voice_id: string }[] };
    };

    assert.ok(avatars.data.avatars.some((avatar) => avatar.avatar_id === GUIDE_AVATAR_ID));
    assert.ok(voices.data.voices.some((voice) => voice.voice_id === GUIDE_VOICE_ID));
  });

  test('answers 401 in the v2 envelope without a key', async () => {
    const response = await fetch(`${server.url}/v2/voices`);

    assert.equal(response.status, 401);
    const body = (await response.json()) as { error: { code: string }; data: null };
    assert.equal(body.error.code, 'unauthorized');
    assert.equal(body.data, null);
  });
});

describe('POST /v2/video/generate validation', () => {
  test('reports every problem of an invalid body with its JSON path', async () => {
    const { status, body } = await generateVideo(server, {
      video_inputs: [
        {
          character: { type: 'avatar', avatar_id: 'nobody' },
          voice: { type: 'audio' },
          background: { type: 'color', value: 'blue' },
        },
        { character: { type: 'hologram' }, voice: { type: 'text', voice_id: GUIDE_VOICE_ID } },
      ],
      dimension: { width: 1921, height: 64 },
    });

    assert.equal(status, 400);
    assert.equal(body.data, null);
    assert.equal(body.error?.code, 'invalid_request');
    const message = body.error?.message ?? '';
    for (const path of [
      'video_inputs[0].character.avatar_id',
      'video_inputs[0].background.value',
      'video_inputs[1].character.type',
      'video_inputs[1].voice.input_text',
      'dimension.width',
      'dimension.height',
    ]) {
      assert.match(message, new RegExp(`${path.replace(/[[\].]/g, '\\$&')}: `), path);
    }
  });

  test('asks for exactly one of audio_url and audio_asset_id', async () => {
    const scene = guideScene(imageId);
    const { status, body } = await generateVideo(server, {
      video_inputs: [{ ...scene, voice: { type: 'audio' } }],
    });

    assert.equal(status, 400);
    assert.match(body.error?.message ?? '', /video_inputs\[0\]\.voice\.audio_asset_id: give one/);
  });

  test('refuses an empty body and an empty scene list', async () => {
    for (const payload of [{}, { video_inputs: [] }]) {
      const { status, body } = await generateVideo(server, payload);
      assert.equal(status, 400);
      assert.match(body.error?.message ?? '', /video_inputs: /);
    }
  });
});

/** Posts `body` as it is to `POST /v2/video/generate`, under `contentType` if one is given. */
async function postRaw(body: string | Uint8Array, contentType?: string) {
  const headers: Record<string, string> = { 'x-api-key': server.apiKey };
  if (contentType !== undefined) headers['content-type'] = contentType;
  const response = await fetch(`${server.url}/v2/video/generate`, {
    method: 'POST',
    headers,
    body,
  });
  return { status: response.status, body: (await response.json()) as V2Body };
}

describe('POST /v2/video/generate body format', () => {
  const valid = () => JSON.stringify({ video_inputs: [guideScene(imageId)] });

  test('refuses a JSON body not sent as application/json, naming the header it had', async () => {
    const cases: [string | undefined, string][] = [
      ['text/plain;charset=UTF-8', 'Content-Type text/plain'],
      ['application/x-www-form-urlencoded', 'Content-Type application/x-www-form-urlencoded'],
      [undefined, 'no Content-Type'],
    ];
    for (const [contentType, found] of cases) {
      // fetch labels a string body text/plain by itself: send bytes when there is no header.
      const body = contentType === undefined ? new TextEncoder().encode(valid()) : valid();
      const response = await postRaw(body, contentType);

      assert.equal(response.status, 400, found);
      assert.deepEqual(response.body, {
        error: {
          code: 'invalid_request',
          message:
            'The body must be JSON sent with Content-Type: application/json; the request has ' +
            `${found}. Add the header "Content-Type: application/json" (with curl: -H).`,
        },
        data: null,
      });
    }
  });

  test('accepts the same body as application/json with a charset', async () => {
    const response = await postRaw(valid(), 'application/json; charset=utf-8');

    assert.equal(response.status, 200);
    assert.match(String(response.body.data?.video_id), /^[0-9a-f]{32}$/);
  });

  test("refuses malformed JSON with a hint for this route, not the asset route's", async () => {
    const response = await postRaw('{', 'application/json');

    // The parser's own wording differs between Node versions: take it from this one.
    const parserMessage = (() => {
      try {
        JSON.parse('{');
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    })();
    assert.equal(response.status, 400);
    assert.deepEqual(response.body, {
      error: {
        code: 'invalid_request',
        message:
          `The body is not valid JSON: ${parserMessage}. Send a JSON object as UTF-8 text; ` +
          'GET /openapi.json describes the body of POST /v2/video/generate.',
      },
      data: null,
    });
  });

  test('describes a binary (gzip) body instead of echoing its bytes', async () => {
    const gzip = gzipSync(Buffer.from(valid()));

    const response = await postRaw(gzip, 'application/json');

    assert.equal(response.status, 400);
    const head = [...gzip.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0'));
    assert.deepEqual(response.body, {
      error: {
        code: 'invalid_request',
        message:
          `The body is not JSON text: ${gzip.length} bytes of binary data, gzip-compressed ` +
          `data starting with ${head.join(' ')}. Send a JSON object as UTF-8 text; ` +
          'GET /openapi.json describes the body of POST /v2/video/generate.',
      },
      data: null,
    });
  });

  test('refuses a null body as null, at the body', async () => {
    const response = await postRaw('null', 'application/json');

    assert.equal(response.status, 400);
    assert.deepEqual(response.body, {
      error: {
        code: 'invalid_request',
        message:
          'The request has 1 problem: body: Invalid input: expected object, received null. ' +
          'Fix each listed field; GET /openapi.json describes the body.',
      },
      data: null,
    });
  });

  test('names a missing character and voice as required', async () => {
    const { status, body } = await generateVideo(server, {
      video_inputs: [{ background: { type: 'color', value: '#000000' } }],
    });

    assert.equal(status, 400);
    assert.deepEqual(body, {
      error: {
        code: 'invalid_request',
        message:
          'The request has 2 problems: ' +
          'video_inputs[0].character: required — an avatar or talking_photo character; ' +
          'video_inputs[0].voice: required — a text, audio or silence voice. ' +
          'Fix each listed field; GET /openapi.json describes the body.',
      },
      data: null,
    });
  });

  test('names a character that is not an object, and an unknown type', async () => {
    const { body } = await generateVideo(server, {
      video_inputs: [
        { character: 'josh', voice: { type: 'silence' } },
        { character: { type: 'hologram' }, voice: { type: 'silence' } },
      ],
    });

    assert.equal(
      body.error?.message,
      'The request has 2 problems: video_inputs[0].character: must be an avatar or ' +
        'talking_photo character, an object with type avatar or talking_photo; ' +
        'video_inputs[1].character.type: type must be avatar or talking_photo. ' +
        'Fix each listed field; GET /openapi.json describes the body.',
    );
  });
});

describe('asset references', () => {
  test("refuses another space's asset, naming it like an unknown one", async () => {
    const foreign = await uploadAsset(server, 'image/jpeg', await makeJpeg(), OTHER_KEY);

    const { status, body } = await generateVideo(server, { video_inputs: [guideScene(foreign)] });

    assert.equal(status, 400);
    assert.equal(body.error?.code, 'asset_not_usable');
    assert.match(
      body.error?.message ?? '',
      new RegExp(`video_inputs\\[0\\]\\.background\\.image_asset_id: asset ${foreign} does not`),
    );
  });

  test('refuses a pending asset by name', async () => {
    const pending = await pendingAsset(server, 'image/jpeg');

    const { status, body } = await generateVideo(server, { video_inputs: [guideScene(pending)] });

    assert.equal(status, 400);
    assert.equal(body.error?.code, 'asset_not_usable');
    assert.match(body.error?.message ?? '', new RegExp(`${pending} is pending_upload`));
  });

  test('refuses an audio asset used as a background, and an image used as a voice', async () => {
    const scene = guideScene(audioId);
    const { status, body } = await generateVideo(server, {
      video_inputs: [{ ...scene, voice: { type: 'audio', audio_asset_id: imageId } }],
    });

    assert.equal(status, 400);
    const message = body.error?.message ?? '';
    assert.match(message, /2 problems/);
    assert.match(message, new RegExp(`background.image_asset_id: asset ${audioId} is audio`));
    assert.match(message, new RegExp(`voice.audio_asset_id: asset ${imageId} is image`));
  });

  test('names the file an audio voice needs with the right article', async () => {
    const scene = guideScene(imageId);
    const { status, body } = await generateVideo(server, {
      video_inputs: [{ ...scene, voice: { type: 'audio', audio_asset_id: imageId } }],
    });

    assert.equal(status, 400);
    assert.deepEqual(body, {
      error: {
        code: 'asset_not_usable',
        message:
          'The request has 1 problem: video_inputs[0].voice.audio_asset_id: asset ' +
          `${imageId} is image (image/jpeg), but an audio voice needs an audio file. ` +
          'Fix each listed field; GET /openapi.json describes the body.',
      },
      data: null,
    });
  });

  test("accepts this server's files URL for an asset and refuses a loopback URL of another port", async () => {
    const local = { type: 'image', url: `${server.url}/asset/${imageId}.jpg` };
    const accepted = await generateVideo(server, {
      video_inputs: [{ ...guideScene(imageId), background: local }],
    });
    // Refused before anything is fetched: the server does not fetch from loopback by default.
    const external = { type: 'image', url: 'http://127.0.0.1:1/background.jpg' };
    const refused = await generateVideo(server, {
      video_inputs: [{ ...guideScene(imageId), background: external }],
    });

    assert.equal(accepted.status, 200);
    assert.match(String(accepted.body.data?.video_id), /^[0-9a-f]{32}$/);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error?.code, 'forbidden_address');
  });
});

describe('GET /v1/video_status.get', () => {
  test("answers another space's video like an unknown one", async () => {
    const { body } = await generateVideo(server, { video_inputs: [guideScene(imageId)] });
    const videoId = String(body.data?.video_id);

    const own = await videoStatus(server, videoId);
    const foreign = await videoStatus(server, videoId, OTHER_KEY);
    const unknown = await videoStatus(server, '0'.repeat(32), OTHER_KEY);

    assert.equal(own.status, 200);
    assert.equal(own.body.data.id, videoId);
    assert.equal(foreign.status, 404);
    assert.equal(unknown.status, 404);
  });
});

describe('Idempotency-Key on POST /v2/video/generate', () => {
  test('answers a retry with the same key with the same video, rendered once', async () => {
    const send = () =>
      fetch(`${server.url}/v2/video/generate`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': server.apiKey,
          'idempotency-key': 'render-once-1',
        },
        body: JSON.stringify({ video_inputs: [guideScene(imageId)] }),
      });

    const first = await send();
    const retry = await send();

    const firstBody = (await first.json()) as { data: { video_id: string } };
    const retryBody = (await retry.json()) as { data: { video_id: string } };
    assert.equal(first.status, 200);
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(retryBody.data.video_id, firstBody.data.video_id);
  });
});
