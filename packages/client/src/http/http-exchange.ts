import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

/** One HTTP request as the client's operations describe it, before it is sent. */
export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  url: URL;
  headers: Record<string, string>;
  /**
   * A string is sent at once; a stream is piped with backpressure and can be sent only once
   * (a retry must build a fresh one).
   */
  body?: string | Readable;
}

/** A complete HTTP response whose body was small enough to keep as text. */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}
