import { once } from 'node:events';
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import { NetworkError } from '../errors/network-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { recycleSentChunks } from '../retry/recycle-sent-chunks.js';
import type { HttpRequest, HttpResponse } from './http-exchange.js';
import { readBodyText } from './read-body-text.js';
import { redactUrl } from './redact-url.js';

/** Largest response body kept, in bytes; every API response is a small JSON document. */
export const MAX_RESPONSE_BODY_BYTES = 1024 * 1024;

export interface SendOptions {
  /** Longest time without any progress on the connection, in milliseconds; 0 waits forever. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * The first failure and the side it came from. Once one side fails, `pipeline` destroys the other,
 * so the side that emitted its error first is the one the failure belongs to; the request then
 * reports a mere "socket hang up", and the body's own error is the one worth passing on.
 */
type FirstFailure = { origin: 'body'; error: unknown } | { origin: 'connection' };

/**
 * Sends one request and returns the complete response, whatever its status. A stream body (or
 * the stream a `BodyOpener` opens for this attempt) is piped with backpressure, so memory stays
 * constant whatever its size. Failures come out as: the signal's reason when aborted,
 * `TimeoutError` when idle too long, the body's own error when reading the body failed, and
 * `NetworkError` for everything that went wrong on the connection.
 */
export async function sendRequest(
  request: HttpRequest,
  options: SendOptions,
): Promise<HttpResponse> {
  options.signal?.throwIfAborted();
  const body = typeof request.body === 'function' ? request.body() : request.body;

  const transport = request.url.protocol === 'https:' ? https : http;
  const outgoing = transport.request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: options.signal,
  });
  let failure: FirstFailure | undefined;
  let timedOut = false;

  outgoing.on('error', () => {
    failure ??= { origin: 'connection' };
  });
  if (options.timeoutMs > 0) {
    outgoing.setTimeout(options.timeoutMs, () => {
      timedOut = true;
      outgoing.destroy();
    });
  }
  writeBody(outgoing, body, (error) => {
    failure ??= { origin: 'body', error };
  });

  try {
    const [response] = (await once(outgoing, 'response')) as [IncomingMessage];
    const body = await readBodyText(response, MAX_RESPONSE_BODY_BYTES);
    return { status: response.statusCode ?? 0, headers: response.headers, body };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (timedOut) throw new TimeoutError(request.method, redactUrl(request.url), options.timeoutMs);
    if (failure?.origin === 'body') throw failure.error;
    throw new NetworkError(request.method, redactUrl(request.url), error);
  } finally {
    // An error answer can arrive while a large body is still being sent (the server refuses it
    // after the first bytes): stop sending rather than push the rest of the file for nothing.
    if (!outgoing.writableFinished) outgoing.destroy();
  }
}

function writeBody(
  outgoing: ClientRequest,
  body: string | Readable | undefined,
  onBodyError: (error: unknown) => void,
) {
  if (body === undefined || typeof body === 'string') {
    outgoing.end(body);
    return;
  }

  body.on('error', (error) => {
    // A connection dropped midway makes the pipeline end the body with "premature close": then
    // the connection's failure is the one to report (and retry), not the body's.
    if (!outgoing.destroyed) onBodyError(error);
  });
  // Chunks read into pooled buffers (a file's) go back to their pool once sent: memory stays
  // flat instead of filling with spent chunks between two garbage collections.
  recycleSentChunks(outgoing);
  // Failures are reported through the request's 'error' and 'response' events, read above.
  pipeline(body, outgoing, () => {});
}
