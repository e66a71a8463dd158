import { once } from 'node:events';
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { pinnedLookup, type SourceHop } from '@heygen-assets/core';
import { NetworkError } from '../errors/network-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { redactUrl } from '../http/redact-url.js';

/** Headers of every request for a source URL: no API key, nothing about the caller. */
const SOURCE_REQUEST_HEADERS = {
  'user-agent': 'heygen-assets-client',
  accept: '*/*',
  'accept-encoding': 'identity',
};

export interface OpenSourceOptions {
  /** Longest time without progress, in milliseconds; 0 waits forever. */
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

/**
 * One `GET` of a source URL, connected to checked addresses only, its headers received and its
 * body not yet read. Each request has its own agent without keep-alive: a pooled socket opened
 * for another URL or under another policy is never reused.
 */
export class SourceResponse implements SourceHop {
  readonly url: URL;
  readonly response: IncomingMessage;
  readonly #request: ClientRequest;
  readonly #agent: http.Agent;
  readonly #state: { timedOut: boolean };
  readonly #options: OpenSourceOptions;

  private constructor(
    url: URL,
    response: IncomingMessage,
    connection: { request: ClientRequest; agent: http.Agent; state: { timedOut: boolean } },
    options: OpenSourceOptions,
  ) {
    this.url = url;
    this.response = response;
    this.#request = connection.request;
    this.#agent = connection.agent;
    this.#state = connection.state;
    this.#options = options;
  }

  /** Sends the request to one of `addresses` (already checked) and waits for the headers. */
  static async open(
    url: URL,
    addresses: readonly string[],
    options: OpenSourceOptions,
  ): Promise<SourceResponse> {
    options.signal?.throwIfAborted();

    const lookup = pinnedLookup(addresses);
    const agent =
      url.protocol === 'https:'
        ? new https.Agent({ keepAlive: false, lookup })
        : new http.Agent({ keepAlive: false, lookup });
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.get(url, {
      agent,
      headers: SOURCE_REQUEST_HEADERS,
      signal: options.signal,
    });
    const state = { timedOut: false };
    const connection = { request, agent, state };

    if (options.timeoutMs > 0) {
      request.setTimeout(options.timeoutMs, () => {
        state.timedOut = true;
        request.destroy();
      });
    }

    try {
      const [response] = (await once(request, 'response')) as [IncomingMessage];
      // Later failures reach the reader through the response; keep the request's quiet.
      request.on('error', () => {});
      return new SourceResponse(url, response, connection, options);
    } catch (error) {
      agent.destroy();
      throw explainFailure(url, error, state, options);
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

  /**
   * What to report for an error met while reading the body: the signal's reason when aborted,
   * `TimeoutError` when idle too long, else a `NetworkError` wrapping it.
   */
  failure(error: unknown): unknown {
    return explainFailure(this.url, error, this.#state, this.#options);
  }

  /** Ends the connection, whether or not the body was read. */
  close(): void {
    this.response.destroy();
    this.#request.destroy();
    this.#agent.destroy();
  }
}

function explainFailure(
  url: URL,
  error: unknown,
  state: { timedOut: boolean },
  options: OpenSourceOptions,
): unknown {
  if (options.signal?.aborted) return options.signal.reason;
  if (state.timedOut) return new TimeoutError('GET', redactUrl(url), options.timeoutMs);
  return new NetworkError('GET', redactUrl(url), error);
}
