import type { Readable } from 'node:stream';
import type { ByteSource } from '@heygen-assets/core';

/** Bytes received into temporary storage: not visible under any key until committed. */
export interface TempBlob {
  /** Store-specific handle of the temporary bytes. */
  readonly id: string;
  readonly sizeBytes: number;
  /** Lower-case hex SHA-256 of the bytes, computed while they were written. */
  readonly sha256: string;
}

export interface WriteTempOptions {
  /** The write fails with `file_too_large` as soon as more bytes than this arrive. */
  maxBytes: number;
  /**
   * Called once with the first bytes (up to the sniff window); a number it returns lowers
   * `maxBytes` for the rest of the body.
   */
  limitForHead?: (head: Uint8Array) => number | undefined;
  signal?: AbortSignal;
}

/** A `ByteSource` that holds an open resource until closed. */
export interface OpenByteSource extends ByteSource {
  close(): Promise<void>;
}

/** An inclusive byte range, as in an HTTP `Range` header (RFC 9110 §14.1.2). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where asset bytes live. Async from day one so that local disk (embedded default) and
 * S3-compatible implementations share one contract and one conformance suite.
 */
export interface BlobStore {
  /**
   * Streams `body` into temporary storage, hashing it in the same pass. Rejects, leaving
   * nothing behind, when the body fails, is aborted or exceeds `maxBytes`.
   */
  writeTemp(body: Readable, options: WriteTempOptions): Promise<TempBlob>;
  /** Random access to temporary bytes, for verification before commit. */
  openTemp(temp: TempBlob): Promise<OpenByteSource>;
  /**
   * Makes the temporary bytes readable under `key`, atomically, replacing any bytes already
   * there: not every key is a content address (staged uploads and rendered videos are not).
   */
  commit(temp: TempBlob, key: string): Promise<void>;
  /** Drops temporary bytes. Safe to call twice. */
  discard(temp: TempBlob): Promise<void>;
  /** Streams the bytes under `key`, or the inclusive `range` of them. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** Random access to committed bytes, e.g. staged uploads waiting for verification. */
  open(key: string): Promise<OpenByteSource>;
  /** Moves committed bytes to another key, atomically; an existing `to` is replaced. */
  move(from: string, to: string): Promise<void>;
  /** Removes the bytes under `key`; a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Removes temporary bytes older than `olderThanMs` left by interrupted uploads or crashes. */
  removeStaleTemps(olderThanMs: number): Promise<number>;
}

/** The content address a blob is committed under. */
export function blobKeyForSha256(sha256: string): string {
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}
