import { redactUrl } from './redact-url.js';
import { parseSourceUrl } from './source-url.js';
import { UrlSourceError } from './url-source-error.js';

/** Most redirects followed from the URL given to the one that answers with the media. */
export const MAX_SOURCE_REDIRECTS = 5;

/** Statuses whose `Location` is followed (RFC 9110 §15.4); 303 means GET, which is all we send. */
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** One answered request of a fetch: its headers are in, its body not yet read. */
export interface SourceHop {
  readonly status: number;
  /** The `Location` header, if any. */
  readonly location: string | undefined;
  /** Ends the request without reading its body. */
  close(): void;
}

/**
 * Follows a media URL's redirects, at most `MAX_SOURCE_REDIRECTS`, each target parsed under the
 * same rules as the first URL (`parseSourceUrl`). `open` sends one `GET` — and must check the
 * URL's addresses before it connects, so a public URL cannot redirect into a private network.
 * Resolves with the 2xx hop, its body unread; the caller closes it. The I/O is all in `open`.
 */
export async function followRedirects<Hop extends SourceHop>(
  start: URL,
  open: (url: URL) => Promise<Hop>,
): Promise<Hop> {
  let url = start;

  for (let redirects = 0; ; redirects++) {
    const hop = await open(url);
    if (hop.status >= 200 && hop.status < 300) return hop;
    hop.close();

    const location = REDIRECT_STATUSES.has(hop.status) ? hop.location : undefined;
    if (location === undefined) throw unavailable(url, hop.status);
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
