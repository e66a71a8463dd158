import { createUploadCache } from './cache/create-upload-cache.js';
import { filesUrlGone } from './cache/files-url-gone.js';
import type { UploadCache } from './cache/upload-cache.js';
import type { HeygenAssetsOptions, ResolvedClientOptions } from './client-options.js';
import { combineSignals } from './combine-signals.js';
import { ApiError } from './errors/api-error.js';
import type { HttpRequest, HttpResponse } from './http/http-exchange.js';
import { sendRequest } from './http/send-request.js';
import type { Transport } from './http/transport.js';
import {
  type GetUploadUrlOptions,
  readUploadUrl,
  type UploadUrl,
  uploadUrlRequest,
} from './operations/get-upload-url.js';
import {
  putUploadRequest,
  readUploadedAsset,
  type UploadedAsset,
} from './operations/put-upload.js';
import type { UploadFileOptions } from './operations/upload-options.js';
import type { ImageOptimization } from './optimize/optimize-image.js';
import { optimizeUpload } from './optimize/optimize-upload.js';
import { resolveClientOptions } from './resolve-client-options.js';
import { MeteredUploadBody } from './retry/metered-upload-body.js';
import type { RetryPolicy } from './retry/retry-policy.js';
import { sendWithRetries } from './retry/send-with-retries.js';
import { storedByEarlierAttempt } from './retry/stored-by-earlier-attempt.js';
import { withFreshUploadUrl } from './retry/with-fresh-upload-url.js';
import { prepareUpload } from './source/prepare-upload.js';
import type { PreparedUpload, UploadSource } from './source/prepared-upload.js';
import { type UploadFromUrlOptions, uploadFromUrl } from './url/upload-from-url.js';
import type { Asset } from './v3/asset.js';
import { type AssetStatusEntry, assetStatuses, type StatusesOptions } from './v3/asset-statuses.js';
import { type BatchStatus, getBatch } from './v3/batch-status.js';
import { type DeletedAsset, deleteAsset, getAsset } from './v3/get-asset.js';
import {
  type AssetPage,
  type ListAssetsOptions,
  listAllAssets,
  listAssets,
} from './v3/list-assets.js';
import {
  type BatchFile,
  type BatchUploadSummary,
  type UploadBatchOptions,
  uploadBatch,
} from './v3/upload-batch.js';
import { type UploadFileDirectOptions, uploadFileDirect } from './v3/upload-file-direct.js';
import { Videos } from './video/videos.js';

/** Options of the calls that take nothing but a signal. */
export interface CallOptions {
  /** Aborts the call; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/**
 * Client for a heygen-assets server (or any server speaking the same HeyGen-style dialects).
 *
 * ```ts
 * const assets = new HeygenAssets(); // HEYGEN_API_KEY and HEYGEN_API_BASE from the environment
 * const { assetId, url } = await assets.uploadFile('photo.jpg');
 * ```
 */
export class HeygenAssets {
  readonly #options: ResolvedClientOptions;
  /** What the v3 operations send through: the key added for the API, then `#send`. */
  readonly #transport: Transport;
  /** Remembers the asset ids of uploaded bytes; `undefined` when caching is off. */
  readonly #uploadCache: UploadCache | undefined;
  /** Video generation on uploaded assets (SPEC §9): generate, status, wait, download. */
  readonly videos: Videos;

  constructor(options: HeygenAssetsOptions = {}) {
    this.#options = resolveClientOptions(options);
    this.#uploadCache = createUploadCache(options, this.#options.baseUrl, this.#options.apiKey, {
      getAsset: (id, signal) => this.get(id, { signal }),
      // One attempt: a check that cannot be made leaves the hit standing rather than waiting.
      filesUrlGone: (url, signal) => {
        const once = { ...this.#options.retry, retries: 0 };
        return filesUrlGone(url, (request, capped) => this.#send(request, capped, once), signal);
      },
    });
    this.#transport = {
      baseUrl: this.#options.baseUrl,
      retry: this.#options.retry,
      api: (request, signal) => {
        request.headers['x-api-key'] = this.#options.apiKey;
        return this.#send(request, signal);
      },
      upload: (request, signal) => this.#send(request, signal),
    };
    this.videos = new Videos({
      transport: this.#transport,
      timeoutMs: this.#options.timeoutMs,
      signal: (signal) => combineSignals(this.#options.signal, signal),
      uploadFile: (path, signal) => this.uploadFile(path, { signal }),
      getAsset: (id, signal) => this.get(id, { signal }),
    });
  }

  /** The API base URL requests go to, ending with `/`. */
  get baseUrl(): string {
    return this.#options.baseUrl.href;
  }

