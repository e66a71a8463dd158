import type { AssetUploads } from './assets/asset-uploads.js';
import type { UploadUrlSigner } from './auth/upload-url-signer.js';
import type { BlobStore } from './blobs/blob-store.js';
import type { Catalog } from './catalog/catalog.js';
import type { ServerConfig } from './config.js';

/** What every route plugin is handed: configuration and the server's long-lived services. */
export interface AppContext {
  config: ServerConfig;
  catalog: Catalog;
  blobs: BlobStore;
  uploads: AssetUploads;
  signer: UploadUrlSigner;
  /** Base URL for absolute links (SPEC §7), known once the server listens. */
  publicUrl(): string;
}
