import type { HttpRequest } from '../http/http-exchange.js';
import type { Transport } from '../http/transport.js';
import { MeteredUploadBody } from '../retry/metered-upload-body.js';
import type { PreparedUpload } from '../source/prepared-upload.js';
import type { ProgressListener } from '../source/upload-meter.js';
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
 * A path or bytes are sent again on a retry (progress restarting from 0); a stream once.
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

  const body = new MeteredUploadBody(prepared, options.onProgress);
  const request: HttpRequest = {
    method: 'PUT',
    url: new URL(slot.uploadUrl),
    headers,
    body: body.body,
  };

  await transport.upload(request, options.signal);
  return body.sha256;
}
