import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

/** One HTTP request as the client's operations describe it, before it is sent. */
export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  url: URL;
  headers: Record<string, string>;
  /**
   * A string is sent at once; a stream is piped with backpressure and can be sent only once, so
   * a request with a stream body is never retried. A `BodyOpener` is called for each attempt.
   */
  body?: string | Readable | BodyOpener;
}

/** Opens a fresh stream of the same bytes for each attempt, so the request can be retried. */
export type BodyOpener = () => Readable;

/** A complete HTTP response whose body was small enough to keep as text. */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}
