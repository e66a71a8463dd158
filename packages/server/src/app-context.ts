import type { AssetCompletion } from './assets/asset-completion.js';
import type { AssetUploads } from './assets/asset-uploads.js';
import type { UploadUrlSigner } from './auth/upload-url-signer.js';
import type { BlobReferences } from './blobs/blob-references.js';
import type { BlobStore } from './blobs/blob-store.js';
import type { Catalog } from './catalog/catalog.js';
import type { ServerConfig } from './config.js';
import type { JobWorker } from './jobs/job-worker.js';

/** What every route plugin is handed: configuration and the server's long-lived services. */
export interface AppContext {
  config: ServerConfig;
  catalog: Catalog;
  blobs: BlobStore;
  /** Commits and releases content-addressed blobs without racing deletions. */
  blobReferences: BlobReferences;
  uploads: AssetUploads;
  completion: AssetCompletion;
  /** Runs background jobs; `wake()` it after enqueueing. */
  worker: JobWorker;
  signer: UploadUrlSigner;
  /** Base URL for absolute links (SPEC §7), known once the server listens. */
  publicUrl(): string;
}
