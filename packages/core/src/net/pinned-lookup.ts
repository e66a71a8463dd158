import { ipVersion } from './ip-address.js';

/** One answer of a lookup, as Node's `dns.lookup` gives it. */
export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

/** The options Node's HTTP agents pass to their `lookup`. */
export interface PinnedLookupOptions {
  family?: number | string | undefined;
  all?: boolean | undefined;
}

/** Node's `lookup` callback, written out so that core needs no Node types. */
export type PinnedLookupCallback = (
  error: (Error & { code?: string }) | null,
  address: string | PinnedAddress[],
  family?: number,
) => void;

/** A `lookup` function for the `lookup` option of Node's `http.Agent` / `net.connect`. */
export type PinnedLookup = (
  hostname: string,
  options: PinnedLookupOptions,
  callback: PinnedLookupCallback,
) => void;

/**
 * A `lookup` for a connection's agent that answers with addresses already resolved and checked,
 * instead of asking DNS again: whatever the name resolves to by the time the socket opens, the
 * socket goes to an address that passed the check. Every checked address is offered, so Node
 * can still try IPv6 and IPv4 in turn (`autoSelectFamily`). Answers from memory; no I/O.
 */
export function pinnedLookup(addresses: readonly string[]): PinnedLookup {
  const entries = addresses.flatMap((address): PinnedAddress[] => {
    const family = ipVersion(address);
    return family === 0 ? [] : [{ address: address.replace(/^\[(.*)\]$/, '$1'), family }];
  });

  return (hostname, options, callback) => {
    const family = familyNumber(options.family);
    const wanted = family === 0 ? entries : entries.filter((entry) => entry.family === family);
    const [first] = wanted;

    if (!first) {
      const error: Error & { code?: string } = new Error(
        `No checked IPv${family || ''} address for ${hostname}`,
      );
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
      return;
    }
    if (options.all) callback(null, wanted);
    else callback(null, first.address, first.family);
  };
}

function familyNumber(family: number | string | undefined): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}
