import { filenameOfUrl, parseSourceUrl } from '@heygen-assets/core';
import type { UploadedAsset } from '../operations/put-upload.js';
import type { UploadFileOptions } from '../operations/upload-options.js';
import { declaredMediaType } from '../source/declared-type.js';
import { fetchSource } from './fetch-source.js';
import { type ResolveHost, type SourcePolicy, systemResolveHost } from './source-address.js';
import { type SpooledSource, spoolSource } from './spool-source.js';

export interface UploadFromUrlOptions extends Omit<UploadFileOptions, 'sizeBytes'> {
  /**
   * Also fetch from loopback, private (RFC 1918), link-local, CGNAT and unique-local IPv6
   * addresses — for media on this machine or your own network. Cloud metadata, multicast,
   * broadcast, unspecified and reserved addresses stay refused. Default `false`.
   */
  allowPrivateNetworks?: boolean | undefined;
  /**
   * Origins (`http://host:port`, exactly as `new URL(…).origin` writes them) fetched even at a
   * private address, e.g. your own media server; every other origin, redirect targets
   * included, is still checked. Cloud metadata addresses stay refused. Default: none.
   */
  allowOrigins?: readonly string[] | undefined;
  /**
   * Largest body accepted, in bytes, enforced while reading. Default, and upper bound: the
   * detected type's limit (SPEC §3).
   */
  maxBytes?: number | undefined;
  /**
   * Resolves a host name to IP addresses; each answer is checked and the connection made to
   * it. Default: the system resolver (`dns.lookup`).
   */
  resolveHost?: ResolveHost | undefined;
}

/** What `uploadFromUrl` needs from the client. */
export interface UrlUploadContext {
  /** Idle limit of the source connection, in milliseconds; 0 waits forever. */
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** Uploads a checked local file (the client's `uploadFile`). */
  uploadFile(path: string, options: UploadFileOptions): Promise<UploadedAsset>;
}

/**
 * Fetches media from a URL and uploads it: every hop's address checked, the body streamed into
 * a private temporary file under a size cap with its type decided from the first bytes, then
 * that file uploaded through `uploadFile` (full local check, cache, a body that can be sent
 * again) and deleted. Nothing is ever held whole in memory.
 */
export async function uploadFromUrl(
  url: string | URL,
  options: UploadFromUrlOptions,
  context: UrlUploadContext,
): Promise<UploadedAsset> {
  const start = parseSourceUrl(url);
  const declaredType = declaredMediaType(options.contentType);
  const maxBytes = checkMaxBytes(options.maxBytes);
  const source = await fetchSource(start, {
    policy: sourcePolicy(options),
    timeoutMs: context.timeoutMs,
    signal: context.signal,
  });

  let spooled: SpooledSource;
  try {
    spooled = await spoolSource(source, { maxBytes, declaredType, signal: context.signal });
  } finally {
    source.close();
  }

  try {
    return await context.uploadFile(spooled.path, {
      contentType: spooled.contentType,
      filename: options.filename ?? filenameOfUrl(source.url),
      checksumSha256: options.checksumSha256,
      signal: options.signal,
      onProgress: options.onProgress,
      optimize: options.optimize,
    });
  } finally {
    await spooled.remove();
  }
}

function sourcePolicy(options: UploadFromUrlOptions): SourcePolicy {
  return {
    allowPrivateNetworks: options.allowPrivateNetworks === true,
    allowOrigins: new Set(options.allowOrigins ?? []),
    resolveHost: options.resolveHost ?? systemResolveHost,
  };
}

function checkMaxBytes(maxBytes: number | undefined): number | undefined {
  if (maxBytes === undefined || (Number.isSafeInteger(maxBytes) && maxBytes > 0)) return maxBytes;
  throw new TypeError(`maxBytes must be a whole number of bytes above 0, not ${maxBytes}.`);
}
