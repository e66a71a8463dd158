import type { IncomingMessage } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { AssetError } from '@heygen-assets/core';

/**
 * The body of `request` as a stream its consumer may fail or destroy without tearing down the
 * connection, so the error response still reaches the client. A client that disconnects before
 * the body ends fails the stream, so no partial upload is ever taken for a whole one.
 */
export function requestBody(request: IncomingMessage): Readable {
  const body = new PassThrough({ highWaterMark: request.readableHighWaterMark });
  // The client may vanish before a consumer is attached; the error stays on the stream for
  // whoever reads it (`pipeline` reports it), so it must not surface as an uncaught exception.
  body.on('error', () => {});
  const cutShort = () => {
    if (request.complete) return;
    body.destroy(
      new AssetError('invalid_request', 'The client closed the connection mid-body.', {
        hint: 'Upload the file again.',
      }),
    );
  };
  request.once('aborted', cutShort);
  request.once('close', cutShort);
  request.once('error', cutShort);
  body.once('close', () => request.unpipe(body));
  request.pipe(body);
  return body;
}
