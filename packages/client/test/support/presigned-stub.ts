import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { type StubServer, startStubServer } from '@heygen-assets/testkit';

/** The secret part of the stub's upload URL, which must never show in messages. */
export const STUB_SIGNATURE = 's3cr3t0123456789';
export const STUB_ASSET_ID = '0123456789abcdef0123456789abcdef';

export interface ReceivedPut {
  headers: IncomingHttpHeaders;
  sizeBytes: number;
  sha256: string;
}

/**
 * A stub of the two-step upload: `POST /v1/asset` hands out an upload URL on the stub itself,
 * and `onPut` answers the PUT (by default: read it all and answer like the server does).
 * `onCreate` sees each `POST /v1/asset` body.
 */
export function startPresignedStub(
  onPut: (request: IncomingMessage, response: ServerResponse) => void = answerLikeTheServer,
  onCreate: (body: unknown) => void = () => {},
): Promise<StubServer> {
  return startStubServer(async (request, response, url) => {
    if (request.method === 'POST') {
      onCreate(await json(request));
      const uploadUrl = `${url}/v1/uploads/${STUB_ASSET_ID}?expires=1&signature=${STUB_SIGNATURE}`;
      sendJson(response, 200, { error: null, data: { url: uploadUrl, asset_id: STUB_ASSET_ID } });
      return;
    }
    onPut(request, response);
  });
}

async function json(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return JSON.parse(text);
}

/** Reads the whole PUT body, hashing it without keeping it. */
export async function receivePut(request: IncomingMessage): Promise<ReceivedPut> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of request) {
    hash.update(chunk as Buffer);
    sizeBytes += (chunk as Buffer).byteLength;
  }
  return { headers: request.headers, sizeBytes, sha256: hash.digest('hex') };
}

export function answerLikeTheServer(request: IncomingMessage, response: ServerResponse): void {
  receivePut(request).then((put) => {
    sendJson(response, 200, {
      asset_id: STUB_ASSET_ID,
      url: `http://127.0.0.1/asset/${STUB_ASSET_ID}`,
      mime_type: put.headers['content-type'],
      size_bytes: put.sizeBytes,
      sha256: put.sha256,
    });
  });
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req-1' });
  response.end(JSON.stringify(body));
}
