import { lookup } from 'node:dns/promises';
import {
  type AddressPolicy,
  checkSourceAddresses,
  literalAddress,
  type ResolveHost,
  redactUrl,
} from '@heygen-assets/core';
import { NetworkError } from '../errors/network-error.js';

export type { ResolveHost };

/** Where a URL may be fetched from. */
export interface SourcePolicy extends AddressPolicy {
  /** Origins (`http://host:port`) let through even at private addresses. */
  allowOrigins: ReadonlySet<string>;
  resolveHost: ResolveHost;
}

/** How messages tell an SDK user to let private addresses through. */
const SDK_OPT_IN = {
  name: 'allowPrivateNetworks',
  hint: 'Pass allowPrivateNetworks: true to fetch from this machine or your own network.',
};

/** The system resolver (`getaddrinfo`, as Node's own connections use), every address. */
export const systemResolveHost: ResolveHost = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => entry.address);
};

/**
 * The addresses the URL's host stands for, each one checked (core's `checkSourceAddresses`):
 * an IP written in the URL is checked as it is (no lookup), a name is resolved once. The
 * connection is then made to these very addresses.
 */
export async function checkedAddresses(url: URL, policy: SourcePolicy): Promise<string[]> {
  const literal = literalAddress(url);
  const addresses = literal === undefined ? await resolve(url, policy.resolveHost) : [literal];
  checkSourceAddresses(url, addresses, { ...policy, optIn: SDK_OPT_IN });
  return addresses;
}

async function resolve(url: URL, resolveHost: ResolveHost): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = await resolveHost(url.hostname);
  } catch (error) {
    throw new NetworkError('GET', redactUrl(url), error);
  }
  if (addresses.length === 0) {
    throw new NetworkError('GET', redactUrl(url), new Error(`${url.hostname} has no address`));
  }
  return addresses;
}
