import { createReadStream } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { loopbackUrl } from './loopback-url.js';

/**
 * Read buffer of the uploading client, in bytes. Larger than the 64 KiB default so the client
 * spends little CPU — on a 2-core machine it shares the cores with the server being measured.
 */
const READ_HIGH_WATER_MARK_BYTES = 1024 * 1024;

export interface PutFileOptions {
  sizeBytes: number;
  contentType: string;
  signal?: AbortSignal;
}

export interface PutFileResult {
  status: number;
  body: string;
  /** From the first byte sent to the last byte of the response, in seconds. */
  seconds: number;
}

/**
 * `PUT`s a file with `Content-Length` over a fresh connection, streaming it with backpressure.
 * The same code uploads to the baseline and to heygen-assets, so only the servers differ.
 */
export async function putFile(
  url: string,
  path: string,
  options: PutFileOptions,
): Promise<PutFileResult> {
  const started = performance.now();
  const request = httpRequest(loopbackUrl(url), {
    method: 'PUT',
    agent: false,
    headers: { 'content-length': options.sizeBytes, 'content-type': options.contentType },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const responded = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });

  const source = createReadStream(path, { highWaterMark: READ_HIGH_WATER_MARK_BYTES });
  const [sent, response] = await Promise.allSettled([pipeline(source, request), responded]);
  // A server that refuses early may close the connection mid-body; its answer says more.
  if (response.status === 'rejected') throw response.reason;
  if (sent.status === 'rejected' && response.value.statusCode === 200) throw sent.reason;

  const body = await text(response.value);
  return {
    status: response.value.statusCode ?? 0,
    body,
    seconds: (performance.now() - started) / 1000,
  };
}
