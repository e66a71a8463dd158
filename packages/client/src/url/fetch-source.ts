import { redactUrl } from '../http/redact-url.js';
import { checkedAddresses, type SourcePolicy } from './source-address.js';
import { type OpenSourceOptions, SourceResponse } from './source-response.js';
import { parseSourceUrl } from './source-url.js';
import { UrlSourceError } from './url-source-error.js';

/** Most redirects followed from the URL given to the one that answers with the media. */
export const MAX_SOURCE_REDIRECTS = 5;

/** Statuses whose `Location` is followed (RFC 9110 §15.4); 303 means GET, which is all we send. */
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export interface FetchSourceOptions extends OpenSourceOptions {
  policy: SourcePolicy;
}

/**
 * `GET`s a source URL, following up to `MAX_SOURCE_REDIRECTS` redirects. Every hop — the first
 * URL and each redirect target — is parsed and its address checked again before any
 * connection, so a public URL cannot redirect into the local network. Resolves with a 2xx
 * response whose body is still unread; the caller closes it.
 */
export async function fetchSource(
  start: URL,
  options: FetchSourceOptions,
): Promise<SourceResponse> {
  let url = start;

  for (let redirects = 0; ; redirects++) {
    const addresses = await checkedAddresses(url, options.policy);
    const source = await SourceResponse.open(url, addresses, options);

    if (source.status >= 200 && source.status < 300) return source;
    source.close();

    const location = REDIRECT_STATUSES.has(source.status) ? source.header('location') : undefined;
    if (location === undefined) throw unavailable(url, source.status);
    if (redirects === MAX_SOURCE_REDIRECTS) throw tooManyRedirects(start);
    url = parseSourceUrl(location, url);
  }
}

function unavailable(url: URL, status: number): UrlSourceError {
  const redirect = REDIRECT_STATUSES.has(status) ? ', a redirect without a Location' : '';
  return new UrlSourceError(
    'source_unavailable',
    `GET ${redactUrl(url)} answered ${status}${redirect} instead of the media.`,
    { url: redactUrl(url), sourceStatus: status, hint: 'Check that the URL opens in a browser.' },
  );
}

function tooManyRedirects(start: URL): UrlSourceError {
  return new UrlSourceError(
    'too_many_redirects',
    `GET ${redactUrl(start)} redirected more than ${MAX_SOURCE_REDIRECTS} times.`,
    { url: redactUrl(start), hint: 'Pass the final URL of the media instead.' },
  );
}
