import { createHash } from 'node:crypto';
import type { TestServer } from '@heygen-assets/testkit';
import { call } from './v3-api.js';

export interface V3Response<T = Record<string, unknown>> {
  status: number;
  body: { data: T; error?: { code: string; message: string; param?: string } };
  headers: Headers;
}

/** A v3 JSON request with the test key (or `apiKey`), typed by the `data` it should hold. */
export async function v3<T = Record<string, unknown>>(
  server: TestServer,
  method: string,
  path: string,
  body?: unknown,
  apiKey = server.apiKey,
): Promise<V3Response<T>> {
  return call(server, method, path, { body, apiKey });
}

export interface UploadSlot {
  asset_id: string;
  upload_url: string;
  upload_headers: Record<string, string>;
  expires_in_seconds: number;
  max_bytes: number;
  status: string;
  item_index?: number;
}

export function directUploadBody(filename: string, contentType: string, bytes: Uint8Array) {
  return {
    filename,
    content_type: contentType,
    size_bytes: bytes.length,
    checksum_sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** PUTs to a slot exactly as its `upload_headers` say. */
export function putToSlot(slot: UploadSlot, bytes: Uint8Array, headers = slot.upload_headers) {
  return fetch(slot.upload_url, { method: 'PUT', headers, body: bytes });
}
