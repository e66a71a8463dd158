import { basename } from 'node:path';
import type { Transport } from '../http/transport.js';
import type { ImageOptimization } from '../optimize/optimize-image.js';
import { type OptimizeOptions, resolveOptimizeOptions } from '../optimize/optimize-options.js';
import { StagingDirectory } from '../optimize/staging-directory.js';
import { mapBounded } from '../run-bounded.js';
import type { UploadSource } from '../source/prepared-upload.js';
import type { FailureReason } from './asset.js';
import type { BatchItem } from './batch-status.js';
import { failureReason } from './failure-reason.js';
import { type PreparedBatchFile, prepareBatchFile } from './prepare-batch-file.js';
import { type SentFile, sendInBatches } from './send-in-batches.js';
import { DEFAULT_BATCH_POLL_TIMEOUT_MS, waitForBatch } from './wait-for-batch.js';

/** Most files one batch may hold (SPEC §6); more are sent as several batches in turn. */
export const MAX_BATCH_FILES = 100;
/** Default for `concurrency`: files checked, hashed or sent at the same time. */
export const DEFAULT_BATCH_CONCURRENCY = 4;

/** One file of a batch, with what the caller claims about it. */
export interface BatchFile {
  /** A file path, bytes in memory, or a stream (which needs `sizeBytes`). */
  source: UploadSource;
  /** Content type to declare; must agree with the bytes. Default: the detected type. */
  contentType?: string | undefined;
  /** Name to store. Default: a path's base name, else `upload.<extension>`. */
  filename?: string | undefined;
  /** Size in bytes: required for a stream, checked for a path or bytes. */
  sizeBytes?: number | undefined;
  /** Hex SHA-256. Default: computed for a path or bytes; none for a stream. */
  checksumSha256?: string | undefined;
  /**
   * Optimisation of this file, in place of the batch's `optimize`: other options (a logo
   * fitted `inside` a small box in a batch of full-frame backgrounds), or `false` to send this
   * image as it is. Default: the batch's `optimize`.
   */
  optimize?: OptimizeOptions | false | undefined;
}

