import { pipeline } from 'node:stream';
import type { HttpRequest } from '../http/http-exchange.js';
import type { Transport } from '../http/transport.js';
import type { PreparedUpload } from '../source/prepared-upload.js';
import { type ProgressListener, UploadMeter } from '../source/upload-meter.js';
import type { UploadSlot } from './upload-slot.js';

export interface PutToSlotOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ProgressListener | undefined;
}

/**
 * `PUT <upload_url>` with exactly the slot's `upload_headers` and the bytes, streamed with
 * backpressure. `Content-Length` is always sent (the declared size, which the slot agreed to).
 * The PUT only stages the bytes; `/complete` verifies them. Any 2xx will do: the URL may point at
 * object storage, which answers with an empty body. Resolves to the SHA-256 of the bytes sent.
 */
export async function putToSlot(
  transport: Transport,
  slot: UploadSlot,
  prepared: PreparedUpload,
  options: PutToSlotOptions = {},
): Promise<string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(slot.uploadHeaders)) {
    headers[name.toLowerCase()] = value;
  }
  headers['content-length'] = String(prepared.sizeBytes);

  const meter = new UploadMeter(prepared.sizeBytes, options.onProgress);
  const request: HttpRequest = {
    method: 'PUT',
    url: new URL(slot.uploadUrl),
    headers,
    // Errors reach the request through `meter`, which the pipeline destroys with them.
    body: pipeline(prepared.openBody(), meter, () => {}),
  };

  await transport.upload(request, options.signal);
  return meter.sha256;
}
