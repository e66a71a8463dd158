import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { type StubServer, startStubServer } from '@heygen-assets/testkit';

/** One request as the proxy received it, whatever then happened to it. */
export interface ProxiedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  headers: IncomingMessage['headers'];
  /** When its headers arrived, from `performance.now()`, in milliseconds. */
  arrivedAtMs: number;
  /** What the proxy did: forwarded it, answered it itself, or cut it. */
  fate: 'forwarded' | 'answered' | 'cut' | 'answer lost';
}

/** What the proxy does instead of forwarding a request. */
export type Fault =
  /** Reads the whole body, then answers with this status, JSON body and headers. */
  | { answer: number; json: unknown; headers?: Record<string, string> }
  /** Forwards the request but cuts both connections once `bytes` of its body went through. */
  | { cutAfterBytes: number }
  /** Forwards the whole request, then cuts the client's connection instead of answering. */
  | { loseAnswer: true }
  /** Never answers; the connection stays open until the client gives up. */
  | { silent: true };

export interface FaultProxy extends StubServer {
  /** Every request so far, in order. */
  requests: ProxiedRequest[];
  /** Where requests without a fault go, e.g. a test server's bound URL. */
  forwardTo(url: string): void;
}

/**
 * A loopback HTTP proxy in front of a real server that injects faults: `plan` sees each request
 * (and how many came before it) and returns the fault to inject, or `undefined` to forward it
 * untouched. Start it first and give its URL to the server as `publicUrl`, so the upload URLs
 * the server hands out lead through it too.
 */
export async function startFaultProxy(
  plan: (request: ProxiedRequest, index: number) => Fault | undefined,
): Promise<FaultProxy> {
  const requests: ProxiedRequest[] = [];
  let target = '';

  const stub = await startStubServer((incoming, response) => {
    const request: ProxiedRequest = {
      method: incoming.method ?? '',
      path: new URL(incoming.url ?? '/', 'http://proxy').pathname,
      headers: incoming.headers,
      arrivedAtMs: performance.now(),
      fate: 'forwarded',
    };
    const fault = plan(request, requests.length);
    requests.push(request);

    if (fault && 'answer' in fault) {
      request.fate = 'answered';
      answer(incoming, response, fault);
    } else if (fault && 'silent' in fault) {
      request.fate = 'answered';
      incoming.resume();
    } else if (fault && 'loseAnswer' in fault) {
      request.fate = 'answer lost';
      forward(incoming, response, target, undefined, true);
    } else {
      if (fault) request.fate = 'cut';
      forward(incoming, response, target, fault?.cutAfterBytes);
    }
  });

  return { ...stub, requests, forwardTo: (url) => (target = url) };
}

function answer(
  incoming: IncomingMessage,
  response: ServerResponse,
  fault: { answer: number; json: unknown; headers?: Record<string, string> },
) {
  incoming.resume();
  incoming.on('end', () => {
    response.writeHead(fault.answer, {
      'content-type': 'application/json',
      'x-request-id': 'req-proxy',
      ...fault.headers,
    });
    response.end(JSON.stringify(fault.json));
  });
}

/**
 * Passes the request on and the answer back. Like a buffering proxy, it reads the whole body
 * before sending it on, so a server's early answer (a refusal before the body) reaches the
 * client instead of a reset. With `cutAfterBytes` the body streams through and is cut there;
 * with `loseAnswer` the client's connection is cut once the answer has arrived.
 */
function forward(
  incoming: IncomingMessage,
  response: ServerResponse,
  target: string,
  cutAfterBytes: number | undefined,
  loseAnswer = false,
) {
  const upstream = httpRequest(new URL(incoming.url ?? '/', target), {
    method: incoming.method,
    headers: incoming.headers,
  });
  upstream.on('error', () => response.destroy());
  upstream.on('response', (answer) => {
    if (loseAnswer) {
      answer.resume();
      incoming.socket.destroy();
      return;
    }
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });

  if (cutAfterBytes === undefined) {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => upstream.end(Buffer.concat(chunks)));
    return;
  }

  let passedBytes = 0;
  incoming.on('data', (chunk: Buffer) => {
    const room = cutAfterBytes - passedBytes;
    if (room <= 0) return;
    passedBytes += Math.min(room, chunk.byteLength);
    const written = passedBytes < cutAfterBytes ? undefined : () => cut(incoming, upstream);
    upstream.write(chunk.subarray(0, room), written);
  });
}

/** Both sides see the connection drop midway, as when a network link fails. */
function cut(incoming: IncomingMessage, upstream: ReturnType<typeof httpRequest>) {
  incoming.pause();
  upstream.destroy();
  incoming.socket.destroy();
}
