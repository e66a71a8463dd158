import { sha256OfUpload } from '../source/hash-upload.js';
import { prepareUpload } from '../source/prepare-upload.js';
import type { PreparedUpload, SourceClaims, UploadSource } from '../source/prepared-upload.js';
import { type DirectUploadDeclaration, declarationFor } from './upload-slot.js';

export interface DirectUploadClaims extends SourceClaims {
  /** Hex SHA-256 of the bytes. Default: computed here for a path or bytes; none for a stream. */
  checksumSha256?: string | undefined;
  folderId?: string | undefined;
}

export interface PreparedDirectUpload {
  prepared: PreparedUpload;
  declaration: DirectUploadDeclaration;
}

/**
 * The local steps before a direct upload: the media checks (SPEC §10), then the SHA-256 so the
 * server can bind it to the upload URL. The caller closes `prepared`.
 */
export async function prepareDirectUpload(
  source: UploadSource,
  claims: DirectUploadClaims,
  signal: AbortSignal | undefined,
): Promise<PreparedDirectUpload> {
  return declareUpload(await prepareUpload(source, claims), claims, signal);
}

/**
 * The declaration of a source that passed the media checks: the caller's checksum, else its
 * SHA-256 read here. `prepared` is closed when this fails; otherwise the caller closes it.
 */
export async function declareUpload(
  prepared: PreparedUpload,
  claims: DirectUploadClaims,
  signal: AbortSignal | undefined,
): Promise<PreparedDirectUpload> {
  try {
    const checksum = claims.checksumSha256 ?? (await sha256OfUpload(prepared, signal));
    return { prepared, declaration: declarationFor(prepared, checksum, claims.folderId) };
  } catch (error) {
    await prepared.close();
    throw error;
  }
}
