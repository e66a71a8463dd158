import { formatIpv4, parseIpv4, parseIpv6 } from './ip-address.js';

/**
 * What an IP address is, for deciding whether a URL may be fetched from it. Everything but
 * `public` is refused by default: a URL handed to the SDK or named in a video request must not
 * reach this machine, its network or a cloud provider's metadata service (server-side request
 * forgery).
 */
export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared'
  | 'unique-local'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'metadata';

/** The kinds `allowPrivateNetworks: true` lets through: this machine and the local network. */
const PRIVATE_NETWORK_KINDS: ReadonlySet<AddressKind> = new Set([
  'loopback',
  'private',
  'link-local',
  'shared',
  'unique-local',
]);

/** How each kind is named in messages. */
export const ADDRESS_KIND_DESCRIPTIONS: Readonly<Record<AddressKind, string>> = {
  public: 'a public address',
  loopback: 'a loopback address (this machine)',
  private: 'a private-network address (RFC 1918)',
  'link-local': 'a link-local address',
  shared: 'a carrier-grade NAT address (100.64.0.0/10, RFC 6598)',
  'unique-local': 'a unique-local IPv6 address (fc00::/7, RFC 4193)',
  unspecified: 'the unspecified address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved or special-purpose address (RFC 6890)',
  metadata: 'a cloud metadata service address',
};

/**
 * Cloud metadata services, refused even with `allowPrivateNetworks`: instance credentials live
 * there, and fetching media from them is never what a user means. The IPv4 ones are also inside
 * refused ranges (169.254/16, 100.64/10, 192.0.0/24); they are named so messages can say so.
 */
export const CLOUD_METADATA_ADDRESSES: readonly string[] = [
  '169.254.169.254', // AWS, Google Cloud, Azure, OpenStack, DigitalOcean, Oracle
  '169.254.170.2', // AWS ECS task metadata
  '169.254.170.23', // AWS EKS Pod Identity agent
  '100.100.100.200', // Alibaba Cloud
  '192.0.0.192', // Oracle Cloud (classic)
  'fd00:ec2::254', // AWS instance metadata over IPv6
  'fd00:ec2::23', // AWS EKS Pod Identity agent over IPv6
];

type Ipv4Range = readonly [first: string, prefixBits: number, kind: AddressKind];

/** Special-purpose IPv4 ranges (RFC 6890 registry), the first match wins. */
const IPV4_RANGES: readonly Ipv4Range[] = [
  ['0.0.0.0', 8, 'unspecified'], // "this network"; 0.0.0.0 reaches this machine on Linux
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'], // documentation
  ['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'reserved'], // documentation
  ['203.0.113.0', 24, 'reserved'], // documentation
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
  ['240.0.0.0', 4, 'reserved'],
];

/**
 * What `address` is, or `undefined` when it is not an IP address. IPv4 may be spelled in any
 * form a URL accepts (`2130706433`, `0x7f000001`, `127.1`); IPv6 with or without brackets.
 * An IPv6 address that carries an IPv4 one (mapped `::ffff:a.b.c.d`, NAT64, 6to4, the old
 * compatible form) is what that IPv4 address is.
 */
export function classifyAddress(address: string): AddressKind | undefined {
  const v4 = parseIpv4(address);
  if (v4 !== undefined) return classifyIpv4(v4);

  const v6 = parseIpv6(address);
  return v6 === undefined ? undefined : classifyIpv6(v6);
}

export interface AddressPolicy {
  /** Also allow loopback, private, link-local, CGNAT and unique-local addresses. */
  allowPrivateNetworks?: boolean | undefined;
}

/**
 * Whether a URL must not be fetched from `address`. Anything that is not an IP address is
 * forbidden too: what cannot be checked is not connected to.
 */
export function isForbiddenAddress(address: string, policy: AddressPolicy = {}): boolean {
  const kind = classifyAddress(address);
  if (kind === undefined) return true;
  if (kind === 'public') return false;
  return !(policy.allowPrivateNetworks === true && PRIVATE_NETWORK_KINDS.has(kind));
}

function classifyIpv4(address: number): AddressKind {
  if (CLOUD_METADATA_ADDRESSES.includes(formatIpv4(address))) return 'metadata';

  for (const [first, prefixBits, kind] of IPV4_RANGES) {
    const size = 2 ** (32 - prefixBits);
    const start = parseIpv4(first) as number;
    if (address >= start && address < start + size) return kind;
  }
  return 'public';
}

function classifyIpv6(groups: number[]): AddressKind {
  if (isMetadataIpv6(groups)) return 'metadata';

  const embedded = embeddedIpv4(groups);
  if (embedded !== undefined) return classifyIpv4(embedded);

  const [first = 0, second = 0] = groups;
  if (groups.every((group) => group === 0)) return 'unspecified';
  if (groups.slice(0, 7).every((group) => group === 0) && groups[7] === 1) return 'loopback';
  if ((first & 0xfe00) === 0xfc00) return 'unique-local';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local (RFC 3879)
  if ((first & 0xff00) === 0xff00) return 'multicast';
  if (first === 0x0064 && second === 0xff9b) return 'reserved'; // local-use NAT64, 64:ff9b:1::/48
  if (first === 0x0100 && groups.slice(1, 4).every((group) => group === 0)) return 'reserved';
  if (first === 0x2001 && (second === 0 || second === 0x0db8)) return 'reserved'; // Teredo, docs
  if (first < 0x2000 || first > 0x3fff) return 'reserved'; // outside global unicast 2000::/3
  return 'public';
}

/** The IPv4 address inside an IPv6 one that forwards to it, if any. */
function embeddedIpv4(groups: number[]): number | undefined {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = groups;
  const low32 = g * 0x1_0000 + h;

  if (a === 0 && b === 0 && c === 0 && d === 0) {
    if (e === 0 && f === 0xffff) return low32; // mapped, ::ffff:0:0/96 (RFC 4291 §2.5.5.2)
    if (e === 0xffff && f === 0) return low32; // translated, ::ffff:0:0:0/96 (RFC 2765)
    if (e === 0 && f === 0 && low32 > 1) return low32; // compatible, ::/96 (deprecated)
  }
  if (a === 0x0064 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return low32;
  if (a === 0x2002) return b * 0x1_0000 + c; // 6to4 (RFC 3056)
  return undefined;
}

function isMetadataIpv6(groups: number[]): boolean {
  return CLOUD_METADATA_ADDRESSES.some((address) => {
    const metadata = parseIpv6(address);
    return metadata?.every((group, index) => group === groups[index]) ?? false;
  });
}
