import { followRedirects } from '@heygen-assets/core';
import { checkedAddresses, type SourcePolicy } from './source-address.js';
import { type OpenSourceOptions, SourceResponse } from './source-response.js';

export interface FetchSourceOptions extends OpenSourceOptions {
  policy: SourcePolicy;
}

/**
 * `GET`s a source URL, following up to `MAX_SOURCE_REDIRECTS` redirects (core's
 * `followRedirects`). Every hop — the first URL and each redirect target — has its address
 * checked before any connection. Resolves with a 2xx response whose body is still unread; the
 * caller closes it.
 */
export function fetchSource(start: URL, options: FetchSourceOptions): Promise<SourceResponse> {
  return followRedirects(start, async (url) =>
    SourceResponse.open(url, await checkedAddresses(url, options.policy), options),
  );
}
