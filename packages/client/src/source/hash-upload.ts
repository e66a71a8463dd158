import { createHash } from 'node:crypto';
import { recycleChunk } from '../retry/chunk-pool.js';
import type { PreparedUpload } from './prepared-upload.js';

/**
 * Hex SHA-256 of a prepared upload, read as a stream (constant memory whatever the size), so
 * the checksum can be declared before the bytes are sent and the server can bind it to the
 * upload URL. `undefined` for a caller's stream: it can be read only once, for sending.
 */
export async function sha256OfUpload(
  prepared: PreparedUpload,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  if (!prepared.replayable) return undefined;

  const hash = createHash('sha256');
  for await (const chunk of prepared.openBody()) {
    signal?.throwIfAborted();
    hash.update(chunk as Buffer);
    recycleChunk(chunk);
  }
  return hash.digest('hex');
}
