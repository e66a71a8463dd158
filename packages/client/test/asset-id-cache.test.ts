import assert from 'node:assert/strict';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type AssetIdCache,
  type CachedAsset,
  defaultCacheDir,
  FileAssetIdCache,
  MemoryAssetIdCache,
} from '@heygen-assets/client';
import { makeTempDir } from '@heygen-assets/testkit';

function entry(overrides: Partial<CachedAsset> = {}): CachedAsset {
  return {
    baseUrl: 'http://127.0.0.1:3000/',
    space: '0f'.repeat(16),
    sha256: 'ab'.repeat(32),
    assetId: '0123456789abcdef0123456789abcdef',
    url: 'http://127.0.0.1:3000/asset/0123456789abcdef0123456789abcdef',
    mimeType: 'image/jpeg',
    sizeBytes: 719,
    checkedAt: 1_700_000_000_000,
    ...overrides,
  };
}

/** The behaviour every `AssetIdCache` must have, whatever it stores entries in. */
function conformance(name: string, makeCache: () => Promise<AssetIdCache>) {
  describe(`${name}: the AssetIdCache contract`, () => {
    it('answers undefined for a key it has never seen', async () => {
      const cache = await makeCache();
      assert.equal(await cache.get(entry()), undefined);
    });

    it('gives back exactly the entry set under a key', async () => {
      const cache = await makeCache();
      await cache.set(entry());
      assert.deepEqual(await cache.get(entry()), entry());
    });

    it('keeps entries apart when the server, the space or the bytes differ', async () => {
      const cache = await makeCache();
      const variants = [
        entry(),
        entry({ baseUrl: 'http://127.0.0.1:3001/', assetId: 'b'.repeat(32) }),
        entry({ space: '1e'.repeat(16), assetId: 'c'.repeat(32) }),
        entry({ sha256: 'cd'.repeat(32), assetId: 'd'.repeat(32) }),
      ];
      for (const variant of variants) await cache.set(variant);

      for (const variant of variants) assert.deepEqual(await cache.get(variant), variant);
      assert.equal((await cache.list()).length, 4);
    });

    it('replaces the entry of a key that is set again', async () => {
      const cache = await makeCache();
      await cache.set(entry());
      await cache.set(entry({ assetId: 'e'.repeat(32), checkedAt: 1_800_000_000_000 }));

      assert.deepEqual(await cache.list(), [
        entry({ assetId: 'e'.repeat(32), checkedAt: 1_800_000_000_000 }),
      ]);
    });

    it('forgets a deleted key and nothing else', async () => {
      const cache = await makeCache();
      await cache.set(entry());
      await cache.set(entry({ sha256: 'cd'.repeat(32) }));
      await cache.delete(entry());

      assert.equal(await cache.get(entry()), undefined);
      assert.deepEqual(await cache.list(), [entry({ sha256: 'cd'.repeat(32) })]);
    });

    it('is empty after clear', async () => {
      const cache = await makeCache();
      await cache.set(entry());
      await cache.set(entry({ sha256: 'cd'.repeat(32) }));
      await cache.clear();

      assert.deepEqual(await cache.list(), []);
    });

    it('hands out copies: changing one does not change the cache', async () => {
      const cache = await makeCache();
      const original = entry();
      await cache.set(original);
      original.assetId = 'changed';
      const read = await cache.get(entry());
      if (read) read.url = 'changed';

      assert.deepEqual(await cache.get(entry()), entry());
    });

    it('keeps every one of many entries set at the same time', async () => {
      const cache = await makeCache();
      const many = Array.from({ length: 25 }, (_, index) =>
        entry({ sha256: index.toString(16).padStart(64, '0') }),
      );
      await Promise.all(many.map((item) => cache.set(item)));

      assert.equal((await cache.list()).length, 25);
    });
  });
}

describe('asset-id caches', () => {
  let dir: string;
  let files = 0;

  before(async () => {
    dir = await makeTempDir('heygen-client-cache-');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  conformance('MemoryAssetIdCache', async () => new MemoryAssetIdCache());
  conformance('FileAssetIdCache', async () => {
    files += 1;
    return new FileAssetIdCache(join(dir, `cache-${files}`, 'asset-ids.json'));
  });

  describe('FileAssetIdCache on disk', () => {
    it('is shared by every instance on the same file, as by processes', async () => {
      const path = join(dir, 'shared', 'asset-ids.json');
      await new FileAssetIdCache(path).set(entry());

      assert.deepEqual(await new FileAssetIdCache(path).get(entry()), entry());
    });

    it('writes a JSON file readable by its owner only, in a directory it creates', async () => {
      const path = join(dir, 'private', 'nested', 'asset-ids.json');
      await new FileAssetIdCache(path).set(entry());

      assert.equal((await stat(path)).mode & 0o777, 0o600);
      const file = JSON.parse(await readFile(path, 'utf8'));
      assert.equal(file.version, 1);
      assert.deepEqual(Object.values(file.entries), [entry()]);
    });

    it('treats a corrupt file as empty and replaces it on the next change', async () => {
      const path = join(dir, 'corrupt.json');
      await writeFile(path, '{"version": 1, "entries": {"x": ');
      const cache = new FileAssetIdCache(path);

      assert.deepEqual(await cache.list(), []);
      await cache.set(entry());
      assert.deepEqual(await new FileAssetIdCache(path).list(), [entry()]);
    });

    it('skips entries with missing or mistyped fields', async () => {
      const path = join(dir, 'partial.json');
      const broken = { ...entry({ sha256: 'ef'.repeat(32) }), sizeBytes: '719' };
      await writeFile(path, JSON.stringify({ version: 1, entries: { a: entry(), b: broken } }));

      assert.deepEqual(await new FileAssetIdCache(path).list(), [entry()]);
    });
  });

  describe('defaultCacheDir', () => {
    it('is heygen-assets under an absolute XDG_CACHE_HOME', () => {
      assert.equal(
        defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/me' }),
        '/var/cache/me/heygen-assets',
      );
    });

    it('is ~/.cache/heygen-assets when XDG_CACHE_HOME is unset or relative', () => {
      const fallback = join(homedir(), '.cache', 'heygen-assets');
      assert.equal(defaultCacheDir({}), fallback);
      assert.equal(defaultCacheDir({ XDG_CACHE_HOME: 'relative/cache' }), fallback);
    });
  });
});
