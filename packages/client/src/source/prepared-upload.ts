import type { Readable } from 'node:stream';
import type { CanonicalMediaType } from '@heygen-assets/core';

/** What can be uploaded: a file path, bytes in memory, or a stream of bytes. */
export type UploadSource = string | Uint8Array | Readable;

/** The caller's claims about a source, checked against its bytes before upload. */
export interface SourceClaims {
  /** Declared content type; must agree with the type detected from the bytes. */
  contentType?: string | undefined;
  /** Declared size in bytes; required for a stream, checked for a path or bytes. */
  sizeBytes?: number | undefined;
  /** Name to store with the asset; a path's base name when left out. */
  filename?: string | undefined;
}

/** A source that passed the local media checks and is ready to send. */
export interface PreparedUpload {
  /** The type detected from the bytes, which the upload declares. */
  contentType: CanonicalMediaType;
  sizeBytes: number;
  filename: string | undefined;
  /**
   * Whether `openBody` can be called again after a failed attempt (a path or bytes can be read
   * again; a caller's stream cannot).
   */
  replayable: boolean;
  /** A stream of the bytes from the first one. */
  openBody(): Readable;
  /** Releases the file handle, if one is open. */
  close(): Promise<void>;
}
