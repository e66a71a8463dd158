import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  ApiError,
  type AssetIdCache,
  type CachedAsset,
  FileAssetIdCache,
  HeygenAssets,
  MemoryAssetIdCache,
  spaceOfApiKey,
} from '@heygen-assets/client';
import { hashApiKey } from '@heygen-assets/server';
import {
  makeJpeg,
  makePng,
  startStubServer,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
  writeTempFile,
} from '@heygen-assets/testkit';
import { FILES_URL_CHECK_TIMEOUT_MS } from '../src/cache/files-url-gone.js';
import { fetchServedBytes } from './support/served-client.js';
import { requestsLogged } from './support/server-log.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Runs `make` with environment variables changed (`undefined` removes one), then restores them. */
function withEnv<T>(changes: Record<string, string | undefined>, make: () => T): T {
  const saved = Object.fromEntries(Object.keys(changes).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(changes);
  try {
    return make();
  } finally {
    apply(saved);
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('uploadFile with the asset-id cache', () => {
  let test: TestServer;
  let jpeg: Buffer;
  let otherJpeg: Buffer;
  let png: Buffer;

  /** PUTs of bytes the server has received so far. */
  const puts = () => requestsLogged(test, 'PUT', '/v1/uploads/');
  /** `GET /v3/assets/{id}` requests so far: the revalidations. */
  const assetReads = () => requestsLogged(test, 'GET', '/v3/assets/');
  /** `HEAD` requests of files URLs so far: the checks of fresh entries. */
  const fileHeads = () => requestsLogged(test, 'HEAD', '/asset/');

  function clientWith(cache: AssetIdCache | false, revalidateAfterMs?: number) {
    return new HeygenAssets({ apiKey: TEST_API_KEY, baseUrl: test.url, cache, revalidateAfterMs });
  }

  before(async () => {
    test = await startTestServer();
    jpeg = await makeJpeg();
    otherJpeg = await makeJpeg({ width: 64, height: 48 });
    png = await makePng();
  });
  after(() => test.close());

  it('makes no PUT for the second upload of the same bytes, and answers the same asset', async () => {
    const client = clientWith(new MemoryAssetIdCache());
    const path = await writeTempFile(test.workDir, 'same.jpg', jpeg);
    const putsBefore = puts();
    const createsBefore = requestsLogged(test, 'POST', '/v1/asset');

    const first = await client.uploadFile(path);
    const second = await client.uploadFile(path);

    assert.deepEqual(second, first);
    assert.equal(first.sha256, sha256(jpeg));
    assert.equal(puts() - putsBefore, 1);
    assert.equal(requestsLogged(test, 'POST', '/v1/asset') - createsBefore, 1);
  });

  it('finds the same bytes whatever their source: a path, bytes in memory or a stream', async () => {
    const client = clientWith(new MemoryAssetIdCache());
    const path = await writeTempFile(test.workDir, 'sources.png', png);
    const putsBefore = puts();

    // A stream cannot be looked up (it is read once, to send), but its id is remembered.
    const fromStream = await client.uploadFile(Readable.from([png]), { sizeBytes: png.byteLength });
    const fromPath = await client.uploadFile(path);
    const fromBytes = await client.uploadFile(png);

    assert.equal(puts() - putsBefore, 1);
    assert.equal(fromPath.assetId, fromStream.assetId);
    assert.equal(fromBytes.assetId, fromStream.assetId);
  });

  it('uploads changed bytes under the same path anew', async () => {
    const client = clientWith(new MemoryAssetIdCache());
    const putsBefore = puts();

    const path = await writeTempFile(test.workDir, 'changing.jpg', jpeg);
    const first = await client.uploadFile(path);
    await writeTempFile(test.workDir, 'changing.jpg', otherJpeg);
    const second = await client.uploadFile(path);

    assert.equal(puts() - putsBefore, 2);
    assert.notEqual(second.assetId, first.assetId);
    assert.equal(second.sha256, sha256(otherJpeg));
  });

  it('reuses a fresh entry after one HEAD of its files URL, without reading the asset', async () => {
    const client = clientWith(new MemoryAssetIdCache());
    const first = await client.uploadFile(jpeg);
    const putsBefore = puts();
    const readsBefore = assetReads();
    const headsBefore = fileHeads();

    const second = await client.uploadFile(jpeg);

    assert.deepEqual(second, first);
    assert.equal(puts(), putsBefore);
    assert.equal(assetReads(), readsBefore);
    assert.equal(fileHeads() - headsBefore, 1);
  });

  it('detects an id deleted elsewhere once the entry is due, and uploads again', async () => {
    const cache = new MemoryAssetIdCache();
    const client = clientWith(cache, 0);
    const first = await client.uploadFile(jpeg);
    await clientWith(false).delete(first.assetId);
    const putsBefore = puts();
    const readsBefore = assetReads();

    const second = await client.uploadFile(jpeg);

    assert.notEqual(second.assetId, first.assetId);
    assert.equal(puts() - putsBefore, 1);
    assert.equal(assetReads() - readsBefore, 1);
    assert.equal((await fetch(second.url)).status, 200);
    const [entry] = await cache.list();
    assert.equal(entry?.assetId, second.assetId);
  });

  it('forgets an asset the client deletes: the same file is sent again and its URL serves it', async () => {
    const cache = new MemoryAssetIdCache();
    const client = clientWith(cache);
    const bytes = await makeJpeg({ width: 40, height: 30 });
    const path = await writeTempFile(test.workDir, 'deleted.jpg', bytes);
    const first = await client.uploadFile(path);

    const deleted = await client.delete(first.assetId);
    const entriesAfterDelete = await cache.list();
    const putsBefore = puts();
    const headsBefore = fileHeads();
    const second = await client.uploadFile(path);

    assert.deepEqual(deleted, { id: first.assetId });
    assert.deepEqual(entriesAfterDelete, []);
    assert.notEqual(second.assetId, first.assetId);
    assert.equal(puts() - putsBefore, 1);
    assert.equal(fileHeads(), headsBefore, 'no entry was left to check');
    assert.equal(second.sha256, sha256(bytes));
    assert.equal(sha256(await fetchServedBytes(second.url)), sha256(bytes));
    assert.equal((await fetch(first.url)).status, 404);
    assert.deepEqual(
      (await cache.list()).map((entry) => entry.assetId),
      [second.assetId],
    );
  });

  it('forgets on delete only the entries of this server and key that point at the asset', async () => {
    const path = join(test.workDir, 'forget', 'asset-ids.json');
    const client = clientWith(new FileAssetIdCache(path));
    const asset = await client.uploadFile(await makePng({ width: 11, height: 7 }));
    const [entry] = await new FileAssetIdCache(path).list();
    assert.ok(entry);
    const kept = [
      { ...entry, space: spaceOfApiKey('another-key') },
      { ...entry, baseUrl: 'http://127.0.0.1:9/' },
      { ...entry, sha256: 'f'.repeat(64), assetId: '0'.repeat(32) },
    ];
    for (const other of kept) await new FileAssetIdCache(path).set(other);

    await client.delete(asset.assetId);

    const byKey = (a: CachedAsset, b: CachedAsset) =>
      `${a.sha256}${a.space}${a.baseUrl}`.localeCompare(`${b.sha256}${b.space}${b.baseUrl}`);
    assert.deepEqual((await new FileAssetIdCache(path).list()).sort(byKey), kept.sort(byKey));
  });

  it('forgets the asset when delete answers not_found, the asset being gone already', async () => {
    const cache = new MemoryAssetIdCache();
    const client = clientWith(cache);
    const asset = await client.uploadFile(await makePng({ width: 13, height: 7 }));
    await clientWith(false).delete(asset.assetId);

    const refused = await client.delete(asset.assetId).catch((error: unknown) => error);

    assert.ok(refused instanceof ApiError);
    assert.equal(refused.status, 404);
    assert.equal(refused.code, 'not_found');
    assert.deepEqual(await cache.list(), []);
  });

  it('uploads again when another key of the space deleted a fresh entry’s asset', async () => {
    const secondKey = 'second-key-of-the-space-0123456789';
    const { catalog } = test.server;
    await catalog.addApiKey({
      keyHash: hashApiKey(secondKey),
      spaceId: (await catalog.defaultSpace()).id,
      label: 'second',
      createdAt: new Date(),
    });
    const cache = new MemoryAssetIdCache();
    const client = clientWith(cache);
    const bytes = await makePng({ width: 12, height: 9 });
    const first = await client.uploadFile(bytes);
    const otherKey = new HeygenAssets({ apiKey: secondKey, baseUrl: test.url, cache: false });
    await otherKey.delete(first.assetId);
    const putsBefore = puts();
    const readsBefore = assetReads();
    const headsBefore = fileHeads();

    const second = await client.uploadFile(bytes);

    assert.notEqual(second.assetId, first.assetId);
    assert.equal(puts() - putsBefore, 1);
    assert.equal(fileHeads() - headsBefore, 1);
    assert.equal(assetReads(), readsBefore);
    assert.equal(sha256(await fetchServedBytes(second.url)), sha256(bytes));
    assert.deepEqual(
      (await cache.list()).map((entry) => entry.assetId),
      [second.assetId],
    );
  });

  it('reuses a fresh entry whose files URL cannot be checked, asking it once', async () => {
    const cache = new MemoryAssetIdCache();
    const client = clientWith(cache);
    const bytes = await makePng({ width: 14, height: 9 });
    await client.uploadFile(bytes);
    const [entry] = await cache.list();
    assert.ok(entry);
    const filesHostSaw: string[] = [];
    const filesHost = await startStubServer((request, response) => {
      filesHostSaw.push(`${request.method} ${request.url}`);
      response.writeHead(503, { 'retry-after': '0' });
      response.end();
    });
    const url = `${filesHost.url}/asset/${entry.assetId}`;
    await cache.set({ ...entry, url });
    const putsBefore = puts();

    const again = await client.uploadFile(bytes).finally(() => filesHost.close());

    assert.equal(again.assetId, entry.assetId);
    assert.equal(again.url, url);
    assert.equal(puts(), putsBefore);
    assert.deepEqual(filesHostSaw, [`HEAD /asset/${entry.assetId}`]);
  });

  it('reuses a fresh entry whose files host never answers, after at most 5 s', {
    timeout: 20_000,
  }, async () => {
    const cache = new MemoryAssetIdCache();
    // No idle limit at all: only the check's own cap can end its wait.
    const client = new HeygenAssets({
      apiKey: TEST_API_KEY,
      baseUrl: test.url,
      cache,
      timeoutMs: 0,
    });
    const bytes = await makePng({ width: 15, height: 9 });
    await client.uploadFile(bytes);
    const [entry] = await cache.list();
    assert.ok(entry);
    const silentHost = await startStubServer(() => {});
    const url = `${silentHost.url}/asset/${entry.assetId}`;
    await cache.set({ ...entry, url });
    const putsBefore = puts();
    const started = performance.now();

    const again = await client.uploadFile(bytes).finally(() => silentHost.close());

    const waitedMs = performance.now() - started;
    assert.equal(again.assetId, entry.assetId);
    assert.equal(puts(), putsBefore);
    assert.ok(
      waitedMs >= FILES_URL_CHECK_TIMEOUT_MS - 100 && waitedMs < FILES_URL_CHECK_TIMEOUT_MS + 3000,
      `waited ${Math.round(waitedMs)} ms`,
    );
  });

  it('confirms an entry older than revalidateAfterMs with one read, then reuses it', async () => {
    const cache = new MemoryAssetIdCache();
    const client = clientWith(cache);
    const first = await client.uploadFile(png);
    const [entry] = await cache.list();
    assert.ok(entry);
    await cache.set({ ...entry, checkedAt: Date.now() - 2 * DAY_MS });
    const putsBefore = puts();
    const readsBefore = assetReads();

    const second = await client.uploadFile(png);

    assert.deepEqual(second, first);
    assert.equal(puts(), putsBefore);
    assert.equal(assetReads() - readsBefore, 1);
    const [confirmed] = await cache.list();
    assert.ok(confirmed && Date.now() - confirmed.checkedAt < 60_000);
  });

  it('keys entries by server and space: another key or server never gets this id', async () => {
    const cache = new MemoryAssetIdCache();
    await clientWith(cache).uploadFile(jpeg);
    const otherServerSaw: string[] = [];
    const otherServer = await startStubServer((request, response) => {
      otherServerSaw.push(`${request.method} ${request.url}`);
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end('{"error": "not this server", "code": "invalid_request", "data": null}');
    });

    // Both go to their server instead of answering from the cache, and are refused there.
    const refused = await new HeygenAssets({ apiKey: 'another-key', baseUrl: test.url, cache })
      .uploadFile(jpeg)
      .catch((error: unknown) => error);
    const elsewhere = await new HeygenAssets({
      apiKey: TEST_API_KEY,
      baseUrl: otherServer.url,
      cache,
    })
      .uploadFile(jpeg)
      .catch((error: unknown) => error);
    await otherServer.close();

    assert.ok(refused instanceof ApiError);
    assert.equal(refused.status, 401);
    assert.ok(elsewhere instanceof ApiError);
    assert.deepEqual(otherServerSaw, ['POST /v1/asset']);
    const [entry] = await cache.list();
    assert.equal(entry?.space, spaceOfApiKey(TEST_API_KEY));
    assert.equal(entry?.baseUrl, `${test.url}/`);
    assert.equal(JSON.stringify(await cache.list()).includes(TEST_API_KEY), false);
  });

  it('shares an on-disk cache between clients, as between processes', async () => {
    const path = join(test.workDir, 'cache', 'asset-ids.json');
    const putsBefore = puts();

    const first = await clientWith(new FileAssetIdCache(path)).uploadFile(otherJpeg);
    const second = await clientWith(new FileAssetIdCache(path)).uploadFile(otherJpeg);

    assert.deepEqual(second, first);
    assert.equal(puts() - putsBefore, 1);
  });

  it('uploads as usual when the cache itself fails', async () => {
    const broken: AssetIdCache = {
      get: async () => {
        throw new Error('disk gone');
      },
      set: async () => {
        throw new Error('disk gone');
      },
      delete: async () => {},
      list: async () => [],
      clear: async () => {},
    };

    const asset = await clientWith(broken).uploadFile(png);

    assert.equal(asset.sha256, sha256(png));
  });

  it('makes no PUT when the same media is uploaded from a URL twice', async () => {
    const client = clientWith(new MemoryAssetIdCache());
    const source = await startStubServer((_request, response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(png);
    });
    const putsBefore = puts();

    const first = await client.uploadFromUrl(`${source.url}/a.png`, { allowPrivateNetworks: true });
    const second = await client.uploadFromUrl(`${source.url}/b.png`, {
      allowPrivateNetworks: true,
    });
    await source.close();

    assert.equal(second.assetId, first.assetId);
    assert.equal(puts() - putsBefore, 1);
  });

  it('keeps ids in $XDG_CACHE_HOME/heygen-assets/asset-ids.json by default', async () => {
    const cacheHome = join(test.workDir, 'xdg-cache');
    const client = withEnv(
      { XDG_CACHE_HOME: cacheHome, HEYGEN_ASSETS_NO_CACHE: undefined },
      () => new HeygenAssets({ apiKey: TEST_API_KEY, baseUrl: test.url }),
    );
    const putsBefore = puts();

    const asset = await client.uploadFile(await makePng({ width: 5, height: 3 }));
    await client.uploadFile(await makePng({ width: 5, height: 3 }));

    assert.equal(puts() - putsBefore, 1);
    const file = new FileAssetIdCache(join(cacheHome, 'heygen-assets', 'asset-ids.json'));
    assert.deepEqual(
      (await file.list()).map((entry) => entry.assetId),
      [asset.assetId],
    );
  });

  it('has no default cache when HEYGEN_ASSETS_NO_CACHE is set', async () => {
    const client = withEnv(
      { HEYGEN_ASSETS_NO_CACHE: '1' },
      () => new HeygenAssets({ apiKey: TEST_API_KEY, baseUrl: test.url }),
    );
    const putsBefore = puts();

    await client.uploadFile(jpeg);
    await client.uploadFile(jpeg);

    assert.equal(puts() - putsBefore, 2);
  });

  it('uploads every time with cache: false', async () => {
    const client = clientWith(false);
    const putsBefore = puts();

    await client.uploadFile(jpeg);
    await client.uploadFile(jpeg);

    assert.equal(puts() - putsBefore, 2);
  });
});
