import { MAX_UPLOAD_URL_REFRESHES, type RetryEvent } from '@heygen-assets/client';
import { describeError } from './describe-error.js';

/**
 * The line the CLI writes on stderr before the client sends a request again, e.g.
 * `heygen-assets: POST /v1/asset failed (service_unavailable: The server is busy.); retry 1 of 4
 * in 0.5 s`. The path stands for the request: upload URLs carry a signature, which is left out.
 *
 * @param retries the most retries the client makes, to say how many are left
 */
export function retryNotice(event: RetryEvent, retries: number): string {
  const request = `${event.method} ${pathOf(event.url)}`;
  if (event.reason === 'upload_url_expired') {
    return (
      `heygen-assets: ${request}: the upload URL expired; getting a new one ` +
      `(${event.retry} of ${MAX_UPLOAD_URL_REFRESHES})\n`
    );
  }
  const problem = describeError(event.error);
  // A network error or timeout names the request itself; it is named once, at the start.
  const message = problem.message.replace(/^[A-Z]+ \S+ failed: /, '');
  const wait = (event.delayMs / 1000).toFixed(1);
  return (
    `heygen-assets: ${request} failed (${problem.code}: ${message}); ` +
    `retry ${event.retry} of ${retries} in ${wait} s\n`
  );
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
