import { Readable } from 'node:stream';

export interface PeekedStream {
  /** The first bytes of the stream: at least the requested length unless the stream ended. */
  head: Buffer;
  /** Whether `head` is the whole content. */
  ended: boolean;
  /** The same content from its first byte, `head` included, to be read instead of the original. */
  stream: Readable;
}

/**
 * Reads the first `lengthBytes` of a stream to look at them, then hands back a stream that
 * replays them followed by the rest. Only the head is held in memory; the rest is pulled from
 * the original on demand, so backpressure still reaches it.
 */
export async function peekStream(source: Readable, lengthBytes: number): Promise<PeekedStream> {
  const iterator: AsyncIterator<unknown> = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let headBytes = 0;
  let ended = false;

  while (headBytes < lengthBytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = asBuffer(next.value);
    chunks.push(chunk);
    headBytes += chunk.byteLength;
  }

  const head = Buffer.concat(chunks);
  const stream = Readable.from(replay(head, ended, iterator), { objectMode: false });
  // Closes the original when the replay is closed early: error, abort, or never read at all.
  stream.once('close', () => void iterator.return?.());
  return { head, ended, stream };
}

async function* replay(head: Buffer, ended: boolean, rest: AsyncIterator<unknown>) {
  if (head.byteLength > 0) yield head;
  if (ended) return;

  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    yield asBuffer(next.value);
  }
}

function asBuffer(chunk: unknown): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (chunk instanceof Uint8Array)
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('The upload stream must produce bytes or strings, not objects.');
}
