import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where a download's bytes go: a file path, or a stream the caller gives. */
export type DownloadDestination = string | Writable;

/** Receives the body of each attempt of one download. */
export interface DownloadSink {
  /**
   * Whether another attempt can start afresh after a body broke off. A file can be written
   * again from the start; a caller's stream cannot take back the bytes it was given.
   */
  readonly restartable: boolean;
  /**
   * Pipes one attempt's body through `meter` into the destination; rejects as the pipe does,
   * and with the signal's reason once it aborts.
   * `onDestinationError` hears each error the destination itself emits (a full disk, a closed
   * stream), so that such a failure is not taken for a network error and retried.
   */
  receive(
    body: Readable,
    meter: Transform,
    signal: AbortSignal | undefined,
    onDestinationError: (error: unknown) => void,
  ): Promise<void>;
  /** Called once the whole body arrived and was checked. */
  commit(): Promise<void>;
}

/**
 * A path is written atomically: each attempt writes a hidden temporary file next to it
 * (`.NAME.RANDOM.part`, in the same directory so the rename never crosses file systems),
 * flushed to disk, and renamed over the path only once the whole body arrived. A failed attempt
 * removes its temporary file, so the path never holds half a video, and a file already there is
 * kept until the new one is complete.
 */
export function fileSink(path: string): DownloadSink {
  const suffix = randomBytes(6).toString('hex');
  const temporary = join(dirname(path), `.${basename(path)}.${suffix}.part`);
  const removeTemporary = () => rm(temporary, { force: true });

  return {
    restartable: true,
    receive: async (body, meter, signal, onDestinationError) => {
      const file = createWriteStream(temporary, { mode: 0o644, flush: true });
      file.on('error', onDestinationError);
      await pipeline(body, meter, file, { signal }).catch(async (error: unknown) => {
        await removeTemporary();
        throw error;
      });
    },
    commit: async () => {
      await rename(temporary, path).catch(async (error: unknown) => {
        await removeTemporary();
        throw error;
      });
    },
  };
}

/** A caller's stream gets the bytes as they come, and is ended after the last one. */
export function streamSink(destination: Writable): DownloadSink {
  return {
    restartable: false,
    receive: async (body, meter, signal, onDestinationError) => {
      destination.on('error', onDestinationError);
      try {
        await pipeline(body, meter, destination, { signal });
      } finally {
        destination.off('error', onDestinationError);
      }
    },
    commit: async () => {},
  };
}

export function sinkFor(destination: DownloadDestination): DownloadSink {
  return typeof destination === 'string' ? fileSink(destination) : streamSink(destination);
}
