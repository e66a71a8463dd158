import type { ClientRequest } from 'node:http';
import { recycleChunk } from './chunk-pool.js';

/**
 * Makes `outgoing` hand each chunk written to it back to its `ChunkPool` once the chunk is sent.
 * A write's callback runs when the socket has passed the bytes to the operating system (or
 * failed), so from then on nothing reads the buffer; a failed write keeps its buffer out of the
 * pool. Only this request's own `write` is wrapped, so `pipeline` keeps driving it as before.
 */
export function recycleSentChunks(outgoing: ClientRequest): void {
  const write = outgoing.write;

  outgoing.write = function writeThenRecycle(this: ClientRequest, chunk: unknown, ...rest) {
    const callback = rest.find((argument) => typeof argument === 'function');
    const encoding = rest.find((argument) => typeof argument === 'string');
    return write.call(this, chunk, encoding as BufferEncoding, (error) => {
      if (!error) recycleChunk(chunk);
      callback?.(error);
    });
  } as ClientRequest['write'];
}
