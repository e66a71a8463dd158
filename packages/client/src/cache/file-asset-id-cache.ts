import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  type AssetCacheKey,
  type AssetIdCache,
  type CachedAsset,
  cacheKeyText,
  copyCachedAsset,
  isCachedAsset,
} from './asset-id-cache.js';
import { defaultCacheDir } from './default-cache-dir.js';

/** Name of the cache file in the cache directory. */
export const ASSET_ID_CACHE_FILE = 'asset-ids.json';

/** Most entries kept; beyond it the ones checked longest ago are dropped. */
export const MAX_CACHED_ASSETS = 10_000;

/** Version of the file's layout; a file of another version is ignored (and replaced). */
const FILE_VERSION = 1;

type Entries = Map<string, CachedAsset>;

/**
 * An `AssetIdCache` in one JSON file, by default `asset-ids.json` in the user's cache
 * directory. Each change rewrites the file atomically (a temporary file renamed over it), so a
 * reader never sees half a file; changes from this process are applied one at a time. Two
 * processes writing at once may lose one's entry, which costs one upload, nothing more. The
 * file holds files URLs, which are capability URLs, so it is readable by its owner only.
 * A missing or unreadable file is an empty cache.
 */
export class FileAssetIdCache implements AssetIdCache {
  readonly path: string;
  #queue: Promise<unknown> = Promise.resolve();

  /** @param path the cache file. Default: `asset-ids.json` in `defaultCacheDir()`. */
  constructor(path: string = join(defaultCacheDir(), ASSET_ID_CACHE_FILE)) {
    this.path = path;
  }

  async get(key: AssetCacheKey): Promise<CachedAsset | undefined> {
    await this.#queue;
    return (await this.#read()).get(cacheKeyText(key));
  }

  set(entry: CachedAsset): Promise<void> {
    return this.#update((entries) => {
      entries.set(cacheKeyText(entry), copyCachedAsset(entry));
      trim(entries);
    });
  }

  delete(key: AssetCacheKey): Promise<void> {
    return this.#update((entries) => {
      entries.delete(cacheKeyText(key));
    });
  }

  async list(): Promise<CachedAsset[]> {
    await this.#queue;
    return [...(await this.#read()).values()];
  }

  clear(): Promise<void> {
    return this.#update((entries) => entries.clear());
  }

  /** Read, change, write: queued so that this process never loses its own changes. */
  #update(change: (entries: Entries) => void): Promise<void> {
    const run = this.#queue.then(async () => {
      const entries = await this.#read();
      change(entries);
      await this.#write(entries);
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  async #read(): Promise<Entries> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return new Map();
    }
    return parseEntries(text);
  }

  async #write(entries: Entries): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.${randomUUID()}.tmp`;
    const body = { version: FILE_VERSION, entries: Object.fromEntries(entries) };

    try {
      await writeFile(temporary, `${JSON.stringify(body)}\n`, { mode: 0o600, flag: 'wx' });
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

function parseEntries(text: string): Entries {
  const entries: Entries = new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return entries;
  }

  const file = parsed as { version?: unknown; entries?: unknown } | null;
  if (file?.version !== FILE_VERSION || typeof file.entries !== 'object' || !file.entries) {
    return entries;
  }
  for (const entry of Object.values(file.entries)) {
    if (isCachedAsset(entry)) entries.set(cacheKeyText(entry), copyCachedAsset(entry));
  }
  return entries;
}

/** Drops the entries checked longest ago once there are more than `MAX_CACHED_ASSETS`. */
function trim(entries: Entries): void {
  if (entries.size <= MAX_CACHED_ASSETS) return;

  const oldestFirst = [...entries].sort(([, a], [, b]) => a.checkedAt - b.checkedAt);
  for (const [key] of oldestFirst.slice(0, entries.size - MAX_CACHED_ASSETS)) entries.delete(key);
}
