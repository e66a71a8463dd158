import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A scripted HTTP server on an ephemeral loopback port, for answers a real server never gives
 * (broken bodies, silence, proxies' HTML pages). `handle` answers each request.
 */
export interface StubServer {
  url: string;
  close(): Promise<void>;
}

export async function startStubServer(
  handle: (request: IncomingMessage, response: ServerResponse, url: string) => void,
): Promise<StubServer> {
  const sockets = new Set<Socket>();
  let url = '';
  const server: Server = createServer((request, response) => handle(request, response, url));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port that nothing listens on (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
