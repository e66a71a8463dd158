import { request } from 'node:http';

export interface StreamedResponse {
  status: number;
  body: string;
  /** Bytes the client had handed to the socket when the response arrived. */
  bytesSent: number;
}

/**
 * Sends a body of `chunkBytes`-sized chunks, chunked (no Content-Length) unless `contentLength`
 * is given, until the server answers or `maxBytes` were sent. Stops writing the moment the
 * response arrives, like a well-behaved client.
 */
export function sendStreaming(
  url: string,
  options: {
    method: string;
    headers?: Record<string, string>;
    firstChunk?: Uint8Array;
    chunkBytes?: number;
    maxBytes: number;
  },
): Promise<StreamedResponse> {
  const chunk = Buffer.alloc(options.chunkBytes ?? 64 * 1024, 0x41);
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const req = request(url, { method: options.method, headers: options.headers ?? {} });
    req.on('response', (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(parts).toString(),
          bytesSent,
        }),
      );
      response.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });

    const pump = () => {
      while (!answered && bytesSent < options.maxBytes) {
        const next = bytesSent === 0 && options.firstChunk ? options.firstChunk : chunk;
        bytesSent += next.length;
        if (!req.write(next)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}
