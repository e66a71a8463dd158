import type { IncomingMessage } from 'node:http';

/** How long the rest of a refused body is read and thrown away before the connection is cut. */
const REFUSED_BODY_DRAIN_MS = 2000;

/**
 * After refusing a request whose body is still arriving: discard the rest for a short while
 * (closing a socket with unread bytes makes TCP reset it, and the client may lose the error
 * response), then cut the connection so an endless body cannot keep it busy. Nothing is stored.
 */
export function discardUnreadBody(request: IncomingMessage): void {
  if (request.complete || request.destroyed) return;
  const timer = setTimeout(() => request.socket?.destroy(), REFUSED_BODY_DRAIN_MS);
  timer.unref();
  request.once('end', () => clearTimeout(timer));
  request.once('close', () => clearTimeout(timer));
  request.resume();
}
