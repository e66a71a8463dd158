import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeJpeg, makeWav, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { addSpace, call, keysOf, uploadRaw } from './support/v3-api.js';

let server: TestServer;
let jpeg: Buffer;

before(async () => {
  server = await startTestServer();
  jpeg = await makeJpeg({ width: 40, height: 20 });
});

after(() => server.close());

function list(query: string, apiKey: string) {
  return call(server, 'GET', `/v1/asset/list${query}`, { apiKey });
}

describe('legacy GET /v1/asset/list (SPEC §5)', () => {
  test('lists uploaded assets newest first with the raw upload’s asset object', async () => {
    const key = await addSpace(server, 'shapes');
    const rawUpload = await fetch(`${server.url}/v1/asset`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', 'x-api-key': key },
      body: jpeg,
    });
    const uploaded = ((await rawUpload.json()) as { data: { id: string } }).data;
    const audio = await uploadRaw(server, makeWav({ seconds: 0.25 }), 'audio/wav', key);

    const response = await list('', key);

    assert.equal(response.status, 200);
    assert.deepEqual(keysOf(response.body), ['code', 'data', 'message', 'msg']);
    assert.equal(response.body.code, 100);
    assert.deepEqual(keysOf(response.body.data), ['assets', 'token']);
    assert.equal(response.body.data.token, null);
    const [first, second] = response.body.data.assets;
    assert.equal(first.id, audio);
    assert.equal(first.file_type, 'audio');
    assert.equal(first.image_key, null);
    assert.deepEqual(second, uploaded);
  });

  test('leaves out assets whose upload has not completed', async () => {
    const key = await addSpace(server, 'pending');
    const done = await uploadRaw(server, jpeg, 'image/jpeg', key);
    await call(server, 'POST', '/v1/asset', { apiKey: key, body: { content_type: 'image/png' } });

    const response = await list('', key);

    assert.deepEqual(ids(response.body.data.assets), [done]);
  });

  test('filters by file_type and folder_id', async () => {
    const key = await addSpace(server, 'filters');
    const image = await uploadRaw(server, jpeg, 'image/jpeg', key);
    const audio = await uploadRaw(server, makeWav({ seconds: 0.25 }), 'audio/wav', key);
    const slot = await call(server, 'POST', '/v1/asset', {
      apiKey: key,
      body: { content_type: 'image/jpeg', folder_id: 'f9' },
    });
    assert.equal((await fetch(slot.body.data.url, { method: 'PUT', body: jpeg })).status, 200);
    const inFolder = slot.body.data.asset_id;

    assert.deepEqual(ids((await list('?file_type=audio', key)).body.data.assets), [audio]);
    assert.deepEqual(ids((await list('?file_type=image', key)).body.data.assets), [
      inFolder,
      image,
    ]);
    const folder = (await list('?folder_id=f9', key)).body.data.assets;
    assert.deepEqual(ids(folder), [inFolder]);
    assert.equal(folder[0].folder_id, 'f9');
  });

  test('pages with limit and token until token is null', async () => {
    const key = await addSpace(server, 'pages');
    const uploaded: string[] = [];
    for (let n = 0; n < 5; n++) uploaded.push(await uploadRaw(server, jpeg, 'image/jpeg', key));

    const seen: string[] = [];
    let token: string | null = null;
    do {
      const page = await list(`?limit=2${token ? `&token=${token}` : ''}`, key);
      assert.ok(page.body.data.assets.length <= 2);
      seen.push(...ids(page.body.data.assets));
      token = page.body.data.token;
    } while (token !== null);

    assert.deepEqual(seen, uploaded.reverse());
  });

  test("never lists another space's assets", async () => {
    const mine = await addSpace(server, 'mine');
    const theirs = await addSpace(server, 'theirs');
    const theirAsset = await uploadRaw(server, jpeg, 'image/jpeg', theirs);

    const response = await list('?limit=100', mine);

    assert.deepEqual(response.body.data.assets, []);
    assert.ok(!JSON.stringify(response.body).includes(theirAsset));
  });

  for (const query of ['?limit=0', '?limit=101', '?file_type=gif', '?token=xyz']) {
    test(`refuses ${query} with 400 and code 400175`, async () => {
      const response = await list(query, server.apiKey);

      assert.equal(response.status, 400);
      assert.deepEqual(keysOf(response.body), ['code', 'data', 'message']);
      assert.equal(response.body.code, 400175);
      assert.match(response.body.message, /^invalid_request: /);
      assert.equal(response.body.data, null);
    });
  }

  test('refuses a missing key with 401 and code 40009', async () => {
    const response = await fetch(`${server.url}/v1/asset/list`);
    const body = (await response.json()) as { code: number };

    assert.equal(response.status, 401);
    assert.equal(body.code, 40009);
  });
});

function ids(assets: { id: string }[]): string[] {
  return assets.map((asset) => asset.id);
}
