import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/** Node publishes every client socket it creates (http, https and net) on this channel. */
const CLIENT_SOCKET_CHANNEL = 'net.client.socket';

/**
 * Runs `work` and counts the client sockets this process opened meanwhile, so a test can show
 * that a refusal happened before any connection was attempted.
 */
export async function countSocketsOpened(
  work: () => Promise<unknown>,
): Promise<{ sockets: number; outcome: PromiseSettledResult<unknown> }> {
  let sockets = 0;
  const onSocket = () => {
    sockets += 1;
  };
  subscribe(CLIENT_SOCKET_CHANNEL, onSocket);
  try {
    const [outcome] = await Promise.allSettled([work()]);
    return { sockets, outcome: outcome as PromiseSettledResult<unknown> };
  } finally {
    unsubscribe(CLIENT_SOCKET_CHANNEL, onSocket);
  }
}
