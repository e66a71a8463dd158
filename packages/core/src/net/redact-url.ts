/**
 * The URL as it may appear in error messages and logs: upload URLs carry their authorization
 * (signature, expiry) in the query string, so the whole query is replaced by a marker.
 */
export function redactUrl(url: URL): string {
  const query = url.search === '' ? '' : '?[redacted]';
  return `${url.origin}${url.pathname}${query}`;
}
