import type { IncomingMessage } from 'node:http';

/** How long the rest of a refused body is read and thrown away before the connection is cut. */
const REFUSED_BODY_DRAIN_MS = 2000;

/** How much of a refused body is read and thrown away at most, in bytes. */
const REFUSED_BODY_DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * After refusing a request whose body is still arriving: discard a little more of it (closing a
 * socket with unread bytes makes TCP reset it, and the client may lose the error response),
 * then stop reading — the client's sends block while it reads the answer — and cut the
 * connection after a short while, so an endless body cannot keep it busy. Nothing is stored.
 */
export function discardUnreadBody(request: IncomingMessage): void {
  if (request.complete || request.destroyed) return;
  const cut = () => request.socket?.destroy();
  const timer = setTimeout(cut, REFUSED_BODY_DRAIN_MS);
  timer.unref();
  let drainedBytes = 0;
  request.on('data', (chunk: Buffer) => {
    drainedBytes += chunk.length;
    if (drainedBytes > REFUSED_BODY_DRAIN_BYTES) request.pause();
  });
  request.once('close', () => clearTimeout(timer));
  request.resume();
}
