import type { Readable } from 'node:stream';
import {
  AssetError,
  type CanonicalMediaType,
  type MediaFacts,
  MediaRejectedError,
} from '@heygen-assets/core';
import { type BlobStore, blobKeyForSha256 } from '../blobs/blob-store.js';
import { verifyMedia } from '../media/verify-media.js';

export interface UploadExpectations {
  /** The type the uploader declared, if any; the detected type must match it. */
  declaredType: CanonicalMediaType | undefined;
  /** Hard cap while streaming, in bytes. */
  maxBytes: number;
  /** The exact size the uploader promised, if it did. */
  sizeBytes?: number | null;
  /** The hex SHA-256 the uploader promised, if it did. */
  sha256?: string | null;
  signal?: AbortSignal;
}

export interface StoredBlob {
  blobKey: string;
  sha256: string;
  facts: MediaFacts;
}

/**
 * Streams an upload body into the blob store and keeps it only if it passes the media rules
 * (SPEC §3: core's structural check, then a full decode of JPEG and PNG images) and the
 * uploader's promises; otherwise nothing is left behind.
 */
export async function storeVerified(
  blobs: BlobStore,
  body: Readable,
  expect: UploadExpectations,
): Promise<StoredBlob> {
  const temp = await blobs.writeTemp(body, { maxBytes: expect.maxBytes, signal: expect.signal });

  try {
    if (temp.sizeBytes === 0) {
      throw new MediaRejectedError('missing_content', 'The body is empty.', {
        hint: 'Send the file bytes as the request body.',
      });
    }
    checkPromises(temp, expect);

    const source = await blobs.openTemp(temp);
    const facts = await verifyMedia(source, { declaredType: expect.declaredType }).finally(() =>
      source.close(),
    );

    const blobKey = blobKeyForSha256(temp.sha256);
    await blobs.commit(temp, blobKey);
    return { blobKey, sha256: temp.sha256, facts };
  } catch (error) {
    await blobs.discard(temp);
    throw error;
  }
}

function checkPromises(
  temp: { sizeBytes: number; sha256: string },
  expect: UploadExpectations,
): void {
  if (expect.sizeBytes != null && temp.sizeBytes !== expect.sizeBytes) {
    throw new AssetError(
      'size_mismatch',
      `Received ${temp.sizeBytes} bytes but the upload declared size_bytes ${expect.sizeBytes}.`,
      { hint: 'Send the whole file, or request a new upload URL with the right size_bytes.' },
    );
  }
  if (expect.sha256 != null && temp.sha256 !== expect.sha256) {
    throw new AssetError(
      'checksum_mismatch',
      `The bytes have SHA-256 ${temp.sha256} but the upload declared ${expect.sha256}.`,
      { hint: 'Check that the file did not change since the checksum was computed.' },
    );
  }
}