export interface UploadBatchOptions {
  /** Title stored with the batch. Default: none. */
  title?: string | undefined;
  /** Folder every asset goes in. Default: none (the root). */
  folderId?: string | undefined;
  /** Files checked, hashed or PUT at the same time, 1–100. Default 4. */
  concurrency?: number | undefined;
  /**
   * Optimise every JPEG and PNG of the batch for video before it is sent, as `uploadFile` does
   * with the same option: upright, fitted to `width`×`height`, sRGB, metadata stripped, JPEG or
   * (with transparency) PNG; the source is kept when that is not smaller. Other files are sent
   * unchanged. One setting for the whole batch; a file's own `optimize` replaces it for that
   * file (`false` turns it off). At most `concurrency` images are held in memory at once: the
   * others wait, optimised, in a private temporary directory deleted when the batch is done.
   * Without the optional peer dependency `sharp`, each image fails with
   * `optimizer_unavailable` and the other files are sent. Default: none.
   */
  optimize?: OptimizeOptions | undefined;
  /**
   * Longest wait for the server to verify the files of one batch once they are sent, in
   * milliseconds; past it the upload fails with `TimeoutError` (the server keeps going, and
   * `getBatch` shows the outcome later). 0 waits forever. Default 600000 (10 minutes).
   */
  pollTimeoutMs?: number | undefined;
  /**
   * Called as a file's bytes are sent: its position in the list given to `uploadBatch` (from 0),
   * the bytes sent so far and its total, in bytes. A file sent again (a retry, a fresh upload
   * URL) starts again from 0. Default: none.
   */
  onProgress?: ((index: number, sentBytes: number, totalBytes: number) => void) | undefined;
  /** Aborts the upload; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** The outcome for one file of a batch upload. */
export interface BatchUploadItem {
  /** Position of the file in the list given to `uploadBatch`, from 0. */
  index: number;
  status: 'completed' | 'failed';
  /** The name declared for it; for a file refused locally, a path's base name or null. */
  filename: string | null;
  /** Null when the file was refused before any request named it. */
  assetId: string | null;
  batchId: string | null;
  error: FailureReason | null;
  /** The error thrown in this process, when the failure happened here (local check, PUT). */
  cause?: unknown;
  /** How the image was optimised; only for an image of a batch sent with `optimize`. */
  optimization?: ImageOptimization | undefined;
}

export interface BatchUploadSummary {
  /**
   * Every batch created, in order: one per 100 files, plus one for the files of a batch whose
   * upload URLs expired before their bytes got there (sent again with fresh URLs).
   */
  batchIds: string[];
  /** One per file, in the order given. */
  items: BatchUploadItem[];
  /** How many items completed. */
  completed: number;
  /** How many items failed. */
  failed: number;
}

/** A file after the local steps: ready to send, or refused with its error. */
type StagedFile = ReadyFile | RefusedFile;
type ReadyFile = { index: number; ready: PreparedBatchFile };
type RefusedFile = { index: number; label: string | null; error: unknown };

function isReady(entry: StagedFile): entry is ReadyFile {
  return 'ready' in entry;
}

/**
 * Uploads many files through v3 batches (SPEC §6, §10 "many files"): local checks and hashes,
 * one batch per 100 files, PUTs with bounded concurrency, completion, then the batch status
 * polled with backoff until every file is settled. One failed file does not stop the others.
 * Files whose upload URLs expired before their bytes got there are sent again, in a new batch
 * with fresh URLs (see `sendInBatches`).
 */
export async function uploadBatch(
  transport: Transport,
  files: ReadonlyArray<UploadSource | BatchFile>,
  options: UploadBatchOptions,
): Promise<BatchUploadSummary> {
  checkConcurrency(options.concurrency);
  checkOptimizeOptions(files, options.optimize);
  const batchIds: string[] = [];
  const items: BatchUploadItem[] = [];

  for (let start = 0; start < files.length; start += MAX_BATCH_FILES) {
    const chunk = files.slice(start, start + MAX_BATCH_FILES).map(asBatchFile);
    const outcome = await uploadOneBatch(transport, chunk, start, options);
    batchIds.push(...outcome.batchIds);
    items.push(...outcome.items);
  }

  const completed = items.filter((item) => item.status === 'completed').length;
  return { batchIds, items, completed, failed: items.length - completed };
}

async function uploadOneBatch(
  transport: Transport,
  files: BatchFile[],
  firstIndex: number,
  options: UploadBatchOptions,
): Promise<{ batchIds: string[]; items: BatchUploadItem[] }> {
  const concurrency = options.concurrency ?? DEFAULT_BATCH_CONCURRENCY;
  const staging = new StagingDirectory();
  let staged: StagedFile[] = [];

  try {
    staged = await mapBounded(files, concurrency, (file, offset) =>
      stageFile(file, firstIndex + offset, options, staging),
    );
    options.signal?.throwIfAborted();
    const ready = staged.filter(isReady);
    if (ready.length === 0) {
      return { batchIds: [], items: staged.map((entry) => refusedItem(entry as RefusedFile)) };
    }

    const { batchIds, sent } = await sendInBatches(transport, ready, {
      title: options.title,
      concurrency,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    const serverItems = await waitForBatches(transport, batchIds, sent, options);

    let position = 0;
    const items = staged.map((entry) =>
      isReady(entry)
        ? sentItem(entry, sent[position++] as SentFile, serverItems)
        : refusedItem(entry),
    );
    return { batchIds, items };
  } finally {
    await Promise.all(staged.filter(isReady).map((entry) => entry.ready.prepared.close()));
    await staging.remove();
  }
}

/**
 * Polls each batch until every item whose bytes were taken is settled, and returns the server's
 * items by batch id.
 */
async function waitForBatches(
  transport: Transport,
  batchIds: readonly string[],
  sent: readonly SentFile[],
  options: UploadBatchOptions,
): Promise<Map<string, BatchItem[]>> {
  const serverItems = new Map<string, BatchItem[]>();
  for (const batchId of batchIds) {
    const taken = new Set(
      sent
        .filter((file) => file.batchId === batchId && file.putError === undefined)
        .map((file) => file.itemIndex),
    );
    const batch = await waitForBatch(transport, batchId, {
      awaited: (itemIndex) => taken.has(itemIndex),
      timeoutMs: options.pollTimeoutMs ?? DEFAULT_BATCH_POLL_TIMEOUT_MS,
      signal: options.signal,
    });
    serverItems.set(batchId, batch.items);
  }
  return serverItems;
}

async function stageFile(
  file: BatchFile,
  index: number,
  options: UploadBatchOptions,
  staging: StagingDirectory,
): Promise<StagedFile> {
  try {
    const optimize = file.optimize === undefined ? options.optimize : file.optimize || undefined;
    const claims = { ...file, folderId: options.folderId, optimize };
    return { index, ready: await prepareBatchFile(file.source, claims, staging, options.signal) };
  } catch (error) {
    const label = file.filename ?? (typeof file.source === 'string' ? basename(file.source) : null);
    return { index, label, error };
  }
}

/** A sent file's result: the server's verdict, unless its last PUT failed here. */
function sentItem(
  entry: ReadyFile,
  sent: SentFile,
  serverItems: ReadonlyMap<string, BatchItem[]>,
): BatchUploadItem {
  const server = serverItems.get(sent.batchId)?.find((item) => item.itemIndex === sent.itemIndex);
  const { optimization } = entry.ready;
  const item = (status: BatchUploadItem['status'], error: FailureReason | null) => ({
    index: entry.index,
    status,
    filename: entry.ready.declaration.filename,
    assetId: sent.slot.assetId,
    batchId: sent.batchId,
    error,
    ...(optimization && { optimization }),
  });

  if (server?.status === 'completed') return item('completed', null);
  if (sent.putError !== undefined) {
    return { ...item('failed', failureReason(sent.putError)), cause: sent.putError };
  }
  if (!server) {
    return item('failed', { code: 'not_found', message: 'The batch status does not list it.' });
  }
  return item('failed', server.error ?? { code: 'failed', message: 'No reason was given.' });
}

function refusedItem(entry: RefusedFile): BatchUploadItem {
  return {
    index: entry.index,
    status: 'failed',
    filename: entry.label,
    assetId: null,
    batchId: null,
    error: failureReason(entry.error),
    cause: entry.error,
  };
}

function asBatchFile(file: UploadSource | BatchFile): BatchFile {
  const isBatchFile = typeof file === 'object' && !(file instanceof Uint8Array) && 'source' in file;
  return isBatchFile ? (file as BatchFile) : { source: file as UploadSource };
}

/** Refuses a bad `optimize`, the batch's or a file's, before anything is read or sent. */
function checkOptimizeOptions(
  files: ReadonlyArray<UploadSource | BatchFile>,
  optimize: OptimizeOptions | undefined,
): void {
  if (optimize !== undefined) resolveOptimizeOptions(optimize);
  for (const file of files.map(asBatchFile)) {
    if (file.optimize) resolveOptimizeOptions(file.optimize);
  }
}

function checkConcurrency(concurrency: number | undefined): void {
  if (concurrency === undefined) return;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_BATCH_FILES) {
    throw new TypeError(`concurrency must be a whole number from 1 to 100, not ${concurrency}.`);
  }
}
