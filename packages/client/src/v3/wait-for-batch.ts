import { setTimeout as sleep } from 'node:timers/promises';
import { TimeoutError } from '../errors/timeout-error.js';
import { redactUrl } from '../http/redact-url.js';
import type { Transport } from '../http/transport.js';
import { type BatchStatus, batchStatusPath, getBatch, isSettled } from './batch-status.js';

/** First pause between two looks at a batch, in milliseconds; it doubles up to the maximum. */
export const BATCH_POLL_FIRST_DELAY_MS = 250;
/** Longest pause between two looks at a batch, in milliseconds. */
export const BATCH_POLL_MAX_DELAY_MS = 4000;
/** Default for `pollTimeoutMs`: how long to wait for a batch's verification, in milliseconds. */
export const DEFAULT_BATCH_POLL_TIMEOUT_MS = 10 * 60 * 1000;

export interface WaitForBatchOptions {
  /** Items the caller waits for; the others (e.g. ones whose PUT failed) may stay unsettled. */
  awaited: (itemIndex: number) => boolean;
  /** Longest wait, in milliseconds; 0 waits forever. */
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

/**
 * Looks at a batch with exponential backoff until every awaited item is `completed` or
 * `failed`. Past the timeout it fails with a `TimeoutError` naming the batch's status URL, so
 * the caller can look again later: the server keeps working on the batch.
 */
export async function waitForBatch(
  transport: Transport,
  batchId: string,
  options: WaitForBatchOptions,
): Promise<BatchStatus> {
  const deadline = options.timeoutMs > 0 ? Date.now() + options.timeoutMs : Infinity;
  let delayMs = BATCH_POLL_FIRST_DELAY_MS;

  for (;;) {
    const batch = await getBatch(transport, batchId, options.signal);
    const waiting = batch.items.filter(
      (item) => options.awaited(item.itemIndex) && !isSettled(item),
    );
    if (waiting.length === 0) return batch;

    if (Date.now() + delayMs > deadline) {
      const url = redactUrl(new URL(batchStatusPath(batchId), transport.baseUrl));
      throw new TimeoutError('GET', url, options.timeoutMs);
    }
    await pause(delayMs, options.signal);
    delayMs = Math.min(delayMs * 2, BATCH_POLL_MAX_DELAY_MS);
  }
}

/** Sleeps; an abort rejects with the signal's reason, like every other step of the client. */
async function pause(delayMs: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(delayMs, undefined, { signal });
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  }
}
