import { pipeline } from 'node:stream';
import type { HeygenAssetsOptions, ResolvedClientOptions } from './client-options.js';
import { combineSignals } from './combine-signals.js';
import { errorFromResponse } from './http/error-from-response.js';
import type { HttpRequest, HttpResponse } from './http/http-exchange.js';
import { sendRequest } from './http/send-request.js';
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
import { resolveClientOptions } from './resolve-client-options.js';
import { prepareUpload } from './source/prepare-upload.js';
import type { UploadSource } from './source/prepared-upload.js';
import { UploadMeter } from './source/upload-meter.js';

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

  constructor(options: HeygenAssetsOptions = {}) {
    this.#options = resolveClientOptions(options);
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
   * file size. Resolves once the server has stored and verified the asset.
   *
   * @param source a file path, bytes in memory, or a stream (which needs `sizeBytes`)
   */
  async uploadFile(source: UploadSource, options: UploadFileOptions = {}): Promise<UploadedAsset> {
    const prepared = await prepareUpload(source, options);

    try {
      const { uploadUrl } = await this.getUploadUrl(prepared.contentType, {
        filename: prepared.filename,
        sizeBytes: prepared.sizeBytes,
        checksumSha256: options.checksumSha256,
        signal: options.signal,
      });

      const meter = new UploadMeter(prepared.sizeBytes, options.onProgress);
      const request = putUploadRequest({
        uploadUrl: new URL(uploadUrl),
        contentType: prepared.contentType,
        sizeBytes: prepared.sizeBytes,
        // Errors reach the request through `meter`, which the pipeline destroys with them.
        body: pipeline(prepared.openBody(), meter, () => {}),
      });

      const response = await this.#send(request, options.signal);
      return readUploadedAsset(request, response, meter.sha256);
    } finally {
      await prepared.close();
    }
  }

  /** Sends one request; any error status becomes an `ApiError`. The one place to add retries. */
  async #send(request: HttpRequest, signal: AbortSignal | undefined): Promise<HttpResponse> {
    request.headers['user-agent'] ??= 'heygen-assets-client';
    const response = await sendRequest(request, {
      timeoutMs: this.#options.timeoutMs,
      signal: combineSignals(this.#options.signal, signal),
    });

    if (response.status >= 400) throw errorFromResponse(request, response);
    return response;
  }
}
