// inet_inaddrcmp() (lib/utils.c), which vrrp.c vrrp_saddr_cmp() uses for the tie-break:
// IPv4 addresses compare as host-order unsigned integers, i.e. in dotted-quad numeric order,
// never as strings ("10.0.0.9" < "10.0.0.10"); IPv6 addresses as their four 32-bit words in
// host order, most significant first, which is the 128-bit number's order.
import type { IpAddress, Ipv4 } from './types.js';
import { ipv6Bytes } from './ipv6.js';

export function ipv4ToInt(a: Ipv4): number {
  // Dotted-quad text read in place (a master compares the source of every advert it hears);
  // anything else (an empty or missing part, a stray character) takes the general reading.
  let n = 0, part = 0, digits = 0, dots = 0;
  for (let k = 0; k < a.length; k++) {
    const c = a.charCodeAt(k);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return ipv4ToIntSlow(a);
      n = n * 256 + (part & 255);
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 9) {
      part = part * 10 + (c - 48);
      digits++;
    } else return ipv4ToIntSlow(a);
  }
  if (dots !== 3 || digits === 0) return ipv4ToIntSlow(a);
  return n * 256 + (part & 255);
}

function ipv4ToIntSlow(a: string): number {
  const p = a.split('.');
  let n = 0;
  for (let i = 0; i < 4; i++) n = n * 256 + (Number(p[i]) & 255);
  return n;
}

/** An IPv6 address as a 128-bit number (0n for text that is not one). */
export function ipv6ToBigInt(a: string): bigint {
  const b = ipv6Bytes(a);
  let n = 0n;
  if (b !== undefined) for (const x of b) n = (n << 8n) | BigInt(x);
  return n;
}

/**
 * +1 if `remote` is higher than `local`, -1 if lower, 0 if equal (vrrp_saddr_cmp). Two
 * addresses of different families compare 0, as vrrp_saddr_cmp's "simple sanity" has it.
 */
export function compareAddr(remote: IpAddress, local: IpAddress): -1 | 0 | 1 {
  const r6 = remote.includes(':');
  if (r6 !== local.includes(':')) return 0;
  if (r6) {
    const r = ipv6ToBigInt(remote);
    const l = ipv6ToBigInt(local);
    return r > l ? 1 : r < l ? -1 : 0;
  }
  const r = ipv4ToInt(remote);
  const l = ipv4ToInt(local);
  return r > l ? 1 : r < l ? -1 : 0;
}

/** IPv4 224.0.0.0/4 or IPv6 ff00::/8, read from the first characters (called for every packet). */
export function isMulticast(a: IpAddress): boolean {
  // IPv6 text here is RFC 5952 (lower case), so ff00::/8 is "ff" then two hex digits and ':'.
  if (a.charCodeAt(0) === 102 && a.charCodeAt(1) === 102) return a.charCodeAt(2) !== 58 && a.charCodeAt(3) !== 58 && a.charCodeAt(4) === 58;
  let first = 0;
  let k = 0;
  for (; k < a.length; k++) {
    const d = a.charCodeAt(k) - 48;
    if (d < 0 || d > 9) break;
    first = first * 10 + d;
  }
  // Only a dotted quad's first octet counts: IPv6 text that starts with decimal digits
  // (230::1) is unicast whatever they read as.
  return a.charCodeAt(k) === 46 && first >= 224 && first <= 239;
}

/** The address's family, from its text (a colon means IPv6). */
export function familyOfAddr(a: IpAddress): 4 | 6 {
  return a.includes(':') ? 6 : 4;
}
