import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type CanonicalMediaType,
  detectSourceType,
  MEDIA_TYPES,
  MediaRejectedError,
  mediaTypeRule,
  SNIFF_WINDOW_BYTES,
} from '@heygen-assets/core';
import { redactUrl } from '../http/redact-url.js';
import { peekStream } from '../source/peek-stream.js';
import { ByteLimit } from './byte-limit.js';
import type { SourceResponse } from './source-response.js';

/** The largest size limit of any accepted type, in bytes: the cap before the type is known. */
const LARGEST_TYPE_LIMIT_BYTES = Math.max(...Object.values(MEDIA_TYPES).map((r) => r.maxBytes));

export interface SpoolOptions {
  /** A cap below the detected type's limit, in bytes. */
  maxBytes: number | undefined;
  /** The caller's declared type, which the bytes must agree with. */
  declaredType: CanonicalMediaType | undefined;
  signal: AbortSignal | undefined;
}

/** A source URL's body, checked and stored in a private temporary file. */
export interface SpooledSource {
  path: string;
  contentType: CanonicalMediaType;
  sizeBytes: number;
  /** Deletes the temporary file and its directory. */
  remove(): Promise<void>;
}

/** The body once its type is known: what remains to read, and the cap that applies. */
interface CheckedHead {
  contentType: CanonicalMediaType;
  body: Readable;
  limit: ByteLimit;
}

/**
 * Streams a source's body into a temporary file, with constant memory: the first
 * `SNIFF_WINDOW_BYTES` decide the type (an HTML page is refused before the rest is read), a
 * `Content-Length` over the cap is refused before reading on, and a body without one is cut
 * as soon as it passes the cap. The file is readable by its owner only.
 */
export async function spoolSource(
  source: SourceResponse,
  options: SpoolOptions,
): Promise<SpooledSource> {
  const { contentType, body, limit } = await checkHead(source, options);

  const directory = await mkdtemp(join(tmpdir(), 'heygen-assets-url-'));
  const path = join(directory, 'source');
  const remove = () => rm(directory, { recursive: true, force: true });
  const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  let writeFailed = false;
  file.once('error', () => {
    writeFailed = true;
  });

  try {
    await pipeline(body, limit, file, { signal: options.signal });
  } catch (error) {
    await remove();
    if (error instanceof MediaRejectedError || writeFailed) throw error;
    throw source.failure(error);
  }
  return { path, contentType, sizeBytes: limit.bytes, remove };
}

async function checkHead(source: SourceResponse, options: SpoolOptions): Promise<CheckedHead> {
  const where = `GET ${redactUrl(source.url)}`;
  const largestCap = Math.min(options.maxBytes ?? Infinity, LARGEST_TYPE_LIMIT_BYTES);
  checkLength(source, where, largestCap, options.maxBytes, undefined);

  const peeked = await peekStream(source.response, SNIFF_WINDOW_BYTES).catch((error) => {
    throw source.failure(error);
  });

  try {
    if (peeked.ended && peeked.head.byteLength === 0) throw emptyBody(where);
    const labelled = source.header('content-type');
    const contentType = detectSourceType(peeked.head, where, labelled, options.declaredType);
    const capBytes = Math.min(options.maxBytes ?? Infinity, mediaTypeRule(contentType).maxBytes);
    checkLength(source, where, capBytes, options.maxBytes, contentType);

    const tooLarge = () =>
      sizeError(where, 'sent more than', capBytes, options.maxBytes, contentType);
    return { contentType, body: peeked.stream, limit: new ByteLimit(capBytes, tooLarge) };
  } catch (error) {
    peeked.stream.destroy();
    throw error;
  }
}

/** Refuses a `Content-Length` over the cap before the body is read. */
function checkLength(
  source: SourceResponse,
  where: string,
  capBytes: number,
  maxBytes: number | undefined,
  type: CanonicalMediaType | undefined,
): void {
  const length = Number(source.header('content-length') ?? Number.NaN);
  if (!Number.isSafeInteger(length) || length <= capBytes) return;

  throw sizeError(where, `announced ${length} bytes, more than`, capBytes, maxBytes, type);
}

function sizeError(
  where: string,
  found: string,
  capBytes: number,
  maxBytes: number | undefined,
  type: CanonicalMediaType | undefined,
): MediaRejectedError {
  const rule =
    maxBytes !== undefined && maxBytes <= capBytes
      ? `the maxBytes of ${maxBytes}`
      : `the ${capBytes} bytes ${type ?? 'any type'} is limited to`;

  return new MediaRejectedError('file_too_large', `${where} ${found} ${rule}.`, {
    hint: 'Pass a URL of a smaller file, or raise maxBytes up to the type’s limit.',
  });
}

function emptyBody(where: string): MediaRejectedError {
  return new MediaRejectedError('missing_content', `${where} answered with an empty body.`, {
    hint: 'Check that the URL serves the file itself.',
  });
}
