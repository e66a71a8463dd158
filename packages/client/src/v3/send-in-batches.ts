import { ApiError } from '../errors/api-error.js';
import type { Transport } from '../http/transport.js';
import { StreamNotRetriedError } from '../retry/stream-not-retried-error.js';
import { MAX_UPLOAD_URL_REFRESHES } from '../retry/with-fresh-upload-url.js';
import { mapBounded } from '../run-bounded.js';
import { completeBatch, createBatch } from './batch-requests.js';
import type { PreparedDirectUpload } from './prepare-direct-upload.js';
import { putToSlot } from './put-to-slot.js';
import type { UploadSlot } from './upload-slot.js';

/** The code of a PUT to an upload URL past its expiry (SPEC §4.2). */
const EXPIRED_URL_CODE = 'upload_url_expired';

/** A file ready to send, with its position in the caller's list. */
export interface FileToSend {
  index: number;
  ready: PreparedDirectUpload;
}

/** Where a file's last PUT went, and how it ended. */
export interface SentFile {
  batchId: string;
  /** Position of the file in that batch. */
  itemIndex: number;
  slot: UploadSlot;
  /** Why the PUT failed; `undefined` when the server took the bytes. */
  putError: unknown;
}

export interface SendInBatchesOptions {
  title: string | undefined;
  concurrency: number;
  signal: AbortSignal | undefined;
  onProgress: ((index: number, sentBytes: number, totalBytes: number) => void) | undefined;
}

/**
 * Creates one batch for `files`, PUTs each file to its slot with at most `concurrency` at once,
 * and asks the server to verify the batch. A file whose upload URL expired before its PUT got
 * there (403 `upload_url_expired`, as late files of a long batch may) is sent again in a new
 * batch made of such files, with fresh URLs: the server cannot renew a batch item's URL, and a
 * fresh URL is the only cure (SPEC §10). At most `MAX_UPLOAD_URL_REFRESHES` times per file, and
 * not when retries are off; a stream, which cannot be read twice, fails with
 * `StreamNotRetriedError` instead. The expired item is still completed with its first batch,
 * so the server marks it failed rather than leaving it pending.
 *
 * @returns every batch made, in order, and where each file (in the order of `files`) ended up
 */
export async function sendInBatches(
  transport: Transport,
  files: readonly FileToSend[],
  options: SendInBatchesOptions,
): Promise<{ batchIds: string[]; sent: SentFile[] }> {
  const batchIds: string[] = [];
  const sent: SentFile[] = new Array(files.length);
  let pending = files.map((_, position) => position);

  for (let refresh = 1; pending.length > 0; refresh++) {
    const round = await sendOneBatch(
      transport,
      pending.map((position) => files[position] as FileToSend),
      options,
    );
    batchIds.push(round.batchId);

    const again: number[] = [];
    pending.forEach((position, itemIndex) => {
      const slot = round.slots[itemIndex] as UploadSlot;
      const putError = round.putErrors[itemIndex];
      sent[position] = { batchId: round.batchId, itemIndex, slot, putError };

      if (!isExpiredUrl(putError) || transport.retry.retries === 0) return;
      if (refresh > MAX_UPLOAD_URL_REFRESHES) return;
      if (!(files[position] as FileToSend).ready.prepared.replayable) {
        const error = new StreamNotRetriedError(putError.method, putError.url, putError);
        sent[position] = { batchId: round.batchId, itemIndex, slot, putError: error };
        return;
      }
      announceRefresh(transport, putError, refresh);
      again.push(position);
    });
    pending = again;
  }

  return { batchIds, sent };
}

/** One batch: its slots, the PUTs, then the request to verify it. */
async function sendOneBatch(
  transport: Transport,
  files: readonly FileToSend[],
  options: SendInBatchesOptions,
): Promise<{ batchId: string; slots: UploadSlot[]; putErrors: unknown[] }> {
  const { signal, onProgress } = options;
  const declarations = files.map((file) => file.ready.declaration);
  const { batchId, slots } = await createBatch(transport, declarations, options.title, signal);

  const putErrors = await mapBounded(files, options.concurrency, (file, itemIndex) => {
    const progress =
      onProgress && ((sent: number, total: number) => onProgress(file.index, sent, total));
    return putToSlot(transport, slots[itemIndex] as UploadSlot, file.ready.prepared, {
      signal,
      onProgress: progress,
    }).then(
      () => undefined,
      (error: unknown) => error ?? new Error('The PUT failed.'),
    );
  });
  signal?.throwIfAborted();

  await completeBatch(transport, batchId, signal);
  return { batchId, slots, putErrors };
}

function isExpiredUrl(error: unknown): error is ApiError {
  return error instanceof ApiError && error.serverCode === EXPIRED_URL_CODE;
}

/** Tells `onRetry` about a fresh URL, as a single upload does (`withFreshUploadUrl`). */
function announceRefresh(transport: Transport, error: ApiError, refresh: number): void {
  transport.retry.onRetry({
    reason: 'upload_url_expired',
    method: error.method,
    url: error.url,
    retry: refresh,
    delayMs: 0,
    retryAfterMs: undefined,
    error,
  });
}
