import { AssetError, MediaRejectedError } from '@heygen-assets/core';
import type { BlobReferences } from '../blobs/blob-references.js';
import { type BlobStore, blobKeyForSha256 } from '../blobs/blob-store.js';
import type { Catalog } from '../catalog/catalog.js';
import type { AssetRecord } from '../catalog/records.js';
import { verifyMedia } from '../media/verify-media.js';
import { notFound } from './asset-uploads.js';

/** Job kind that completes one staged asset in the background (batch completion). */
export const COMPLETE_ASSET_JOB = 'complete_asset';

/**
 * Finishes v3 direct uploads (SPEC §6): verifies the bytes a PUT staged, then makes the asset
 * servable or marks it failed. Safe to run twice for the same asset — after a crash, or from a
 * retried job — because every step is conditional on the asset's current state.
 */
export class AssetCompletion {
  readonly #catalog: Catalog;
  readonly #blobs: BlobStore;
  readonly #references: BlobReferences;

  constructor(catalog: Catalog, blobs: BlobStore, references: BlobReferences) {
    this.#catalog = catalog;
    this.#blobs = blobs;
    this.#references = references;
  }

  /** Completes the asset now and returns its final record (`completed` or `failed`). */
  async complete(assetId: string): Promise<AssetRecord> {
    const asset = await this.#required(assetId);
    if (asset.status === 'completed' || asset.status === 'failed') return asset;
    if (!asset.staged) {
      throw new AssetError('upload_not_found', `No bytes have been uploaded to asset ${assetId}.`, {
        hint: 'PUT the file to the upload_url with the upload_headers first, then complete.',
      });
    }

    await this.#catalog.startProcessing(assetId);
    try {
      await this.#verifyAndCommit(asset);
    } catch (error) {
      if (!(error instanceof MediaRejectedError)) throw error;
      await this.#catalog.failAsset(assetId, { code: error.code, message: error.message });
      await this.#blobs.delete(asset.staged.blobKey);
    }
    return this.#required(assetId);
  }

  /**
   * The batch job: like `complete`, except that an item whose bytes never arrived is marked
   * failed with `upload_not_found` instead of being refused.
   */
  async completeInBackground(assetId: string): Promise<void> {
    const asset = await this.#catalog.findAsset(assetId);
    if (!asset) return;
    if (asset.status === 'pending_upload' && !asset.staged) {
      await this.#catalog.failAsset(assetId, {
        code: 'upload_not_found',
        message: 'No bytes were uploaded to this item before the batch was completed.',
      });
      return;
    }
    await this.complete(assetId);
  }

  async #verifyAndCommit(asset: AssetRecord): Promise<void> {
    const staged = asset.staged;
    if (!staged) return;

    // A crash between the move and the catalog update leaves the bytes at their content address.
    const blobKey = blobKeyForSha256(staged.sha256);
    const alreadyMoved = await this.#blobs.open(staged.blobKey).then(
      (source) => source.close().then(() => false),
      () => true,
    );
    const source = await this.#blobs.open(alreadyMoved ? blobKey : staged.blobKey);
    const facts = await verifyMedia(source, { declaredType: asset.declaredType }).finally(() =>
      source.close(),
    );

    const record = () =>
      this.#catalog.completeAsset(asset.id, {
        facts,
        sha256: staged.sha256,
        blobKey,
        completedAt: new Date(),
      });
    if (alreadyMoved) await this.#references.record(blobKey, record);
    else await this.#references.commitMove(staged.blobKey, blobKey, record);
  }

  async #required(id: string): Promise<AssetRecord> {
    const asset = await this.#catalog.findAsset(id);
    if (!asset) throw notFound(id);
    return asset;
  }
}
