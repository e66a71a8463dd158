import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

/**
 * A `lookup` for a connection's agent that answers with addresses already resolved and checked,
 * instead of asking DNS again: whatever the name resolves to by the time the socket opens, the
 * socket goes to an address that passed the check. Every checked address is offered, so Node
 * can still try IPv6 and IPv4 in turn (`autoSelectFamily`).
 */
export function pinnedLookup(addresses: readonly string[]): LookupFunction {
  const entries: LookupAddress[] = addresses.map((address) => ({ address, family: isIP(address) }));

  return (hostname, options, callback) => {
    const family = familyNumber(options.family);
    const wanted = family === 0 ? entries : entries.filter((entry) => entry.family === family);
    const [first] = wanted;

    if (!first) {
      const error: NodeJS.ErrnoException = new Error(
        `No checked IPv${family} address for ${hostname}`,
      );
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
      return;
    }
    if (options.all) callback(null, wanted);
    else callback(null, first.address, first.family);
  };
}

function familyNumber(family: number | string | undefined): number {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}
