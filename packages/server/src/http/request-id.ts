import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** An incoming `X-Request-Id` is kept when it is short and plain, so traces join up. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && CLIENT_REQUEST_ID.test(given)) return given;
  return randomUUID();
}
