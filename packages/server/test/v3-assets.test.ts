import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeJpeg, makeWav, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { addSpace, call, keysOf, uploadRaw } from './support/v3-api.js';

/** Keys every v3 asset object has, whatever its status (before the probed metadata). */
const ASSET_KEYS = [
  'created_at',
  'error',
  'folder_id',
  'id',
  'mime_type',
  'name',
  'owner',
  'sha256',
  'size_bytes',
  'space_id',
  'status',
  'type',
  'uploaded_at',
  'url',
];

const UNKNOWN_ID = '0'.repeat(32);

let server: TestServer;
let otherKey: string;
let jpeg: Buffer;

before(async () => {
  server = await startTestServer();
  otherKey = await addSpace(server, 'other');
  jpeg = await makeJpeg({ width: 64, height: 48 });
});

after(() => server.close());

/** A v3 direct upload (SPEC §6) that is never PUT: a `pending_upload` asset. */
async function pendingAsset(extra: Record<string, unknown> = {}): Promise<string> {
  const response = await call(server, 'POST', '/v3/assets/direct-uploads', {
    body: { filename: 'later.jpg', content_type: 'image/jpeg', size_bytes: 1234, ...extra },
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.data.asset_id;
}

/** The same body with the id replaced, so a foreign-id answer compares with an unknown-id one. */
function withoutId(body: unknown, id: string): string {
  return JSON.stringify(body).replaceAll(id, 'ID');
}

describe('GET /v3/assets/{id} (SPEC §6)', () => {
  test('returns a completed asset with unix-second timestamps and its files URL', async () => {
    const before = Math.floor(Date.now() / 1000);
    const id = await uploadRaw(server, jpeg, 'image/jpeg');

    const response = await call(server, 'GET', `/v3/assets/${id}`);

    assert.equal(response.status, 200);
    assert.deepEqual(keysOf(response.body), ['data']);
    const asset = response.body.data;
    assert.deepEqual(keysOf(asset), [...ASSET_KEYS, 'has_alpha', 'height', 'width'].sort());
    assert.equal(asset.id, id);
    assert.equal(asset.type, 'image');
    assert.equal(asset.owner, null);
    assert.equal(asset.space_id, 'default');
    assert.equal(asset.status, 'completed');
    assert.equal(asset.error, null);
    assert.equal(asset.folder_id, null);
    assert.equal(asset.mime_type, 'image/jpeg');
    assert.equal(asset.size_bytes, jpeg.byteLength);
    assert.match(asset.sha256, /^[0-9a-f]{64}$/);
    assert.equal(asset.url, `${server.url}/asset/${id}`);
    assert.ok(Number.isInteger(asset.created_at) && asset.created_at >= before);
    assert.ok(Number.isInteger(asset.uploaded_at) && asset.uploaded_at >= asset.created_at);
    assert.equal(asset.width, 64);
    assert.equal(asset.height, 48);
    assert.equal(asset.has_alpha, false);
    assert.equal((await fetch(asset.url)).status, 200);
  });

  test('gives an audio asset its duration and codecs, and no size or alpha', async () => {
    const id = await uploadRaw(server, makeWav({ seconds: 0.5 }), 'audio/wav');

    const { body } = await call(server, 'GET', `/v3/assets/${id}`);

    assert.deepEqual(keysOf(body.data), [...ASSET_KEYS, 'codecs', 'duration'].sort());
    assert.equal(body.data.type, 'audio');
    assert.equal(body.data.duration, 0.5);
    assert.deepEqual(body.data.codecs, ['pcm_s16le']);
  });

  test('returns a pending asset with what its upload declared and no URL yet', async () => {
    const id = await pendingAsset({ folder_id: 'f-1' });

    const response = await call(server, 'GET', `/v3/assets/${id}`);

    assert.equal(response.status, 200);
    assert.deepEqual(keysOf(response.body.data), ASSET_KEYS);
    assert.deepEqual(
      { ...response.body.data, created_at: 0 },
      {
        id,
        name: 'later.jpg',
        type: 'image',
        owner: null,
        space_id: 'default',
        uploaded_at: null,
        created_at: 0,
        folder_id: 'f-1',
        url: null,
        status: 'pending_upload',
        error: null,
        mime_type: 'image/jpeg',
        size_bytes: 1234,
        sha256: null,
      },
    );
  });

  test('answers an unknown id with 404 not_found in the v3 envelope', async () => {
    const response = await call(server, 'GET', `/v3/assets/${UNKNOWN_ID}`);

    assert.equal(response.status, 404);
    assert.deepEqual(keysOf(response.body), ['error']);
    assert.equal(response.body.error.code, 'not_found');
    assert.equal(typeof response.body.error.message, 'string');
    assert.ok(response.headers.get('x-request-id'));
  });

  test('answers a malformed id like an unknown one', async () => {
    const response = await call(server, 'GET', '/v3/assets/not-an-id');

    assert.equal(response.status, 404);
    assert.equal(response.body.error.code, 'not_found');
  });

  test("answers another space's id exactly like an unknown id", async () => {
    const id = await uploadRaw(server, jpeg, 'image/jpeg');

    const foreign = await call(server, 'GET', `/v3/assets/${id}`, { apiKey: otherKey });
    const unknown = await call(server, 'GET', `/v3/assets/${UNKNOWN_ID}`, { apiKey: otherKey });

    assert.equal(foreign.status, 404);
    assert.equal(unknown.status, 404);
    assert.equal(withoutId(foreign.body, id), withoutId(unknown.body, UNKNOWN_ID));
  });

  test('refuses a missing key with 401 in the v3 envelope', async () => {
    const response = await fetch(`${server.url}/v3/assets/${UNKNOWN_ID}`);
    const body = (await response.json()) as { error: { code: string } };

    assert.equal(response.status, 401);
    assert.equal(body.error.code, 'unauthorized');
  });
});

describe('DELETE /v3/assets/{id} (SPEC §6)', () => {
  test('deletes the asset, answers {data: {id}}, and the files URL answers 404 from then on', async () => {
    const id = await uploadRaw(server, await makeJpeg({ width: 30 }), 'image/jpeg');
    assert.equal((await fetch(`${server.url}/asset/${id}`)).status, 200);

    const response = await call(server, 'DELETE', `/v3/assets/${id}`);

    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { data: { id } });
    assert.equal((await fetch(`${server.url}/asset/${id}`)).status, 404);
    assert.equal((await call(server, 'GET', `/v3/assets/${id}`)).status, 404);
    assert.equal((await call(server, 'DELETE', `/v3/assets/${id}`)).status, 404);
  });

  test('deletes a pending asset too', async () => {
    const id = await pendingAsset();

    const response = await call(server, 'DELETE', `/v3/assets/${id}`);

    assert.equal(response.status, 200);
    assert.equal((await call(server, 'GET', `/v3/assets/${id}`)).status, 404);
  });

  test('keeps bytes another asset still shares', async () => {
    const bytes = await makeJpeg({ width: 31 });
    const first = await uploadRaw(server, bytes, 'image/jpeg');
    const second = await uploadRaw(server, bytes, 'image/jpeg');

    assert.equal((await call(server, 'DELETE', `/v3/assets/${first}`)).status, 200);

    const served = await fetch(`${server.url}/asset/${second}`);
    assert.equal(served.status, 200);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), bytes);
  });

  test("refuses another space's id exactly like an unknown id, and leaves the asset", async () => {
    const id = await uploadRaw(server, jpeg, 'image/jpeg');

    const foreign = await call(server, 'DELETE', `/v3/assets/${id}`, { apiKey: otherKey });
    const unknown = await call(server, 'DELETE', `/v3/assets/${UNKNOWN_ID}`, { apiKey: otherKey });

    assert.equal(foreign.status, 404);
    assert.equal(unknown.status, 404);
    assert.equal(withoutId(foreign.body, id), withoutId(unknown.body, UNKNOWN_ID));
    assert.equal((await fetch(`${server.url}/asset/${id}`)).status, 200);
  });

  test('a legacy delete and a v3 delete remove the same asset', async () => {
    const id = await uploadRaw(server, jpeg, 'image/jpeg');

    const legacy = await call(server, 'DELETE', `/v1/asset/${id}`);

    assert.equal(legacy.status, 200);
    assert.equal((await call(server, 'DELETE', `/v3/assets/${id}`)).status, 404);
  });
});

