import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { AppContext } from './app-context.js';
import { AssetCompletion } from './assets/asset-completion.js';
import { AssetUploads } from './assets/asset-uploads.js';
import { generateApiKey, hashApiKey } from './auth/api-keys.js';
import { UploadUrlSigner } from './auth/upload-url-signer.js';
import { BlobReferences } from './blobs/blob-references.js';
import { DiskBlobStore } from './blobs/disk-blob-store.js';
import type { Catalog } from './catalog/catalog.js';
import { SqliteCatalog } from './catalog/sqlite-catalog.js';
import { resolveConfig, type ServerConfig } from './config.js';
import { lockDataDir } from './data-dir-lock.js';
import { ExternalMedia } from './fetch/external-media.js';
import { systemResolveHost } from './fetch/source-policy.js';
import { jobHandlers } from './jobs/job-handlers.js';
import { JobWorker } from './jobs/job-worker.js';
import { VideoRenderer } from './render/video-renderer.js';

export interface RunningServer {
  /** Base URL of the API and files host, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** Set only on the first start without `HEYGEN_API_KEY`: the key to show the user, once. */
  generatedApiKey: string | undefined;
  app: FastifyInstance;
  config: ServerConfig;
  /** The catalog, for administration (keys, spaces) in the same process. */
  catalog: Catalog;
  close(): Promise<void>;
}

/**
 * Opens the data directory (SQLite catalog + blobs on disk), clears what interrupted uploads
 * left behind, makes sure a key exists, and listens.
 */
export async function startServer(options: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config = resolveConfig(options);
  await mkdir(config.dataDir, { recursive: true });
  const unlockDataDir = await lockDataDir(config.dataDir);
  const catalog = new SqliteCatalog(join(config.dataDir, 'catalog.sqlite3'));

  try {
    return await openServer(config, catalog, unlockDataDir);
  } catch (error) {
    await catalog.close().catch(() => {});
    await unlockDataDir();
    throw error;
  }
}

async function openServer(
  config: ServerConfig,
  catalog: Catalog,
  unlockDataDir: () => Promise<void>,
): Promise<RunningServer> {
  await catalog.migrate();
  const blobs = new DiskBlobStore(join(config.dataDir, 'blobs'));
  // Nothing is uploading before we listen, so every temp file is a leftover.
  await blobs.removeStaleTemps(0);

  const secret = await catalog.getOrCreateSetting('upload_url_secret', () =>
    randomBytes(32).toString('hex'),
  );

  const blobReferences = new BlobReferences(blobs, catalog);
  const completion = new AssetCompletion(catalog, blobs, blobReferences);
  const uploads = new AssetUploads(catalog, blobs, blobReferences);
  const externalMedia = new ExternalMedia(uploads, {
    allowPrivateNetworks: config.fetchAllowPrivateNetworks,
    resolveHost: config.resolveHost ?? systemResolveHost,
  });
  const renderer = new VideoRenderer(catalog, blobs, externalMedia);
  const worker = new JobWorker(catalog, jobHandlers(completion, renderer));
  // One process owns a SQLite catalog, so a job still marked running was cut off by a restart.
  await catalog.requeueRunningJobs();

  let boundUrl = '';
  const context: AppContext = {
    config,
    catalog,
    blobs,
    blobReferences,
    uploads,
    completion,
    worker,
    signer: new UploadUrlSigner(secret),
    publicUrl: () => config.publicUrl ?? boundUrl,
  };
  const app = buildApp(context);
  let listening = false;
  app.addHook('onClose', async () => {
    await worker.stop();
    if (!listening) return;
    await catalog.close();
    await unlockDataDir();
  });

  await app.listen({ host: config.host, port: config.port }).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  listening = true;
  boundUrl = urlOf(app.server.address() as AddressInfo);
  // Only once listening: a first start that cannot listen (port in use) must not store a key it
  // never gets to show, or the next start would find a key nobody knows.
  const generatedApiKey = await ensureApiKey(catalog, config.apiKey).catch(async (error) => {
    await app.close();
    throw error;
  });
  worker.start(app.log);

  return {
    url: context.publicUrl(),
    generatedApiKey,
    app,
    config,
    catalog,
    close: () => app.close(),
  };
}

/** Label of the key that `HEYGEN_API_KEY` registers; a new value replaces the previous one. */
const ENV_KEY_LABEL = 'env';

/**
 * Registers `HEYGEN_API_KEY` if given, revoking the key an earlier value registered, so that
 * rotating the variable rotates the key; otherwise generates the first key of a new install.
 */
async function ensureApiKey(catalog: Catalog, apiKey: string | undefined) {
  const space = await catalog.defaultSpace();
  const createdAt = new Date();
  if (apiKey) {
    const keyHash = hashApiKey(apiKey);
    await catalog.addApiKey({ keyHash, spaceId: space.id, label: ENV_KEY_LABEL, createdAt });
    await catalog.revokeApiKeysByLabel(ENV_KEY_LABEL, keyHash);
    return undefined;
  }
  if ((await catalog.countApiKeys()) > 0) return undefined;

  const generated = generateApiKey();
  await catalog.addApiKey({
    keyHash: hashApiKey(generated),
    spaceId: space.id,
    label: 'first-start',
    createdAt,
  });
  return generated;
}

/** A wildcard bind address is not a place to send clients: write it as loopback. */
function urlOf(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? '127.0.0.1' : address.address;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return `http://${hostPart}:${address.port}`;
}
