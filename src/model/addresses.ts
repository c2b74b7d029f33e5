// Addresses as the model hands them to the core: either family, in the text the core and the
// simulator compare (dotted quad, RFC 5952 for IPv6), and the IPv6 defaults keepalived leaves
// to the kernel.
import { formatIpv6, ipv6Bytes } from '../vrrp/ipv6.js';
import type { Findings } from './build-context.js';

export const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** An address as the core and simulator compare it: dotted quad, or RFC 5952 text for IPv6. */
export function canonicalAddress(a: string): string | undefined {
  if (IPV4.test(a)) return a;
  const b = ipv6Bytes(a);
  return b === undefined ? undefined : formatIpv6(b, 0);
}

/** The addresses in canonical text; one that is no address of either family is reported and dropped. */
export function addresses(addrs: readonly string[], what: string, n: string, f: Findings, key: string[]): string[] {
  const out: string[] = [];
  for (const a of addrs) {
    const c = canonicalAddress(a);
    if (c === undefined) f.warn(`vrrplab: (${n}) ${what} ${a} is not a valid IPv4 or IPv6 address - ignored`, ...key);
    else out.push(c);
  }
  return out;
}

/**
 * The kernel's default hop limit for IPv6 unicast (net.ipv6.conf.*.hop_limit, 64): keepalived
 * sets IPV6_HOPLIMIT only when unicast_ttl is given (vrrp.c vrrp_build_ancillary_data(); for
 * IPv6 vrrp_complete_instance() leaves vrrp->ttl at -1, "let the kernel set the default").
 */
export const IPV6_DEFAULT_HOP_LIMIT = 64;
