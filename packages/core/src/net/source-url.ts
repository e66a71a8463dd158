import { redactUrl } from './redact-url.js';
import { UrlSourceError } from './url-source-error.js';

/**
 * The media URL to fetch, refused unless it is an absolute `http:` or `https:` URL without
 * credentials. Parsing follows WHATWG URL, which rewrites numeric hosts (`http://2130706433/`,
 * `http://0x7f000001/`, `http://127.1/`) to the dotted address they stand for, so the address
 * check sees what a connection would reach.
 *
 * @param base the URL a relative redirect `Location` is resolved against
 */
export function parseSourceUrl(text: string | URL, base?: URL): URL {
  const url = URL.canParse(String(text), base?.href) ? new URL(text, base) : undefined;

  if (!url) {
    throw new UrlSourceError('unsupported_url', `${JSON.stringify(String(text))} is not a URL.`, {
      url: String(text),
      hint: 'Pass an absolute http:// or https:// URL.',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UrlSourceError(
      'unsupported_url',
      `Only http and https URLs are fetched, not ${url.protocol} URLs.`,
      { url: redactUrl(url), hint: 'Upload the file itself instead.' },
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new UrlSourceError(
      'unsupported_url',
      `${redactUrl(url)} carries a user name or password, which is not sent anywhere.`,
      { url: redactUrl(url), hint: 'Use a URL that needs no credentials, e.g. a presigned one.' },
    );
  }
  return url;
}

/** The name a URL's last path segment gives the file, if it has one. */
export function filenameOfUrl(url: URL): string | undefined {
  const segment = url.pathname.split('/').pop() ?? '';
  if (segment === '') return undefined;

  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