  /**
   * Asks for a presigned upload URL for one file of `contentType` (SPEC §4.1). Most callers
   * want `uploadFile`, which checks the file first and then uses this.
   */
  async getUploadUrl(contentType: string, options: GetUploadUrlOptions = {}): Promise<UploadUrl> {
    const request = uploadUrlRequest(this.#options.baseUrl, contentType, options);
    request.headers['x-api-key'] = this.#options.apiKey;

    const response = await this.#send(request, options.signal);
    return readUploadUrl(request, response);
  }

  /**
   * Checks a file locally (type from the bytes, size, the media rules), then uploads it in two
   * steps: an upload URL, then a streamed PUT of the bytes. Memory stays constant whatever the
   * file size. Resolves once the server has stored and verified the asset. Failed requests are
   * retried under the client's `retry` policy, a path re-opened and bytes re-sent for each
   * attempt, and an expired upload URL is replaced by a fresh one.
   *
   * With the asset-id cache on (the default), bytes already uploaded to this server and space
   * resolve to the cached asset without being uploaded again (see the `cache` option).
   *
   * With `optimize`, an image is optimised first and the optimised bytes are what is checked,
   * cached and uploaded; `optimization` in the result says which bytes were chosen.
   *
   * @param source a file path, bytes in memory, or a stream (which needs `sizeBytes`, and is not
   *   retried once its bytes were read: see `StreamNotRetriedError`)
   */
  async uploadFile(source: UploadSource, options: UploadFileOptions = {}): Promise<UploadedAsset> {
    const signal = combineSignals(this.#options.signal, options.signal);
    const staged = await optimizeUpload(source, options, signal);
    const prepared = await prepareUpload(staged.source, staged.options);

    try {
      const cached = await this.#uploadCache?.find(prepared, signal);
      if (cached) return withOptimization(cached, staged.optimization);

      const upload = () => this.#putToNewUploadUrl(prepared, staged.options);
      const asset = await withFreshUploadUrl(upload, prepared.replayable, this.#options.retry);
      await this.#uploadCache?.remember(asset);
      return withOptimization(asset, staged.optimization);
    } finally {
      await prepared.close();
    }
  }

  /**
   * Fetches media from an http(s) URL and uploads it (SPEC §10, upload from URL). Each hop —
   * the URL and up to 5 redirects — is checked before any connection: loopback, private,
   * link-local, CGNAT, unique-local and cloud metadata addresses are refused (however the host
   * is written), and a name is resolved once and connected to at the checked address. The body
   * is streamed into a private temporary file under the size cap, its type decided from its
   * bytes (an HTML page is refused as such, whatever its `Content-Type`), then uploaded like a
   * file with `uploadFile` (cache included) and deleted.
   *
   * @param url an absolute http:// or https:// URL
   */
  uploadFromUrl(url: string | URL, options: UploadFromUrlOptions = {}): Promise<UploadedAsset> {
    return uploadFromUrl(url, options, {
      timeoutMs: this.#options.timeoutMs,
      signal: combineSignals(this.#options.signal, options.signal),
      uploadFile: (path, fileOptions) => this.uploadFile(path, fileOptions),
    });
  }

  /**
   * Uploads one file through the v3 direct upload (SPEC §6): checks it locally, computes its
   * SHA-256 (streamed, for a path) so the server binds size and checksum to the upload URL, PUTs
   * the bytes with exactly the headers the server asks for, then completes the upload. A file
   * the server refuses fails with an `ApiError` carrying its SPEC §3 code.
   *
   * With `optimize`, an image is optimised first, as by `uploadFile`.
   *
   * @param source a file path, bytes in memory, or a stream (which needs `sizeBytes`, and whose
   *   checksum is sent only when given as `checksumSha256`: a stream cannot be read twice)
   */
  async uploadFileDirect(
    source: UploadSource,
    options: UploadFileDirectOptions = {},
  ): Promise<UploadedAsset> {
    const signal = combineSignals(this.#options.signal, options.signal);
    const staged = await optimizeUpload(source, options, signal);
    const asset = await uploadFileDirect(this.#transport, staged.source, staged.options);
    return withOptimization(asset, staged.optimization);
  }

  /**
   * Uploads many files through v3 batches: local checks, one batch per 100 files, PUTs with
   * bounded concurrency, completion, then the batch status polled with backoff until every file
   * is completed or failed. A refused file does not stop the others; each has its own result.
   * Fails as a whole only when the batch itself cannot be created, completed or read.
   *
   * With `optimize`, every image is optimised first, as by `uploadFile`, and the optimised
   * bytes are what is declared and sent; `optimization` in an image's result says which bytes
   * were chosen. One setting serves the whole batch, and a file given as `{source, optimize}`
   * replaces it for that file (`optimize: false` sends it as it is), so a batch can mix
   * full-frame backgrounds with a logo fitted into a smaller box.
   */
  uploadBatch(
    files: ReadonlyArray<UploadSource | BatchFile>,
    options: UploadBatchOptions = {},
  ): Promise<BatchUploadSummary> {
    return uploadBatch(this.#transport, files, options);
  }

  /** `GET /v3/assets/batches/{id}`: a batch and every one of its items. */
  getBatch(batchId: string, options: CallOptions = {}): Promise<BatchStatus> {
    return getBatch(this.#transport, batchId, options.signal);
  }

  /** One asset of the caller's space; an unknown (or another space's) id is `not_found` (404). */
  get(assetId: string, options: CallOptions = {}): Promise<Asset> {
    return getAsset(this.#transport, assetId, options.signal);
  }

  /** One page of the space's assets, newest first. `listAll` walks every page. */
  list(options: ListAssetsOptions = {}): Promise<AssetPage> {
    return listAssets(this.#transport, options);
  }

  /**
   * Every asset of the space, newest first, fetching pages of `limit` as the loop goes:
   * `for await (const asset of assets.listAll({ type: 'image' })) …`
   */
  listAll(options: ListAssetsOptions = {}): AsyncGenerator<Asset, void, undefined> {
    return listAllAssets(this.#transport, options);
  }

  /**
   * Deletes an asset; its files URL answers 404 from then on. The asset-id cache then forgets
   * the asset (every entry of this server and key pointing at it), so uploading the same bytes
   * again sends them and makes a new asset. So it does when the server answers `not_found`: the
   * asset is gone either way.
   */
  async delete(assetId: string, options: CallOptions = {}): Promise<DeletedAsset> {
    const deleted = deleteAsset(this.#transport, assetId, options.signal);
    const gone = await deleted.then(
      () => true,
      (error: unknown) => error instanceof ApiError && error.status === 404,
    );

    if (gone) await this.#uploadCache?.forget(assetId);
    return deleted;
  }

  /**
   * The status of assets and of every item of batches, in the order asked (an unknown id is
   * `not_found`, not an error). More than 100 ids are split over several requests.
   */
  statuses(options: StatusesOptions): Promise<AssetStatusEntry[]> {
    return assetStatuses(this.#transport, options);
  }

  /** The two steps of `uploadFile` after the local checks: an upload URL, then the PUT. */
  async #putToNewUploadUrl(
    prepared: PreparedUpload,
    options: UploadFileOptions,
  ): Promise<UploadedAsset> {
    const { uploadUrl, assetId } = await this.getUploadUrl(prepared.contentType, {
      filename: prepared.filename,
      sizeBytes: prepared.sizeBytes,
      checksumSha256: options.checksumSha256,
      signal: options.signal,
    });

    const body = new MeteredUploadBody(prepared, options.onProgress);
    const request = putUploadRequest({
      uploadUrl: new URL(uploadUrl),
      contentType: prepared.contentType,
      sizeBytes: prepared.sizeBytes,
      body: body.body,
    });

    try {
      const response = await this.#send(request, options.signal);
      return readUploadedAsset(request, response, body.sha256);
    } catch (error) {
      if (body.attempts < 2 || body.wholeSha256 === undefined) throw error;
      // A retry refused as `already_uploaded`: an earlier attempt's answer may have been lost.
      const { signal } = options;
      return storedByEarlierAttempt(this.#transport, error, assetId, body.wholeSha256, signal);
    }
  }

  /**
   * Sends one request, retried under the client's policy (or `retry`); any error status becomes
   * an `ApiError`. Every request of the client goes through here.
   */
  #send(
    request: HttpRequest,
    signal: AbortSignal | undefined,
    retry: RetryPolicy = this.#options.retry,
  ): Promise<HttpResponse> {
    request.headers['user-agent'] ??= 'heygen-assets-client';
    const combined = combineSignals(this.#options.signal, signal);
    return sendWithRetries(request, retry, combined, (attempt) =>
      sendRequest(attempt, { timeoutMs: this.#options.timeoutMs, signal: combined }),
    );
  }
}

/** The asset with how its image was optimised, when it was (never stored in the cache). */
function withOptimization(
  asset: UploadedAsset,
  optimization: ImageOptimization | undefined,
): UploadedAsset {
  return optimization ? { ...asset, optimization } : asset;
}
