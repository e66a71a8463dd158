import { AssetError, essenceOf } from '@heygen-assets/core';
import type { FastifyRequest } from 'fastify';

/** How many leading bytes of a binary body an error message names, in hex. */
const SHOWN_BINARY_BYTES = 8;

/** Decodes UTF-8, refusing bytes that are not. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The content-type parser for `application/json`: an empty body is `undefined` (the route says
 * what is missing); text that is not JSON is refused with the parser's own message, and bytes
 * that are not text at all are described, never echoed, so no binary reaches the message.
 */
export function parseJsonBody(
  request: FastifyRequest,
  body: string | Buffer,
  done: (error: Error | null, value?: unknown) => void,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const text = utf8OrUndefined(bytes);
  if (text?.trim() === '') {
    done(null, undefined);
    return;
  }
  const hint = `Send a JSON object as UTF-8 text; GET /openapi.json describes the body of ${routeOf(request)}.`;
  if (text === undefined || hasControlCharacters(text)) {
    done(new AssetError('invalid_request', describeBinary(bytes), { hint }));
    return;
  }
  try {
    done(null, JSON.parse(text));
  } catch (error) {
    done(
      new AssetError('invalid_request', `The body is not valid JSON: ${(error as Error).message}`, {
        hint,
      }),
    );
  }
}

/**
 * Refuses a request to a JSON-only route whose body did not come as `application/json`: such a
 * body is never parsed, so without this the route would report its fields as missing.
 */
export function requireJsonBody(request: FastifyRequest): void {
  const declared = request.headers['content-type'];
  if (declared !== undefined && essenceOf(declared) === 'application/json') return;
  const found = declared === undefined ? 'no Content-Type' : `Content-Type ${essenceOf(declared)}`;
  throw new AssetError(
    'invalid_request',
    `The body must be JSON sent with Content-Type: application/json; the request has ${found}.`,
    { hint: 'Add the header "Content-Type: application/json" (with curl: -H).' },
  );
}

function utf8OrUndefined(bytes: Buffer): string | undefined {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Whether text holds a control character JSON never holds raw (strings escape them). */
function hasControlCharacters(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return true;
  }
  return false;
}

function describeBinary(bytes: Buffer): string {
  const head = bytes
    .subarray(0, SHOWN_BINARY_BYTES)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b ? ', gzip-compressed data' : '';
  return (
    `The body is not JSON text: ${bytes.length} bytes of binary data${gzip} ` +
    `starting with ${head}.`
  );
}

function routeOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
}
