// What live mode needs from this machine, each missing piece reported as one line (exit 2):
// the interface, its index and primary (and IPv6 link-local) address, and the privilege to open
// raw sockets.
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { InputError } from '../cli/errors.js';
import type { Ipv4, Ipv6 } from '../vrrp/types.js';

const IFNAME = /^[A-Za-z0-9_.:@-]{1,15}$/;

export interface LiveInterface {
  readonly name: string;
  readonly ifindex: number;
  /** First IPv4 address: the advert source keepalived would use. Null if none. */
  readonly primary: Ipv4 | null;
  readonly prefix: number | null;
  /** Its fe80::/10 address: an IPv6 instance's advert source (RFC 5798 §5.1.2.1). Null if none. */
  readonly linkLocal: Ipv6 | null;
  /** First global IPv6 address. Null if none. */
  readonly address6: Ipv6 | null;
}

/** /sys/class/net is per network namespace, so this sees the namespace we run in. */
export function liveInterface(name: string, readFile: (p: string) => string = (p) => readFileSync(p, 'utf8')): LiveInterface {
  if (!IFNAME.test(name) || name === '.' || name === '..') {
    throw new InputError(`'${name}' is not an interface name; expected 1-15 characters such as eth0`, { file: '--interface' });
  }
  let ifindex: number;
  try {
    ifindex = Number(readFile(`/sys/class/net/${name}/ifindex`).trim());
  } catch {
    throw new InputError(`no such interface '${name}' (not in /sys/class/net); expected an interface of this network namespace`, { file: '--interface' });
  }
  const addrs = networkInterfaces()[name] ?? [];
  const v4 = addrs.find((a) => a.family === 'IPv4');
  const v6 = addrs.filter((a) => a.family === 'IPv6');
  const isLl = (a: string): boolean => /^fe[89ab][0-9a-f]:/i.test(a);
  return {
    name, ifindex, primary: v4?.address ?? null, prefix: v4 === undefined ? null : Number(v4.cidr?.split('/')[1] ?? 32),
    linkLocal: v6.find((a) => isLl(a.address))?.address ?? null,
    address6: v6.find((a) => !isLl(a.address))?.address ?? null,
  };
}

/** Carrier as the kernel reports it; "unknown" (no carrier concept, e.g. some veths) counts as up. */
export function interfaceUp(name: string): boolean {
  try {
    const s = readFileSync(`/sys/class/net/${name}/operstate`, 'utf8').trim();
    return s === 'up' || s === 'unknown';
  } catch {
    return false;
  }
}

const CAP_NET_ADMIN = 12;
const CAP_NET_RAW = 13;

function effectiveCaps(): bigint {
  try {
    const m = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m?.[1] === undefined ? 0n : BigInt(`0x${m[1]}`);
  } catch {
    return 0n;
  }
}

const hasCap = (caps: bigint, cap: number): boolean => (caps & (1n << BigInt(cap))) !== 0n;

/** Raw sockets need CAP_NET_RAW; adding VIPs needs CAP_NET_ADMIN. */
export function checkPrivileges(needAdmin: boolean): void {
  const caps = effectiveCaps();
  if (!hasCap(caps, CAP_NET_RAW)) {
    throw new InputError('raw sockets need root or CAP_NET_RAW; run as root (e.g. sudo, or inside `ip netns exec`)');
  }
  if (needAdmin && !hasCap(caps, CAP_NET_ADMIN)) {
    throw new InputError('--manage-vips needs root or CAP_NET_ADMIN to add addresses; run as root or drop --manage-vips');
  }
}
