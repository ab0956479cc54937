import net from 'node:net';

// Ranges a crawler must never reach on behalf of a feed URL (issue 7, SSRF): loopback, RFC 1918,
// CGNAT, link-local (which includes the 169.254.169.254 cloud metadata service), multicast, reserved.
const V4_BLOCKED: [number, number][] = [
  [0x00000000, 8],
  [0x0a000000, 8],
  [0x64400000, 10],
  [0x7f000000, 8],
  [0xa9fe0000, 16],
  [0xac100000, 12],
  [0xc0000000, 24],
  [0xc0000200, 24],
  [0xc0a80000, 16],
  [0xc6120000, 15],
  [0xc6336400, 24],
  [0xcb007100, 24],
  [0xe0000000, 4],
  [0xf0000000, 4],
];

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function isPrivateV4(ip: string): boolean {
  const n = v4ToInt(ip);
  return V4_BLOCKED.some(([base, bits]) => {
    const size = 2 ** (32 - bits);
    return n >= base && n < base + size;
  });
}

/** True when an IP literal is loopback, private, link-local, metadata or otherwise not public. */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '');
  const kind = net.isIP(bare);
  if (kind === 4) return isPrivateV4(bare);
  if (kind !== 6) return true;
  const lower = bare.toLowerCase();
  const groups = expandIPv6(lower);
  if (!groups) return true;
  // IPv4-mapped (::ffff:a.b.c.d, which WHATWG URL parsing rewrites to ::ffff:7f00:1) and the
  // deprecated IPv4-compatible form (::a.b.c.d) both reach the embedded IPv4 address.
  const upperZero = groups.slice(0, 5).every((g) => g === 0);
  if (upperZero && (groups[5] === 0xffff || groups[5] === 0)) {
    const hi = groups[6] ?? 0;
    const lo = groups[7] ?? 0;
    if (groups[5] === 0 && hi === 0 && lo <= 1) return true; // :: and ::1
    return isPrivateV4(`${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`);
  }
  const first = groups[0] ?? 0;
  // fc00::/7 unique local (includes AWS fd00:ec2::254), fe80::/10 link-local, ff00::/8 multicast.
  if ((first & 0xfe00) === 0xfc00) return true;
  if ((first & 0xffc0) === 0xfe80) return true;
  if ((first & 0xff00) === 0xff00) return true;
  // NAT64 and IPv4-compatible forms could smuggle a private v4 address; refuse them.
  if (lower.startsWith('64:ff9b:')) return true;
  return false;
}

/** The eight 16-bit groups of an IPv6 address (dotted IPv4 tail allowed), or null if malformed. */
function expandIPv6(address: string): number[] | null {
  let text = address;
  const v4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4Tail) {
    const [a, b, c, d] = v4Tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4Tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string | undefined): number[] =>
    part ? part.split(':').map((group) => parseInt(group, 16)) : [];
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const groups = [...head, ...new Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  return groups.some((g) => Number.isNaN(g) || g < 0 || g > 0xffff) ? null : groups;
}
