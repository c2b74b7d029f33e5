// inet_inaddrcmp() for IPv4: addresses compare as host-order unsigned integers, i.e. in
// dotted-quad numeric order, never as strings ("10.0.0.9" < "10.0.0.10").
import type { Ipv4 } from './types.js';

export function ipv4ToInt(a: Ipv4): number {
  const p = a.split('.');
  let n = 0;
  for (let i = 0; i < 4; i++) n = n * 256 + (Number(p[i]) & 255);
  return n;
}

/** +1 if `remote` is higher than `local`, -1 if lower, 0 if equal (vrrp_saddr_cmp). */
export function compareAddr(remote: Ipv4, local: Ipv4): -1 | 0 | 1 {
  const r = ipv4ToInt(remote);
  const l = ipv4ToInt(local);
  return r > l ? 1 : r < l ? -1 : 0;
}

/** 224.0.0.0/4, read from the first octet without splitting (called for every packet). */
export function isMulticast(a: Ipv4): boolean {
  let first = 0;
  for (let k = 0; k < a.length; k++) {
    const d = a.charCodeAt(k) - 48;
    if (d < 0 || d > 9) break;
    first = first * 10 + d;
  }
  return first >= 224 && first <= 239;
}
