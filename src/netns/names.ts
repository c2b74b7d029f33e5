// Names the kernel will accept and that say which run they belong to. Node names can be long
// FQDNs; interfaces are limited to 15 bytes and namespace names end up in /run/netns, so
// everything the harness creates is derived from a short run prefix and an index.
import { randomBytes } from 'node:crypto';
import { IPv4, IPv4CidrRange, IPv6, IPv6CidrRange, Validator } from 'ip-num';

/** Prefix common to every namespace any vrrplab run creates. */
export const NETNS_ROOT_PREFIX = 'vl';

/**
 * `vl<pid base36>x<random>`: the pid lets cleanupStale tell a dead run's leftovers from a
 * live run's namespaces; the random part keeps two runs of one process apart.
 */
export function newRunPrefix(pid: number = process.pid): string {
  return `${NETNS_ROOT_PREFIX}${pid.toString(36)}x${randomBytes(2).toString('hex')}`;
}

/** The pid encoded by newRunPrefix, or null for a name it did not make. */
export function pidOfRunPrefix(name: string): number | null {
  const m = /^vl([0-9a-z]+)x[0-9a-f]{4}(?:-|$)/.exec(name);
  if (!m || m[1] === undefined) return null;
  const pid = parseInt(m[1], 36);
  return Number.isSafeInteger(pid) ? pid : null;
}

export function nodeNamespace(prefix: string, nodeIndex: number): string {
  return `${prefix}-n${nodeIndex}`;
}

export function switchNamespace(prefix: string): string {
  return `${prefix}-sw`;
}

/** Bridge-side end of a node interface's veth, inside the switch namespace. */
export function bridgePortName(nodeIndex: number, ifaceIndex: number): string {
  return `p${nodeIndex}i${ifaceIndex}`;
}

export function bridgeName(segmentIndex: number): string {
  return `br${segmentIndex}`;
}

const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;

/** Linux IFNAMSIZ is 16 including the NUL; '/' and whitespace are invalid. */
export function isValidIfName(name: string): boolean {
  return IFNAME.test(name) && name !== '.' && name !== '..';
}

/** RFC 5737 documentation ranges: the only addresses the harness may configure or send to. */
export const ALLOWED_RANGES: readonly string[] = ['192.0.2.0/24', '198.51.100.0/24'];
/** RFC 3849's documentation prefix: the only global IPv6 addresses the harness may configure. */
export const ALLOWED_RANGES6: readonly string[] = ['2001:db8::/32'];

export function isAllowedAddress(addr: string): boolean {
  let ip: IPv4;
  try {
    ip = IPv4.fromString(addr);
  } catch {
    return false;
  }
  return ALLOWED_RANGES.some((r) => IPv4CidrRange.fromCidr(r).contains(ip));
}

function ipv6Of(addr: string): IPv6 | undefined {
  // ip-num accepts shapes inet_pton refuses (a bare "1"): every IPv6 text has a colon.
  if (!addr.includes(':') || addr.includes('%') || !Validator.isValidIPv6String(addr)[0]) return undefined;
  return IPv6.fromString(addr);
}

export function isAllowedAddress6(addr: string): boolean {
  const ip = ipv6Of(addr);
  return ip !== undefined && ALLOWED_RANGES6.some((r) => IPv6CidrRange.fromCidr(r).contains(ip));
}

/**
 * An fe80::/64 address (RFC 4291 §2.5.6 link-local unicast):
 * link-local addresses never leave the link, so the harness may give them to the test links.
 */
export function isLinkLocal6(addr: string): boolean {
  const ip = ipv6Of(addr);
  return ip !== undefined && IPv6CidrRange.fromCidr('fe80::/64').contains(ip);
}
