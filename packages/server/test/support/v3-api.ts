import type { TestServer } from '@heygen-assets/testkit';
import { hashApiKey } from '../../src/index.js';

export interface JsonResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response fields by name
  body: any;
}

export interface CallOptions {
  apiKey?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One API call with a JSON body (if any), answered with its status, headers and parsed body. */
export async function call(
  server: TestServer,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = {
    'x-api-key': options.apiKey ?? server.apiKey,
    ...options.headers,
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : null,
  };
}

/** Adds a second space with its own key to a test server; returns the key. */
export async function addSpace(server: TestServer, spaceId: string): Promise<string> {
  const apiKey = `key-of-${spaceId}-0123456789`;
  const { catalog } = server.server;
  await catalog.createSpace({ id: spaceId, name: spaceId, createdAt: new Date() });
  await catalog.addApiKey({
    keyHash: hashApiKey(apiKey),
    spaceId,
    label: 'test',
    createdAt: new Date(),
  });
  return apiKey;
}

/** Uploads `bytes` in one raw request (SPEC §5); returns the id of the completed asset. */
export async function uploadRaw(
  server: TestServer,
  bytes: Uint8Array,
  contentType: string,
  apiKey = server.apiKey,
): Promise<string> {
  const response = await fetch(`${server.url}/v1/asset`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-api-key': apiKey },
    body: bytes,
  });
  const body = (await response.json()) as { data: { id: string } };
  if (response.status !== 200) throw new Error(`POST /v1/asset: ${JSON.stringify(body)}`);
  return body.data.id;
}

/** The keys of an object, sorted, for exact key-set assertions. */
export function keysOf(value: object): string[] {
  return Object.keys(value).sort();
}
