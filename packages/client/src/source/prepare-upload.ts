import { prepareBytesUpload } from './prepare-bytes-upload.js';
import { prepareFileUpload } from './prepare-file-upload.js';
import { prepareStreamUpload } from './prepare-stream-upload.js';
import type { PreparedUpload, SourceClaims, UploadSource } from './prepared-upload.js';

/** Runs the local media checks (SPEC §10, validate before upload) on any kind of source. */
export function prepareUpload(source: UploadSource, claims: SourceClaims): Promise<PreparedUpload> {
  if (typeof source === 'string') return prepareFileUpload(source, claims);
  if (source instanceof Uint8Array) return prepareBytesUpload(source, claims);
  return prepareStreamUpload(source, claims);
}
