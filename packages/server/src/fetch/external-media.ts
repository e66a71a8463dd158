import {
  AssetError,
  CANONICAL_MEDIA_TYPES,
  type CanonicalMediaType,
  detectSourceType,
  type FileType,
  filenameOfUrl,
  followRedirects,
  MediaRejectedError,
  mediaTypeRule,
  parseSourceUrl,
  redactUrl,
  UrlSourceError,
} from '@heygen-assets/core';
import type { AssetUploads } from '../assets/asset-uploads.js';
import type { AssetRecord } from '../catalog/records.js';
import { checkedBody } from './checked-body.js';
import { SourceFetchError } from './source-fetch-error.js';
import { checkedAddresses, type SourcePolicy } from './source-policy.js';
import { SourceRequest } from './source-request.js';

/** Longest an external source may stay silent, headers or body, in milliseconds. */
export const SOURCE_IDLE_TIMEOUT_MS = 30_000;

/** What an external URL is fetched for: the `file_type` its place in the request needs. */
export interface MediaSlot {
  fileType: FileType;
  /** The place, as messages name it: `an image background`. */
  role: string;
}

export interface ExternalMediaOptions extends SourcePolicy {
  /** Longest a source may stay silent, in milliseconds. Default `SOURCE_IDLE_TIMEOUT_MS`. */
  idleTimeoutMs?: number;
}

/**
 * Fetches the external URLs of video requests (SPEC §9) under the upload-from-URL rules of
 * SPEC §10: http(s) only, every hop's address checked before connecting and the connection
 * made to the checked address, at most `MAX_SOURCE_REDIRECTS` redirects, the type decided
 * from the first bytes and required to fit the slot, the body cut at the type's size limit.
 * What arrives is stored as a completed asset of the requester's space, verified like a raw
 * upload, so it is listed, served and reused like any other.
 */
export class ExternalMedia {
  readonly #uploads: AssetUploads;
  readonly #policy: SourcePolicy;
  readonly #idleTimeoutMs: number;

  constructor(uploads: AssetUploads, options: ExternalMediaOptions) {
    this.#uploads = uploads;
    this.#policy = options;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? SOURCE_IDLE_TIMEOUT_MS;
  }

  /**
   * The completed asset made from `url`. Fails with `SourceFetchError` when the URL, a source
   * or its bytes are refused; with the abort reason when `signal` stops it; with the error
   * itself when storing fails on this side (worth a retry).
   */
  async fetchAsset(
    url: string,
    slot: MediaSlot,
    spaceId: string,
    signal: AbortSignal,
  ): Promise<AssetRecord> {
    try {
      const start = parseSourceUrl(url);
      const source = await followRedirects(start, async (hop) =>
        SourceRequest.send(hop, await checkedAddresses(hop, this.#policy), {
          idleTimeoutMs: this.#idleTimeoutMs,
          signal,
        }),
      );
      try {
        return await this.#store(source, slot, spaceId, signal);
      } finally {
        source.close();
      }
    } catch (error) {
      signal.throwIfAborted();
      if (error instanceof UrlSourceError) throw SourceFetchError.of(error);
      throw error;
    }
  }

  /** Streams the body into an asset: checked head first, cut at the size limit. */
  async #store(
    source: SourceRequest,
    slot: MediaSlot,
    spaceId: string,
    signal: AbortSignal,
  ): Promise<AssetRecord> {
    const where = `GET ${redactUrl(source.url)}`;
    const labelled = source.header('content-type');
    const body = checkedBody(
      source.response,
      (head) => checkHead(head, where, labelled, slot),
      (error) => source.failure(error, signal),
    );

    const length = Number(source.header('content-length') ?? Number.NaN);
    try {
      return await this.#uploads.receiveRaw(
        spaceId,
        undefined,
        { body, contentLength: Number.isSafeInteger(length) ? length : undefined, signal },
        { filename: filenameOfUrl(source.url), maxBytes: largestLimitOf(slot.fileType) },
      );
    } catch (error) {
      if (!(error instanceof AssetError)) throw error;
      const refused = `${where} answered with a file the media rules refuse: ${error.message}`;
      throw new SourceFetchError(error.code, refused, error.hint, error);
    }
  }
}

/**
 * The type the first bytes show, which decides (the source's `Content-Type` is only quoted):
 * an HTML page is named as such, and media of another kind than the slot needs is refused.
 */
function checkHead(head: Buffer, where: string, labelled: string | undefined, slot: MediaSlot) {
  if (head.byteLength === 0) {
    throw new SourceFetchError('missing_content', `${where} answered with an empty body.`);
  }
  let type: ReturnType<typeof detectSourceType>;
  try {
    type = detectSourceType(head, where, labelled, undefined);
  } catch (error) {
    if (error instanceof MediaRejectedError) throw SourceFetchError.of(error);
    throw error;
  }

  if (mediaTypeRule(type).fileType !== slot.fileType) {
    const accepted = typesOf(slot.fileType).join(' or ');
    throw new SourceFetchError(
      'unsupported_media_type',
      `${where} answered with ${type}, but ${slot.role} needs ${accepted}.`,
      `Name a URL of ${accepted} media for ${slot.role}.`,
    );
  }
}

function typesOf(fileType: FileType): CanonicalMediaType[] {
  return CANONICAL_MEDIA_TYPES.filter((type) => mediaTypeRule(type).fileType === fileType);
}

/** The size cap before the type is known: the largest limit of any type that fits the slot. */
function largestLimitOf(fileType: FileType): number {
  return Math.max(...typesOf(fileType).map((type) => mediaTypeRule(type).maxBytes));
}
