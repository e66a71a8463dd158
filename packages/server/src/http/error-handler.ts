import { AssetError, isErrorCode } from '@heygen-assets/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorEnvelope } from './envelopes.js';
import { JSON_BODY_LIMIT_BYTES } from './limits.js';
import { discardUnreadBody } from './unread-body.js';

/** Turns anything thrown in a route into the route's dialect envelope with a stable code. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const assetError = toAssetError(error);

  if (assetError.status >= 500) {
    request.log.error({ err: error }, 'request failed');
  } else {
    request.log.info({ code: assetError.code, status: assetError.status }, assetError.message);
  }

  // A body refused before its end is not read on: the connection closes after this response.
  if (!request.raw.complete) {
    reply.header('connection', 'close');
    discardUnreadBody(request.raw);
  }

  return reply.status(assetError.status).send(errorEnvelope(request.dialect, assetError));
}

function toAssetError(error: FastifyError): AssetError {
  if (error instanceof AssetError) return error;

  const status = error.statusCode ?? 500;
  if (status === 413) {
    return new AssetError(
      'request_too_large',
      `The JSON body is larger than ${JSON_BODY_LIMIT_BYTES} bytes.`,
      { cause: error, hint: 'Files are sent as the body of an upload, never inside JSON.' },
    );
  }
  if (status >= 400 && status < 500) {
    const code = isErrorCode(error.code) ? error.code : 'invalid_request';
    return new AssetError(code, `${error.message}.`, {
      cause: error,
      hint: 'Check the method, headers and body against the API reference (GET /openapi.json).',
    });
  }
  return new AssetError('internal_error', 'The server failed to handle the request.', {
    cause: error,
    hint: 'Try again; if it keeps failing, report it with the X-Request-Id of this response.',
  });
}
