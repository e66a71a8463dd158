import type { Readable } from 'node:stream';
import {
  AssetError,
  type CanonicalMediaType,
  MEDIA_TYPES,
  mediaTypeRule,
} from '@heygen-assets/core';
import type { BlobReferences } from '../blobs/blob-references.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { tooLarge } from '../blobs/temp-file-writer.js';
import type { Catalog } from '../catalog/catalog.js';
import type { AssetCompletion, AssetRecord, NewAsset } from '../catalog/records.js';
import { receiveVerified, type VerifiedUpload } from '../ingest/receive-verified.js';
import { newAssetId } from './asset-id.js';

export interface PendingUploadRequest {
  spaceId: string;
  declaredType: CanonicalMediaType;
  filename?: string | undefined;
  folderId?: string | undefined;
  sizeBytes?: number | undefined;
  sha256?: string | undefined;
  /** Lifetime of the upload URL, in seconds. */
  ttlSeconds: number;
  /** Default `on_upload` (presigned dialect); v3 direct uploads use `explicit`. */
  completion?: AssetCompletion;
  batchId?: string;
  itemIndex?: number;
}

export interface BodyUpload {
  body: Readable;
  /** The request's `Content-Length`, when it sent one. */
  contentLength: number | undefined;
  signal?: AbortSignal;
}

/**
 * The asset lifecycle around uploads: pending assets waiting for bytes (SPEC §4), and the
 * one-request raw upload (SPEC §5). Verification is `receiveVerified`'s job; committing shared
 * bytes is `BlobReferences`'.
 */
export class AssetUploads {
  readonly #catalog: Catalog;
  readonly #blobs: BlobStore;
  readonly #references: BlobReferences;
  /** Assets whose bytes are arriving right now, so a second PUT cannot interleave. */
  readonly #receiving = new Set<string>();

  constructor(catalog: Catalog, blobs: BlobStore, references: BlobReferences) {
    this.#catalog = catalog;
    this.#blobs = blobs;
    this.#references = references;
  }

  async createPending(request: PendingUploadRequest): Promise<AssetRecord> {
    const asset = newPendingAsset(request);
    await this.#catalog.createAsset(asset);
    return this.#required(asset.id);
  }

  /** Receives the bytes of a pending asset (the PUT of SPEC §4.2). */
  async receive(assetId: string, upload: BodyUpload): Promise<AssetRecord> {
    const asset = await this.#catalog.findAsset(assetId);
    if (!asset) throw notFound(assetId);
    if (asset.status !== 'pending_upload') {
      throw new AssetError('already_uploaded', `Asset ${assetId} has already been uploaded.`, {
        hint: 'Request a new upload URL to upload another file.',
      });
    }
    if (this.#receiving.has(assetId)) {
      throw new AssetError('request_in_progress', `An upload to asset ${assetId} is running.`, {
        hint: 'Wait for it to finish; retry only if it fails.',
      });
    }

    this.#receiving.add(assetId);
    try {
      if (asset.completion === 'explicit') return await this.#stageLocked(asset, upload);
      return await this.#receiveLocked(asset, upload);
    } finally {
      this.#receiving.delete(assetId);
    }
  }

  /** Stores a file sent in one request (SPEC §5) as a completed asset. */
  async receiveRaw(
    spaceId: string,
    declaredType: CanonicalMediaType | undefined,
    upload: BodyUpload,
    options: { filename?: string; maxBytes?: number } = {},
  ): Promise<AssetRecord> {
    const typeMaxBytes = declaredType ? mediaTypeRule(declaredType).maxBytes : largestMaxBytes();
    const maxBytes = Math.min(typeMaxBytes, options.maxBytes ?? typeMaxBytes);
    checkContentLength(upload.contentLength, maxBytes, null);

    const verified = await receiveVerified(this.#blobs, upload.body, {
      declaredType,
      maxBytes,
      signal: upload.signal,
    });

