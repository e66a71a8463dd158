import type { AssetRecord, CompletedUpload, NewAsset, Space } from './records.js';

/**
 * Where the service keeps its records: spaces, API keys, assets and settings. Async from day one
 * so that SQLite (embedded default) and PostgreSQL implementations share one contract and one
 * conformance suite.
 */
export interface Catalog {
  /** Creates or upgrades the schema. Safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Returns the stored value of a setting, storing `initial` first if there is none. */
  getOrCreateSetting(name: string, initial: () => string): Promise<string>;

  /** The space every first-start key belongs to; created on first use. */
  defaultSpace(): Promise<Space>;
  createSpace(space: Space): Promise<void>;
  /** Registers a key by its hash. Registering the same hash again is a no-op. */
  addApiKey(key: {
    keyHash: string;
    spaceId: string;
    label: string;
    createdAt: Date;
  }): Promise<void>;
  /** The space a key hash belongs to, if the key is known and not revoked. */
  spaceForKeyHash(keyHash: string): Promise<string | undefined>;
  countApiKeys(): Promise<number>;

  createAsset(asset: NewAsset): Promise<void>;
  /** The asset with this id, whatever its space: for signed upload URLs and the files host. */
  findAsset(id: string): Promise<AssetRecord | undefined>;
  /** The asset with this id in this space; another space's id is the same as an unknown one. */
  findAssetInSpace(spaceId: string, id: string): Promise<AssetRecord | undefined>;
  /**
   * Marks a pending asset completed. Returns false, changing nothing, when the asset is not
   * `pending_upload` any more (completed by a concurrent request, or deleted).
   */
  completeAsset(id: string, upload: CompletedUpload): Promise<boolean>;
  /** Removes an asset of this space; returns what was removed, or undefined if nothing was. */
  deleteAsset(spaceId: string, id: string): Promise<AssetRecord | undefined>;
  /** Whether any asset still refers to the blob under `blobKey`. */
  isBlobReferenced(blobKey: string): Promise<boolean>;
}
