import { isIP } from 'node:net';

/**
 * Which resolved addresses a feed URL may reach. A user-supplied URL must never become a way
 * into the bot's own network (SSRF): loopback, private ranges, link-local (cloud metadata at
 * 169.254.169.254), CGNAT, multicast and reserved space are all refused.
 */

/** [first octets as a 32-bit number, prefix length] of every IPv4 range that is not the public internet */
const V4_BLOCKED: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];

function v4ToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return (((p[0] ?? 0) << 24) | ((p[1] ?? 0) << 16) | ((p[2] ?? 0) << 8) | (p[3] ?? 0)) >>> 0;
}

const V4_RANGES = V4_BLOCKED.map(([base, bits]) => {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (v4ToInt(base) & mask) >>> 0, mask };
});

function isPublicV4(ip: string): boolean {
  const n = v4ToInt(ip);
  return !V4_RANGES.some((r) => (n & r.mask) >>> 0 === r.base);
}

/** The 16 bytes of a valid IPv6 text form (with `::` and an optional dotted IPv4 tail). */
function v6Bytes(ip: string): number[] {
  let text = ip;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const n = v4ToInt(dotted[1]);
    tail.push(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
    text = text.slice(0, -dotted[1].length);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head = '', rest] = text.split('::');
  const words = (s: string) => (s ? s.split(':').filter((w) => w !== '') : []);
  const left = words(head);
  const right = rest === undefined ? [] : words(rest);
  const missing = 8 - tail.length / 2 - left.length - right.length;
  const all = [...left, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...right];
  const bytes: number[] = [];
  for (const w of all) {
    const v = Number.parseInt(w, 16);
    bytes.push(v >> 8, v & 0xff);
  }
  return [...bytes, ...tail];
}

function isPublicV6(ip: string): boolean {
  const b = v6Bytes(ip.split('%')[0] ?? ip);
  const zeroUpTo = (n: number) => b.slice(0, n).every((x) => x === 0);
  const v4At = (i: number) => b.slice(i, i + 4).join('.');
  if (zeroUpTo(16)) return false; // ::
  if (zeroUpTo(15) && b[15] === 1) return false; // ::1
  // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible form carry a v4 address
  if (zeroUpTo(10) && b[10] === 0xff && b[11] === 0xff) return isPublicV4(v4At(12));
  if (zeroUpTo(12)) return false;
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the embedded IPv4 address
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) return isPublicV4(v4At(12));
  if (b[0] === 0x20 && b[1] === 0x02) return isPublicV4(v4At(2));
  const first = b[0] ?? 0;
  if ((first & 0xfe) === 0xfc) return false; // fc00::/7 unique local
  if (first === 0xfe && ((b[1] ?? 0) & 0xc0) === 0x80) return false; // fe80::/10 link-local
  if (first === 0xfe && ((b[1] ?? 0) & 0xc0) === 0xc0) return false; // fec0::/10 old site-local
  if (first === 0xff) return false; // multicast
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return false; // documentation
  return true;
}

/** True when the address is on the public internet; anything unparsable counts as not public. */
export function isPublicAddress(address: string): boolean {
  const kind = isIP(address.split('%')[0] ?? address);
  if (kind === 4) return isPublicV4(address);
  if (kind === 6) return isPublicV6(address);
  return false;
}

/** The allow-list matches `host` or `host:port` (the port as the URL gives it, else the default). */
export function isAllowedHost(allow: ReadonlySet<string>, url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allow.has(host) || allow.has(`${host}:${port}`);
}

/** Normalises operator entries (`Example.COM`, `10.0.0.5:8080`, `[::1]:80`) for isAllowedHost. */
export function allowList(entries: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const raw of entries) {
    const e = raw.trim().toLowerCase();
    if (e) out.add(e);
  }
  return out;
}

/**
 * The allow-list the composition root builds: FEED_PRIVATE_HOSTS plus RSSHUB_URL's host:port,
 * since a self-hosted RSSHub usually sits on the bot's own network.
 */
export function feedAllowList(privateHosts: readonly string[], rsshubUrl?: string | null): string[] {
  const out = [...privateHosts];
  if (rsshubUrl) {
    const u = new URL(rsshubUrl);
    out.push(`${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`);
  }
  return out;
}
