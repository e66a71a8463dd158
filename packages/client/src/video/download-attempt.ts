import { once } from 'node:events';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { NetworkError } from '../errors/network-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { HttpRequest, HttpResponse } from '../http/http-exchange.js';
import { readBodyText } from '../http/read-body-text.js';
import { redactUrl } from '../http/redact-url.js';
import { ByteMeter, type DownloadProgressListener } from './byte-meter.js';
import { DownloadInterruptedError } from './download-interrupted-error.js';
import type { DownloadSink } from './download-sink.js';

/** Largest error body kept from the files host, in bytes; its errors are small JSON documents. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface AttemptOptions {
  /** Longest time without any progress on the connection, in milliseconds; 0 waits for ever. */
  timeoutMs: number;
  signal: AbortSignal | undefined;
  onProgress: DownloadProgressListener | undefined;
}

/**
 * One `GET` of a download. A 200 has its body streamed into `sink` (constant memory) and is
 * returned with an empty `body`; any other status is returned with its (small) body, for the
 * retry loop to turn into an `ApiError`. Failures come out as the retry loop expects: the
 * signal's reason when aborted, `TimeoutError` when idle too long, `NetworkError` for a
 * connection that failed or a body that ended short of its `Content-Length`, the destination's
 * own error when writing failed, and `DownloadInterruptedError` once a stream that cannot be
 * written again has been given bytes.
 */
export async function downloadAttempt(
  request: HttpRequest,
  sink: DownloadSink,
  options: AttemptOptions,
): Promise<HttpResponse> {
  options.signal?.throwIfAborted();
  const transport = request.url.protocol === 'https:' ? https : http;
  // The signal is not handed to the request: aborting a request whose socket went back to the
  // agent's pool makes that socket emit an error nobody listens to. It ends each wait instead.
  const outgoing = transport.request(request.url, {
    method: request.method,
    headers: request.headers,
  });
  let timedOut = false;
  // Which side failed first: once one does, the pipe destroys the others with the same error.
  const origin: FailureOrigin = { first: undefined };
  const connectionFailed = () => {
    origin.first ??= 'connection';
  };
  outgoing.on('error', connectionFailed);
  if (options.timeoutMs > 0) {
    outgoing.setTimeout(options.timeoutMs, () => {
      timedOut = true;
      outgoing.destroy();
    });
  }
  outgoing.end();

  let response: IncomingMessage | undefined;
  try {
    const { signal } = options;
    [response] = (await once(outgoing, 'response', { signal })) as [IncomingMessage];
    response.on('error', connectionFailed);
    if (response.statusCode !== 200) return await errorAnswer(response);
    await receiveBody(response, sink, options, () => {
      origin.first ??= 'destination';
    });
    return { status: 200, headers: response.headers, body: '' };
  } catch (error) {
    throw failure(error, { request, response, origin, timedOut, options });
  } finally {
    if (!outgoing.destroyed) outgoing.destroy();
  }
}

async function errorAnswer(response: IncomingMessage): Promise<HttpResponse> {
  const body = await readBodyText(response, MAX_ERROR_BODY_BYTES);
  return { status: response.statusCode ?? 0, headers: response.headers, body };
}

/** Streams the body into the sink, then checks it was whole before the sink commits it. */
async function receiveBody(
  response: IncomingMessage,
  sink: DownloadSink,
  options: AttemptOptions,
  onDestinationError: () => void,
): Promise<void> {
  const announced = Number(response.headers['content-length']);
  const totalBytes = Number.isSafeInteger(announced) && announced >= 0 ? announced : undefined;
  const meter = new ByteMeter(totalBytes, options.onProgress);

  try {
    await sink.receive(response, meter, options.signal, onDestinationError);
    if (totalBytes !== undefined && meter.receivedBytes !== totalBytes) {
      throw new ShortBodyError(meter.receivedBytes, totalBytes);
    }
  } catch (error) {
    if (sink.restartable) throw error;
    throw new DownloadInterruptedError(meter.receivedBytes, error);
  }
  // An abort after the last byte arrived still leaves no file behind.
  options.signal?.throwIfAborted();
  await sink.commit();
}

/** The body ended before the length the response announced. */
class ShortBodyError extends Error {
  constructor(receivedBytes: number, totalBytes: number) {
    super(`the body ended after ${receivedBytes} of ${totalBytes} bytes`);
  }
}

/** The side whose failure came first: the connection (request or response) or the destination. */
interface FailureOrigin {
  first: 'connection' | 'destination' | undefined;
}

interface FailureContext {
  request: HttpRequest;
  response: IncomingMessage | undefined;
  origin: FailureOrigin;
  timedOut: boolean;
  options: AttemptOptions;
}

/** What to throw for a failed attempt, so that the retry loop retries what it may. */
function failure(error: unknown, context: FailureContext): unknown {
  const { request, response, options } = context;
  if (options.signal?.aborted) return options.signal.reason;

  const interrupted = error instanceof DownloadInterruptedError ? error : undefined;
  const cause = interrupted ? interrupted.cause : error;
  const url = redactUrl(request.url);
  let mapped = cause;
  if (context.timedOut) {
    mapped = new TimeoutError(request.method, url, options.timeoutMs);
  } else if (cause instanceof ShortBodyError || isConnectionFailure(context)) {
    mapped = new NetworkError(request.method, url, cause);
  }
  // A response that was never read whole leaves nothing to reuse on its socket.
  response?.destroy();

  if (!interrupted) return mapped;
  return new DownloadInterruptedError(interrupted.writtenBytes, mapped);
}

/**
 * Whether the error came from the connection rather than the destination: no response yet, the
 * request or response failing first, or a body that ended early with no failure reported.
 */
function isConnectionFailure(context: FailureContext): boolean {
  if (context.response === undefined) return true;
  const { first } = context.origin;
  return first === 'connection' || (first === undefined && !context.response.complete);
}
