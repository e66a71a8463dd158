/** Largest IPv4 address as a number (255.255.255.255). */
const MAX_IPV4 = 0xffff_ffff;

/** One byte of a dotted-quad IPv4 address, written as a URL host or a resolver writes it. */
const DOTTED_BYTE = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const DOTTED_QUAD = new RegExp(`^${DOTTED_BYTE}(?:\\.${DOTTED_BYTE}){3}$`);

/**
 * An IPv4 address as a 32-bit number, from any spelling a URL parser or `inet_aton` accepts:
 * dotted (`127.0.0.1`), short dotted (`127.1`), one number (`2130706433`), hex (`0x7f000001`)
 * or octal parts (`0177.0.0.1`). `undefined` when `text` is no IPv4 address.
 *
 * WHATWG URL parsing already rewrites these forms to dotted quads for http(s) URLs; accepting
 * them here too means the check never depends on that having happened first.
 */
export function parseIpv4(text: string): number | undefined {
  const parts = text.endsWith('.') ? text.slice(0, -1).split('.') : text.split('.');
  if (parts.length === 0 || parts.length > 4) return undefined;

  const numbers = parts.map(parseIpv4Part);
  if (numbers.some((part) => part === undefined)) return undefined;
  const values = numbers as number[];
  const last = values.pop() as number;

  // Leading parts are one byte each; the last part fills every byte left (RFC 3986 §7.4 notes).
  if (values.some((part) => part > 0xff)) return undefined;
  if (last > MAX_IPV4 / 2 ** (8 * values.length)) return undefined;

  let address = 0;
  for (const [index, part] of values.entries()) address += part * 2 ** (8 * (3 - index));
  return address + last;
}

function parseIpv4Part(part: string): number | undefined {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : Number.parseInt(part, 16);
  if (/^0[0-7]+$/.test(part)) return Number.parseInt(part, 8);
  if (/^(?:0|[1-9][0-9]*)$/.test(part)) return Number(part);
  return undefined;
}

/** The IPv4 address `address` (a 32-bit number) in dotted form. */
export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/**
 * An IPv6 address as its eight 16-bit groups, brackets (`[::1]`) and a zone (`%eth0`) allowed;
 * `undefined` when `text` is no IPv6 address (RFC 4291 §2.2 text forms). A trailing dotted
 * IPv4 (`::ffff:127.0.0.1`) fills the last two groups.
 */
export function parseIpv6(text: string): number[] | undefined {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%[^%]+$/, '');
  const halves = bare.split('::');
  if (halves.length > 2) return undefined;

  const [head = '', tail] = halves;
  const headGroups = groupsOf(head, tail === undefined);
  const tailGroups = tail === undefined ? [] : groupsOf(tail, true);
  if (!headGroups || !tailGroups) return undefined;

  // `::` stands for one group of zeros at least; without it all eight must be written.
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;

  return [...headGroups, ...new Array<number>(missing).fill(0), ...tailGroups];
}

/** The groups of one side of `::`; a dotted IPv4 may only end the address. */
function groupsOf(text: string, endsAddress: boolean): number[] | undefined {
  if (text === '') return [];

  const parts = text.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (/^[0-9a-f]{1,4}$/i.test(part)) {
      groups.push(Number.parseInt(part, 16));
      continue;
    }
    if (!endsAddress || index !== parts.length - 1 || !DOTTED_QUAD.test(part)) return undefined;
    const v4 = parseIpv4(part) as number;
    groups.push(Math.floor(v4 / 0x1_0000), v4 % 0x1_0000);
  }
  return groups;
}

/**
 * The IP version of an address written the way a resolver answers or a URL host carries it: 4
 * for a dotted quad, 6 for IPv6 (brackets and zone allowed), 0 for anything else — a host name,
 * or a numeric IPv4 spelling a URL parser would have rewritten.
 */
export function ipVersion(text: string): 0 | 4 | 6 {
  if (DOTTED_QUAD.test(text)) return 4;
  return parseIpv6(text) === undefined ? 0 : 6;
}
