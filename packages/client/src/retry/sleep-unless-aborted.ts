import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits `delayMs` milliseconds; an abort ends the wait at once and rejects with the signal's
 * reason, like every other step of the client.
 */
export async function sleepUnlessAborted(
  delayMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  try {
    await sleep(delayMs, undefined, { signal });
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  }
}
