import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { SNIFF_WINDOW_BYTES } from '@heygen-assets/core';

/**
 * A source's body that holds back its first `SNIFF_WINDOW_BYTES` (or all of a shorter body)
 * until `checkHead` has looked at them: a head it throws for never goes further, so refused
 * bytes are never stored. Nothing is read before the stream is, so backpressure reaches the
 * source; an error of the source is reported as `failure` tells it.
 */
export function checkedBody(
  response: IncomingMessage,
  checkHead: (head: Buffer) => void,
  failure: (error: unknown) => unknown,
): Readable {
  return Readable.from(checkedChunks(response, checkHead, failure), { objectMode: false });
}

async function* checkedChunks(
  response: IncomingMessage,
  checkHead: (head: Buffer) => void,
  failure: (error: unknown) => unknown,
): AsyncGenerator<Buffer> {
  let head: Buffer[] | undefined = [];
  let headBytes = 0;

  const release = (): Buffer => {
    const bytes = Buffer.concat(head ?? []);
    head = undefined;
    checkHead(bytes);
    return bytes;
  };

  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      if (!head) {
        yield chunk;
        continue;
      }
      head.push(chunk);
      headBytes += chunk.byteLength;
      if (headBytes >= SNIFF_WINDOW_BYTES) yield release();
    }
  } catch (error) {
    throw failure(error);
  }
  if (head) yield release();
}
