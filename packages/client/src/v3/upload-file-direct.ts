import type { Transport } from '../http/transport.js';
import type { UploadedAsset } from '../operations/put-upload.js';
import type { UploadFileOptions } from '../operations/upload-options.js';
import { withFreshUploadUrl } from '../retry/with-fresh-upload-url.js';
import type { UploadSource } from '../source/prepared-upload.js';
import { completeUpload } from './complete-upload.js';
import { prepareDirectUpload } from './prepare-direct-upload.js';
import { putToSlot } from './put-to-slot.js';
import { createUploadSlot } from './upload-slot.js';

export interface UploadFileDirectOptions extends UploadFileOptions {
  /** Folder to file the asset in. Default: none (the root). */
  folderId?: string | undefined;
}

/**
 * The v3 direct upload (SPEC §6): local checks and SHA-256, `POST /v3/assets/direct-uploads`
 * binding the size and checksum to the URL, the PUT with exactly the slot's headers, then
 * `POST /v3/assets/{id}/complete`. `sha256` in the result is that of the bytes sent. A PUT refused
 * with `upload_url_expired` is sent again to a fresh slot.
 */
export async function uploadFileDirect(
  transport: Transport,
  source: UploadSource,
  options: UploadFileDirectOptions,
): Promise<UploadedAsset> {
  const { prepared, declaration } = await prepareDirectUpload(source, options, options.signal);

  try {
    // An expired upload URL gets a new slot: a new request, with a new Idempotency-Key.
    const { slot, sentSha256 } = await withFreshUploadUrl(
      async () => {
        const slot = await createUploadSlot(transport, declaration, options.signal);
        return { slot, sentSha256: await putToSlot(transport, slot, prepared, options) };
      },
      prepared.replayable,
      transport.retry,
    );
    const completed = await completeUpload(transport, slot.assetId, options.signal);
    return { ...completed, sha256: sentSha256 };
  } finally {
    await prepared.close();
  }
}