    const now = new Date();
    const id = newAssetId();
    await this.#references.commitTemp(verified.temp, verified.blobKey, async () => {
      await this.#catalog.createAsset({
        id,
        spaceId,
        declaredType: verified.facts.mimeType,
        filename: options.filename ?? null,
        folderId: '',
        declaredSizeBytes: null,
        declaredSha256: null,
        createdAt: now,
        uploadExpiresAt: now,
      });
      return this.#catalog.completeAsset(id, completedUpload(verified, now));
    });
    return this.#required(id);
  }

  async #receiveLocked(asset: AssetRecord, upload: BodyUpload): Promise<AssetRecord> {
    const { maxBytes } = mediaTypeRule(asset.declaredType);
    checkContentLength(upload.contentLength, maxBytes, asset.declaredSizeBytes);

    const verified = await receiveVerified(this.#blobs, upload.body, {
      declaredType: asset.declaredType,
      maxBytes,
      sizeBytes: asset.declaredSizeBytes,
      sha256: asset.declaredSha256,
      signal: upload.signal,
    });

    const completed = await this.#references.commitTemp(verified.temp, verified.blobKey, () =>
      this.#catalog.completeAsset(asset.id, completedUpload(verified, new Date())),
    );
    if (!completed) throw notFound(asset.id);
    return this.#required(asset.id);
  }

  /**
   * Keeps the bytes of an explicit-completion upload for `/complete` to verify. Size and
   * checksum were bound to the URL, so they are checked here, while the bytes arrive.
   */
  async #stageLocked(asset: AssetRecord, upload: BodyUpload): Promise<AssetRecord> {
    const typeMaxBytes = mediaTypeRule(asset.declaredType).maxBytes;
    const sizeBytes = asset.declaredSizeBytes ?? typeMaxBytes;
    checkContentLength(upload.contentLength, typeMaxBytes, asset.declaredSizeBytes);

    const temp = await this.#blobs
      .writeTemp(upload.body, { maxBytes: sizeBytes, signal: upload.signal })
      .catch((error: unknown) => {
        if (error instanceof AssetError && error.code === 'file_too_large') {
          throw sizeMismatch(`More than the declared size_bytes ${sizeBytes} arrived.`);
        }
        throw error;
      });
    try {
      checkStaged(temp, asset);
      const blobKey = stagedBlobKey(asset.id);
      await this.#blobs.commit(temp, blobKey);
      await this.#catalog.stageUpload(asset.id, { blobKey, ...temp });
    } catch (error) {
      await this.#blobs.discard(temp);
      throw error;
    }
    return this.#required(asset.id);
  }

  async #required(id: string): Promise<AssetRecord> {
    const asset = await this.#catalog.findAsset(id);
    if (!asset) throw notFound(id);
    return asset;
  }
}

/** The row of a new pending asset; refuses a declared size over the type's limit. */
export function newPendingAsset(request: PendingUploadRequest): NewAsset {
  const rule = mediaTypeRule(request.declaredType);
  if (request.sizeBytes !== undefined && request.sizeBytes > rule.maxBytes) {
    throw tooLarge(rule.maxBytes);
  }

  const now = new Date();
  return {
    id: newAssetId(),
    spaceId: request.spaceId,
    declaredType: request.declaredType,
    filename: request.filename ?? null,
    folderId: request.folderId ?? '',
    declaredSizeBytes: request.sizeBytes ?? null,
    declaredSha256: request.sha256 ?? null,
    createdAt: now,
    uploadExpiresAt: new Date(now.getTime() + request.ttlSeconds * 1000),
    completion: request.completion ?? 'on_upload',
    batchId: request.batchId ?? null,
    itemIndex: request.itemIndex ?? null,
  };
}

function completedUpload(verified: VerifiedUpload, completedAt: Date) {
  return { facts: verified.facts, sha256: verified.sha256, blobKey: verified.blobKey, completedAt };
}

/** Refuses a body by its `Content-Length` before reading any of it. */
function checkContentLength(
  contentLength: number | undefined,
  maxBytes: number,
  declaredSizeBytes: number | null,
): void {
  if (contentLength === undefined) return;
  if (contentLength > maxBytes) throw tooLarge(maxBytes);
  if (declaredSizeBytes !== null && contentLength !== declaredSizeBytes) {
    throw new AssetError(
      'size_mismatch',
      `Content-Length is ${contentLength} but the upload declared size_bytes ${declaredSizeBytes}.`,
      { hint: 'Send the whole file, or request a new upload URL with the right size_bytes.' },
    );
  }
}

function checkStaged(temp: { sizeBytes: number; sha256: string }, asset: AssetRecord): void {
  if (temp.sizeBytes === 0) {
    throw new AssetError('missing_content', 'The body is empty.', {
      hint: 'Send the file bytes as the request body.',
    });
  }
  if (asset.declaredSizeBytes !== null && temp.sizeBytes !== asset.declaredSizeBytes) {
    throw sizeMismatch(
      `Received ${temp.sizeBytes} bytes but the upload declared size_bytes ${asset.declaredSizeBytes}.`,
    );
  }
  if (asset.declaredSha256 !== null && temp.sha256 !== asset.declaredSha256) {
    throw new AssetError(
      'checksum_mismatch',
      `The bytes have SHA-256 ${temp.sha256} but the upload declared ${asset.declaredSha256}.`,
      { hint: 'Check that the file did not change since the checksum was computed.' },
    );
  }
}

function sizeMismatch(message: string): AssetError {
  return new AssetError('size_mismatch', message, {
    hint: 'Send exactly size_bytes bytes, or request a new upload with the right size_bytes.',
  });
}

/** Where a PUT's bytes wait for `/complete`. */
export function stagedBlobKey(assetId: string): string {
  return `staged/${assetId}`;
}

function largestMaxBytes(): number {
  return Math.max(...Object.values(MEDIA_TYPES).map((rule) => rule.maxBytes));
}

export function notFound(id: string): AssetError {
  return new AssetError('not_found', `No asset with id ${id}.`, {
    hint: 'Check the id; assets of other spaces are not visible with this key.',
  });
}