describe('GET /v3/assets (SPEC §6)', () => {
  let listServer: TestServer;
  let wav: Buffer;

  before(async () => {
    listServer = await startTestServer();
    wav = makeWav({ seconds: 0.5 });
  });

  after(() => listServer.close());

  async function list(query = '', apiKey = listServer.apiKey) {
    return call(listServer, 'GET', `/v3/assets${query}`, { apiKey });
  }

  test('lists nothing for an empty space, in the list envelope', async () => {
    const emptyKey = await addSpace(listServer, 'empty');

    const response = await list('', emptyKey);

    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { data: [], has_more: false, next_token: null });
  });

  test('lists completed assets newest first with the same object as GET', async () => {
    const older = await uploadRaw(listServer, jpeg, 'image/jpeg');
    const newer = await uploadRaw(listServer, wav, 'audio/wav');

    const response = await list('?limit=2');
    const single = await call(listServer, 'GET', `/v3/assets/${newer}`);

    assert.equal(response.status, 200);
    assert.deepEqual(keysOf(response.body), ['data', 'has_more', 'next_token']);
    assert.deepEqual(
      response.body.data.map((asset: { id: string }) => asset.id),
      [newer, older],
    );
    assert.deepEqual(response.body.data[0], single.body.data);
  });

  test('filters by type and by folder_id', async () => {
    const folderKey = await addSpace(listServer, 'folders');
    const image = await uploadRaw(listServer, jpeg, 'image/jpeg', folderKey);
    const audio = await uploadRaw(listServer, wav, 'audio/wav', folderKey);
    const inFolder = await uploadToFolder(listServer, folderKey, 'clips');

    const images = await list('?type=image', folderKey);
    const audios = await list('?type=audio', folderKey);
    const clips = await list('?folder_id=clips', folderKey);
    const videos = await list('?type=video', folderKey);

    assert.deepEqual(ids(images.body.data), [inFolder, image]);
    assert.deepEqual(ids(audios.body.data), [audio]);
    assert.deepEqual(ids(clips.body.data), [inFolder]);
    assert.equal(clips.body.data[0].folder_id, 'clips');
    assert.deepEqual(videos.body, { data: [], has_more: false, next_token: null });
  });

  test('lists only completed assets unless status is given; status=all lists every one', async () => {
    const statusKey = await addSpace(listServer, 'statuses');
    const done = await uploadRaw(listServer, jpeg, 'image/jpeg', statusKey);
    const pending = await call(listServer, 'POST', '/v3/assets/direct-uploads', {
      apiKey: statusKey,
      body: { filename: 'a.jpg', content_type: 'image/jpeg', size_bytes: 10 },
    });
    const pendingId = pending.body.data.asset_id;

    assert.deepEqual(ids((await list('', statusKey)).body.data), [done]);
    assert.deepEqual(ids((await list('?status=completed', statusKey)).body.data), [done]);
    assert.deepEqual(ids((await list('?status=pending_upload', statusKey)).body.data), [pendingId]);
    assert.deepEqual(ids((await list('?status=all', statusKey)).body.data), [pendingId, done]);
    assert.deepEqual((await list('?status=failed', statusKey)).body.data, []);
  });

  test('accepts username and ignores it', async () => {
    const withUser = await list('?username=someone&limit=5');
    const without = await list('?limit=5');

    assert.equal(withUser.status, 200);
    assert.deepEqual(withUser.body, without.body);
  });

  test("never lists another space's assets", async () => {
    const otherSpaceKey = await addSpace(listServer, 'neighbour');
    const mine = await uploadRaw(listServer, jpeg, 'image/jpeg', otherSpaceKey);

    const theirs = await list('?limit=100&status=all');

    assert.ok(!ids(theirs.body.data).includes(mine));
    assert.ok(
      theirs.body.data.every((asset: { space_id: string }) => asset.space_id === 'default'),
    );
  });

  for (const [query, param] of [
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?limit=ten', 'limit'],
    ['?limit=1.5', 'limit'],
    ['?limit=5&limit=6', 'limit'],
    ['?type=gif', 'type'],
    ['?status=done', 'status'],
    ['?token=bm90LWEtdG9rZW4', 'token'],
    ['?token=%%%', 'token'],
  ] as const) {
    test(`refuses ${query} with 400 invalid_request naming ${param}`, async () => {
      const response = await list(query);

      assert.equal(response.status, 400);
      assert.deepEqual(keysOf(response.body.error), ['code', 'message', 'param']);
      assert.equal(response.body.error.code, 'invalid_request');
      assert.equal(response.body.error.param, param);
    });
  }

  test('pages stay stable while new assets arrive: no duplicates, no gaps, newest first', async () => {
    const pageKey = await addSpace(listServer, 'paging');
    const upload = () => uploadRaw(listServer, jpeg, 'image/jpeg', pageKey);
    for (let n = 0; n < 25; n++) await upload();
    const expected = ids((await list('?limit=100', pageKey)).body.data);
    assert.equal(expected.length, 25);

    const seen: string[] = [];
    const arrived: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=10${token ? `&token=${token}` : ''}`;
      const page = await list(query, pageKey);
      assert.equal(page.status, 200);
      seen.push(...ids(page.body.data));
      assert.equal(page.body.has_more, page.body.next_token !== null);
      token = page.body.next_token;
      pages++;
      for (let n = 0; n < 5; n++) arrived.push(await upload());
    } while (token !== null);

    assert.equal(pages, 3);
    assert.deepEqual(seen, expected);
    const everything = ids((await list('?limit=100', pageKey)).body.data);
    assert.deepEqual(everything, [...arrived.reverse(), ...expected]);
  });

  test('the last page has has_more false and next_token null', async () => {
    const lastKey = await addSpace(listServer, 'last-page');
    const only = await uploadRaw(listServer, jpeg, 'image/jpeg', lastKey);
    const second = await uploadRaw(listServer, jpeg, 'image/jpeg', lastKey);

    const first = await list('?limit=1', lastKey);
    const last = await list(`?limit=1&token=${first.body.next_token}`, lastKey);

    assert.deepEqual(ids(first.body.data), [second]);
    assert.equal(first.body.has_more, true);
    assert.equal(typeof first.body.next_token, 'string');
    assert.deepEqual(ids(last.body.data), [only]);
    assert.equal(last.body.has_more, false);
    assert.equal(last.body.next_token, null);
  });

  test('defaults to 20 assets a page', async () => {
    const defaultKey = await addSpace(listServer, 'default-limit');
    for (let n = 0; n < 21; n++) await uploadRaw(listServer, jpeg, 'image/jpeg', defaultKey);

    const response = await list('', defaultKey);

    assert.equal(response.body.data.length, 20);
    assert.equal(response.body.has_more, true);
  });
});

function ids(assets: { id: string }[]): string[] {
  return assets.map((asset) => asset.id);
}

/** A completed asset in a folder: presigned request with `folder_id`, then the PUT. */
async function uploadToFolder(server: TestServer, apiKey: string, folderId: string) {
  const issued = await call(server, 'POST', '/v1/asset', {
    apiKey,
    body: { content_type: 'image/jpeg', folder_id: folderId },
  });
  const put = await fetch(issued.body.data.url, { method: 'PUT', body: jpeg });
  assert.equal(put.status, 200);
  return issued.body.data.asset_id as string;
}
