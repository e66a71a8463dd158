import { lookup } from 'node:dns/promises';
import {
  checkSourceAddresses,
  literalAddress,
  type ResolveHost,
  redactUrl,
} from '@heygen-assets/core';
import { SourceFetchError } from './source-fetch-error.js';

/** Where the server may fetch external media from (SPEC §9, with the rules of SPEC §10). */
export interface SourcePolicy {
  /** Also fetch from loopback, private, link-local, CGNAT and unique-local addresses. */
  allowPrivateNetworks: boolean;
  resolveHost: ResolveHost;
}

/** How messages tell an operator to let private addresses through. */
const SERVER_OPT_IN = {
  name: '--fetch-allow-private-networks',
  hint:
    'Upload the file and name its asset id instead; an operator can start the server with ' +
    '--fetch-allow-private-networks (HEYGEN_FETCH_ALLOW_PRIVATE_NETWORKS=1) to fetch from ' +
    'this machine or its own network.',
};

/** The system resolver (`getaddrinfo`, as Node's own connections use), every address. */
export const systemResolveHost: ResolveHost = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => entry.address);
};

/**
 * Refuses a URL whose host is written as a forbidden IP address; a host name passes, since
 * only a lookup can tell. What a video request can be refused for before any I/O.
 */
export function checkLiteralAddress(url: URL, policy: Omit<SourcePolicy, 'resolveHost'>): void {
  const literal = literalAddress(url);
  if (literal === undefined) return;
  checkSourceAddresses(url, [literal], { ...policy, optIn: SERVER_OPT_IN });
}

/**
 * The addresses to connect to for `url`, each checked: the literal one, or every address one
 * lookup of the name gave. The request then goes to these very addresses (`pinnedLookup`).
 */
export async function checkedAddresses(url: URL, policy: SourcePolicy): Promise<string[]> {
  const literal = literalAddress(url);
  const addresses = literal === undefined ? await resolveOnce(url, policy) : [literal];
  checkSourceAddresses(url, addresses, { ...policy, optIn: SERVER_OPT_IN });
  return addresses;
}

async function resolveOnce(url: URL, policy: SourcePolicy): Promise<string[]> {
  const found = await policy.resolveHost(url.hostname).catch((error: unknown) => {
    throw SourceFetchError.unreachable(url, error);
  });
  if (found.length > 0) return found;

  throw new SourceFetchError(
    'source_unreachable',
    `GET ${redactUrl(url)} failed: ${url.hostname} has no address.`,
  );
}
