import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { NetworkError } from '../errors/network-error.js';
import { redactUrl } from '../http/redact-url.js';
import {
  ADDRESS_KIND_DESCRIPTIONS,
  type AddressPolicy,
  classifyAddress,
  isForbiddenAddress,
} from './forbidden-address.js';
import { UrlSourceError } from './url-source-error.js';

/** Resolves a host name to its IP addresses (IPv4 or IPv6, as text). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** Where a URL may be fetched from. */
export interface SourcePolicy extends AddressPolicy {
  /** Origins (`http://host:port`) let through even at private addresses. */
  allowOrigins: ReadonlySet<string>;
  resolveHost: ResolveHost;
}

/** The system resolver (`getaddrinfo`, as Node's own connections use), every address. */
export const systemResolveHost: ResolveHost = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => entry.address);
};

/**
 * The addresses the URL's host stands for, each one checked: an IP written in the URL is
 * checked as it is (no lookup), a name is resolved once. The connection is then made to these
 * very addresses, so a name that resolves differently a moment later (DNS rebinding) cannot
 * switch the target. One refused address refuses the URL: an attacker's name may mix a public
 * address with a private one.
 */
export async function checkedAddresses(url: URL, policy: SourcePolicy): Promise<string[]> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host) === 0 ? await resolve(url, host, policy.resolveHost) : [host];
  const allowPrivateNetworks =
    policy.allowPrivateNetworks === true || policy.allowOrigins.has(url.origin);

  for (const address of addresses) {
    if (isIP(address) === 0 || isForbiddenAddress(address, { allowPrivateNetworks })) {
      throw forbidden(url, host, address, allowPrivateNetworks);
    }
  }
  return addresses;
}

async function resolve(url: URL, host: string, resolveHost: ResolveHost): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = await resolveHost(host);
  } catch (error) {
    throw new NetworkError('GET', redactUrl(url), error);
  }
  if (addresses.length === 0) {
    throw new NetworkError('GET', redactUrl(url), new Error(`${host} has no address`));
  }
  return addresses;
}

function forbidden(url: URL, host: string, address: string, allowedPrivate: boolean) {
  const kind = isIP(address) === 0 ? undefined : classifyAddress(address);
  const what = kind === undefined ? 'not an IP address' : ADDRESS_KIND_DESCRIPTIONS[kind];
  const reaches = host === address ? 'points at' : 'resolves to';
  const rule = allowedPrivate
    ? 'refused even with allowPrivateNetworks'
    : 'media is fetched only from public addresses';
  const hint =
    kind === 'metadata'
      ? 'Cloud metadata services are always refused.'
      : allowedPrivate
        ? undefined
        : 'Pass allowPrivateNetworks: true to fetch from this machine or your own network.';

  return new UrlSourceError(
    'forbidden_address',
    `${redactUrl(url)} ${reaches} ${address}, ${what}: ${rule}.`,
    { url: redactUrl(url), address, hint },
  );
}
