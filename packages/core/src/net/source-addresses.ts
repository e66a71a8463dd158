import {
  ADDRESS_KIND_DESCRIPTIONS,
  type AddressPolicy,
  classifyAddress,
  isForbiddenAddress,
} from './forbidden-address.js';
import { ipVersion } from './ip-address.js';
import { redactUrl } from './redact-url.js';
import { UrlSourceError } from './url-source-error.js';

/**
 * Resolves a host name to its IP addresses (IPv4 or IPv6, as text). Core only names the type:
 * the SDK and the server each bring a resolver, the system's by default.
 */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** Where a media URL may be fetched from. */
export interface SourceAddressPolicy extends AddressPolicy {
  /** Origins (`http://host:port`) let through even at private addresses. Default: none. */
  allowOrigins?: ReadonlySet<string> | undefined;
  /**
   * How the caller turns `allowPrivateNetworks` on, for messages: its name (an SDK option, a
   * server flag) and a hint saying how to use it.
   */
  optIn: { name: string; hint: string };
}

/**
 * The IP address a URL's host is written as (`127.0.0.1`, `::1` without brackets), or
 * `undefined` for a host name, which must be resolved before it can be checked.
 */
export function literalAddress(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return ipVersion(host) === 0 ? undefined : host;
}

/**
 * Refuses the URL unless every address its host stands for — the literal one, or each one a
 * single lookup gave — may be fetched from. One refused address refuses the URL: an attacker's
 * name may mix a public address with a private one. The caller then connects to these very
 * addresses (`pinnedLookup`), so a name that resolves differently a moment later (DNS
 * rebinding) cannot switch the target.
 */
export function checkSourceAddresses(
  url: URL,
  addresses: readonly string[],
  policy: SourceAddressPolicy,
): void {
  const allowPrivateNetworks =
    policy.allowPrivateNetworks === true || policy.allowOrigins?.has(url.origin) === true;

  for (const address of addresses) {
    if (ipVersion(address) === 0 || isForbiddenAddress(address, { allowPrivateNetworks })) {
      throw forbidden(url, address, allowPrivateNetworks, policy.optIn);
    }
  }
}

function forbidden(
  url: URL,
  address: string,
  allowedPrivate: boolean,
  optIn: SourceAddressPolicy['optIn'],
): UrlSourceError {
  const kind = ipVersion(address) === 0 ? undefined : classifyAddress(address);
  const what = kind === undefined ? 'not an IP address' : ADDRESS_KIND_DESCRIPTIONS[kind];
  const reaches = literalAddress(url) === address ? 'points at' : 'resolves to';
  const rule = allowedPrivate
    ? `refused even with ${optIn.name}`
    : 'media is fetched only from public addresses';
  const hint =
    kind === 'metadata'
      ? 'Cloud metadata services are always refused.'
      : allowedPrivate
        ? undefined
        : optIn.hint;

  return new UrlSourceError(
    'forbidden_address',
    `${redactUrl(url)} ${reaches} ${address}, ${what}: ${rule}.`,
    { url: redactUrl(url), address, hint },
  );
}
