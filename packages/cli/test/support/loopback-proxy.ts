import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type StubServer,
  startStubServer,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '@heygen-assets/testkit';

/** One request as the proxy received it. */
export interface SeenRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** What the proxy did with it. */
  fate: 'forwarded' | 'answered';
}

/** What the proxy does with a request instead of passing it straight on. */
export type ProxyAction =
  /** Answers itself with this status, JSON body and headers. */
  | { answer: number; json: unknown; headers?: Record<string, string> }
  /** Waits this long, in milliseconds, then passes the request on. */
  | { delayMs: number };

export interface LoopbackProxy extends StubServer {
  requests: SeenRequest[];
  /** The most requests of `method` the proxy had under way at once. */
  mostAtOnce(method: string): number;
  /** Sends requests on to the real address of `test`, started with this proxy as public URL. */
  forwardTo(test: TestServer): void;
}

/**
 * A loopback proxy in front of a test server, for what a real server does not do on request:
 * `plan` sees each request (and how many came before) and returns an action, or `undefined` to
 * pass it on untouched. Start it first and give its URL to the server as `publicUrl`, so the
 * upload URLs lead through it too. Request bodies are read whole before anything else happens.
 */
export async function startLoopbackProxy(
  plan: (request: SeenRequest, index: number) => ProxyAction | undefined,
): Promise<LoopbackProxy> {
  const requests: SeenRequest[] = [];
  const underWay = new Map<string, number>();
  const most = new Map<string, number>();
  let target = '';

  const stub = await startStubServer((incoming, response) => {
    const method = incoming.method ?? '';
    const path = new URL(incoming.url ?? '/', 'http://proxy').pathname;
    const request: SeenRequest = { method, path, fate: 'forwarded' };
    const action = plan(request, requests.length);
    requests.push(request);

    const count = (underWay.get(method) ?? 0) + 1;
    underWay.set(method, count);
    most.set(method, Math.max(most.get(method) ?? 0, count));
    response.on('close', () => underWay.set(method, (underWay.get(method) ?? 1) - 1));

    readBody(incoming).then(async (body) => {
      if (action && 'answer' in action) {
        request.fate = 'answered';
        response.writeHead(action.answer, {
          'content-type': 'application/json',
          ...action.headers,
        });
        response.end(JSON.stringify(action.json));
        return;
      }
      if (action) await sleep(action.delayMs);
      forward(incoming, body, response, target);
    });
  });

  return {
    ...stub,
    requests,
    mostAtOnce: (method) => most.get(method) ?? 0,
    forwardTo: (test) => {
      // `test.url` is the public URL, this proxy's own: requests go on to the bound address.
      const { port } = test.server.app.server.address() as AddressInfo;
      target = `http://127.0.0.1:${port}`;
    },
  };
}

async function readBody(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function forward(incoming: IncomingMessage, body: Buffer, response: ServerResponse, to: string) {
  const upstream = httpRequest(new URL(incoming.url ?? '/', to), {
    method: incoming.method,
    headers: incoming.headers,
  });
  upstream.on('error', () => response.destroy());
  upstream.on('response', (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  upstream.end(body);
}

/** A test server reached through a loopback proxy that can be made to answer as busy. */
export interface BusyProxiedServer {
  proxy: LoopbackProxy;
  test: TestServer;
  /** The CLI's environment for the test key and the proxy's URL. */
  env: Record<string, string | undefined>;
  /** Makes the proxy answer `busy` itself to the next `count` requests `matches` picks. */
  setBusy(count: number): void;
  close(): Promise<void>;
}

/**
 * Starts a test server behind a loopback proxy (which is also its public URL) that answers
 * `busy` to as many of the requests `matches` picks as `setBusy` last said, and passes on the rest.
 */
export async function startBusyProxiedServer(
  matches: (request: SeenRequest) => boolean,
  busy: ProxyAction,
): Promise<BusyProxiedServer> {
  let busyLeft = 0;
  const proxy = await startLoopbackProxy((request) => {
    if (!matches(request) || busyLeft === 0) return undefined;
    busyLeft -= 1;
    return busy;
  });
  const test = await startTestServer({ publicUrl: proxy.url });
  proxy.forwardTo(test);
  return {
    proxy,
    test,
    env: { HEYGEN_API_KEY: TEST_API_KEY, HEYGEN_API_BASE: proxy.url },
    setBusy: (count) => {
      busyLeft = count;
    },
    close: async () => {
      await proxy.close();
      await test.close();
    },
  };
}
