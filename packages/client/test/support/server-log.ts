import type { TestServer } from '@heygen-assets/testkit';

/** How many requests of `method` on a path starting with `pathPrefix` the server has logged. */
export function requestsLogged(test: TestServer, method: string, pathPrefix: string): number {
  return test
    .logs()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; req?: { method?: string; path?: string } })
    .filter((entry) => entry.msg === 'incoming request')
    .filter((entry) => entry.req?.method === method && entry.req.path?.startsWith(pathPrefix))
    .length;
}
