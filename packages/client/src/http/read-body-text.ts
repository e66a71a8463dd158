import type { IncomingMessage } from 'node:http';

/**
 * Reads a response body as UTF-8, keeping at most `maxBytes`: a server (or a proxy in front of
 * it) that answers with something huge cannot make the client hold it all in memory. A longer
 * body is cut there and the connection dropped.
 */
export async function readBodyText(response: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let keptBytes = 0;

  for await (const chunk of response) {
    const bytes = chunk as Buffer;
    const room = maxBytes - keptBytes;
    chunks.push(bytes.subarray(0, room));
    keptBytes += Math.min(room, bytes.byteLength);
    if (keptBytes >= maxBytes) break;
  }

  return Buffer.concat(chunks).toString('utf8');
}
