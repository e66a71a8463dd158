import type { IncomingHttpHeaders } from 'node:http';
import { type StubServer, startStubServer } from '@heygen-assets/testkit';

/** One request as the stub received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as UTF-8 text. */
  body: string;
  /** The body as received. */
  bytes: Buffer;
  /** When the whole request had arrived, from `Date.now()`. */
  receivedAt: number;
}

/** What the stub answers: a status and a JSON body (or raw text), plus headers. */
export interface StubAnswer {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export interface RecordingStub extends StubServer {
  /** Every request so far, in the order they arrived. */
  requests: RecordedRequest[];
}

/**
 * A stub that reads each request whole, records it, and answers with `answer(request, url)`
 * (`url` is the stub's own base URL). Every answer carries `X-Request-Id: req-stub`.
 */
export async function startRecordingStub(
  answer: (request: RecordedRequest, url: string) => StubAnswer,
): Promise<RecordingStub> {
  const requests: RecordedRequest[] = [];
  const stub = await startStubServer(async (incoming, response, url) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const request = {
      method: incoming.method ?? '',
      url: incoming.url ?? '',
      headers: incoming.headers,
      body: bytes.toString('utf8'),
      bytes,
      receivedAt: Date.now(),
    };
    requests.push(request);

    const reply = answer(request, url);
    const text = reply.text ?? JSON.stringify(reply.json);
    response.writeHead(reply.status, {
      'content-type': 'application/json',
      'x-request-id': 'req-stub',
      ...reply.headers,
    });
    response.end(text);
  });
  return { ...stub, requests };
}

/** The path of a recorded request, without its query. */
export function pathOf(request: RecordedRequest): string {
  return new URL(request.url, 'http://stub').pathname;
}

/** One query parameter of a recorded request. */
export function queryOf(request: RecordedRequest, name: string): string | null {
  return new URL(request.url, 'http://stub').searchParams.get(name);
}
