import { once } from 'node:events';
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { pinnedLookup, redactUrl, type SourceHop } from '@heygen-assets/core';
import { SourceFetchError } from './source-fetch-error.js';

/** Headers of every request for an external URL: nothing about the caller, no keys. */
const REQUEST_HEADERS = {
  'user-agent': 'heygen-assets-server',
  accept: '*/*',
  'accept-encoding': 'identity',
};

export interface SourceRequestOptions {
  /** Longest a source may stay silent, headers or body, in milliseconds. */
  idleTimeoutMs: number;
  signal: AbortSignal;
}

/**
 * One `GET` of an external URL, sent to addresses that were already checked — never to what
 * DNS says later — with its headers in and its body unread. Its own agent, no keep-alive: a
 * socket opened for one URL is never reused for another.
 */
export class SourceRequest implements SourceHop {
  readonly url: URL;
  readonly response: IncomingMessage;
  readonly #request: ClientRequest;
  readonly #idle: { timedOut: boolean; timeoutMs: number };

  private constructor(url: URL, request: ClientRequest, response: IncomingMessage, idle: Idle) {
    this.url = url;
    this.response = response;
    this.#request = request;
    this.#idle = idle;
  }

  static async send(
    url: URL,
    addresses: readonly string[],
    options: SourceRequestOptions,
  ): Promise<SourceRequest> {
    options.signal.throwIfAborted();

    const transport = url.protocol === 'https:' ? https : http;
    const agent = new transport.Agent({ keepAlive: false, lookup: pinnedLookup(addresses) });
    const request = transport.get(url, { agent, headers: REQUEST_HEADERS, signal: options.signal });
    const idle: Idle = { timedOut: false, timeoutMs: options.idleTimeoutMs };
    request.setTimeout(options.idleTimeoutMs, () => {
      idle.timedOut = true;
      request.destroy();
    });
    request.once('close', () => agent.destroy());

    try {
      const [response] = (await once(request, 'response')) as [IncomingMessage];
      // Later failures reach the reader through the response; keep the request's quiet.
      request.on('error', () => {});
      return new SourceRequest(url, request, response, idle);
    } catch (error) {
      throw failureOf(url, error, idle, options.signal);
    }
  }

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  get location(): string | undefined {
    return this.header('location');
  }

  /** A response header as one string, if present. */
  header(name: string): string | undefined {
    const value = this.response.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }

  /** What to report for an error met while reading the body (see `failureOf`). */
  failure(error: unknown, signal: AbortSignal): unknown {
    if (error instanceof SourceFetchError) return error;
    return failureOf(this.url, error, this.#idle, signal);
  }

  /** Ends the connection, whether or not the body was read. */
  close(): void {
    this.response.destroy();
    this.#request.destroy();
  }
}

interface Idle {
  timedOut: boolean;
  timeoutMs: number;
}

/**
 * The abort reason when the job was stopped (the render is retried later); `source_timeout`
 * when the source went silent; anything else as the fetch failure it is.
 */
function failureOf(url: URL, error: unknown, idle: Idle, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason;
  if (!idle.timedOut) return SourceFetchError.unreachable(url, error);
  return new SourceFetchError(
    'source_timeout',
    `GET ${redactUrl(url)} sent nothing for ${idle.timeoutMs} ms.`,
    'Check that the host serves the file promptly, or upload the file instead.',
    error,
  );
}
