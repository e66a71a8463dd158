/** Hosts a benchmark may send requests to: its own children listen on loopback only. */
const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', '[::1]']);

/**
 * Parses `url` and refuses anything that is not plain HTTP on loopback, so a misconfigured
 * server (a `publicUrl`, say) can never point a 1 GiB upload at another machine.
 */
export function loopbackUrl(url: string): URL {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' || !LOOPBACK_HOSTNAMES.has(parsed.hostname)) {
    throw new Error(`Refusing to send benchmark traffic to ${parsed.origin}: not loopback HTTP.`);
  }
  return parsed;
}
