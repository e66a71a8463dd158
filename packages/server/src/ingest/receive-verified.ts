import type { Readable } from 'node:stream';
import {
  AssetError,
  type CanonicalMediaType,
  type MediaFacts,
  MediaRejectedError,
  mediaTypeRule,
  sniffMediaType,
} from '@heygen-assets/core';
import { type BlobStore, blobKeyForSha256, type TempBlob } from '../blobs/blob-store.js';
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

/** Bytes that passed every check, still in temporary storage: commit them or discard them. */
export interface VerifiedUpload {
  temp: TempBlob;
  /** The content address to commit them under. */
  blobKey: string;
  sha256: string;
  facts: MediaFacts;
}

/**
 * Streams an upload body into temporary storage and verifies it against the media rules (SPEC
 * §3: core's structural check, then a full decode of JPEG and PNG images) and the uploader's
 * promises. A refused body leaves nothing behind.
 */
export async function receiveVerified(
  blobs: BlobStore,
  body: Readable,
  expect: UploadExpectations,
): Promise<VerifiedUpload> {
  const declaredSize = expect.sizeBytes ?? undefined;
  let headLimit: number | undefined;
  const temp = await blobs
    .writeTemp(body, {
      // A body that runs past the size it promised is cut off there, not at its type's limit.
      maxBytes: Math.min(expect.maxBytes, declaredSize ?? Number.POSITIVE_INFINITY),
      limitForHead: (head) => {
        headLimit = limitOfSniffedType(head);
        return headLimit;
      },
      signal: expect.signal,
    })
    .catch((error: unknown) => {
      const typeLimit = Math.min(expect.maxBytes, headLimit ?? Number.POSITIVE_INFINITY);
      if (isTooLarge(error) && declaredSize !== undefined && declaredSize < typeLimit) {
        throw new AssetError(
          'size_mismatch',
          `More than the declared size_bytes ${declaredSize} arrived.`,
          {
            hint:
              'Send exactly size_bytes bytes, or request a new upload URL with the right ' +
              'size_bytes.',
          },
        );
      }
      throw error;
    });

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

    return { temp, blobKey: blobKeyForSha256(temp.sha256), sha256: temp.sha256, facts };
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

/**
 * The size limit of the type the first bytes show, so that a body sent without a type (raw
 * `application/octet-stream`) is cut off at its own type's limit, not at the largest one.
 */
function limitOfSniffedType(head: Uint8Array): number | undefined {
  const sniffed = sniffMediaType(head);
  return sniffed.kind === 'accepted' ? mediaTypeRule(sniffed.type).maxBytes : undefined;
}

function isTooLarge(error: unknown): boolean {
  return error instanceof AssetError && error.code === 'file_too_large';
}
