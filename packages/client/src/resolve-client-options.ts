import { AssetError } from '@heygen-assets/core';
import {
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  type HeygenAssetsOptions,
  type ResolvedClientOptions,
} from './client-options.js';
import { resolveRetryPolicy } from './retry/retry-policy.js';

/** Applies the defaults (environment included) and refuses options that cannot work. */
export function resolveClientOptions(options: HeygenAssetsOptions): ResolvedClientOptions {
  const apiKey = options.apiKey ?? process.env.HEYGEN_API_KEY;
  const baseUrl = options.baseUrl ?? process.env.HEYGEN_API_BASE ?? DEFAULT_BASE_URL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  if (!apiKey) {
    throw new AssetError('unauthorized', 'No API key: pass apiKey or set HEYGEN_API_KEY.', {
      hint: '`heygen-assets serve` prints the key it generates on first start.',
    });
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new TypeError(`timeoutMs must be a number of milliseconds ≥ 0, not ${timeoutMs}.`);
  }

  return {
    apiKey,
    baseUrl: parseBaseUrl(baseUrl),
    timeoutMs,
    signal: options.signal,
    retry: resolveRetryPolicy(options.retry),
  };
}

function parseBaseUrl(text: string): URL {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError(`baseUrl must be an http or https URL, not ${JSON.stringify(text)}.`);
  }
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  url.search = '';
  url.hash = '';
  return url;
}
