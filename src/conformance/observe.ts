// Turning what a real node reports into trace events: keepalived's notify FIFO lines
// (`INSTANCE "VI_1" MASTER 100`, in transition order, which forked notify scripts do not
// guarantee) and `ip -o monitor address` lines for VIPs coming and going.
import type { IpAddress, VrrpState } from '../vrrp/types.js';
import { canonicalAddress } from '../model/addresses.js';

export type FifoLine =
  | { readonly kind: 'state'; readonly scope: 'INSTANCE' | 'GROUP'; readonly name: string; readonly state: VrrpState; readonly priority: number }
  | { readonly kind: 'other'; readonly text: string };

const STATES: ReadonlySet<string> = new Set(['INIT', 'BACKUP', 'MASTER', 'FAULT', 'STOP']);

export function parseFifoLine(line: string): FifoLine {
  const m = /^(INSTANCE|GROUP) "((?:[^"\\]|\\.)*)" (\S+) (\d+)\s*$/.exec(line) ?? /^(INSTANCE|GROUP) (\S+) (\S+) (\d+)\s*$/.exec(line);
  if (m && m[1] !== undefined && m[2] !== undefined && m[3] !== undefined && m[4] !== undefined && STATES.has(m[3])) {
    return { kind: 'state', scope: m[1] as 'INSTANCE' | 'GROUP', name: m[2], state: m[3] as VrrpState, priority: Number(m[4]) };
  }
  return { kind: 'other', text: line };
}

export interface AddressChange {
  readonly action: 'add' | 'remove';
  readonly iface: string;
  readonly address: IpAddress;
  readonly prefix: number;
}

/** One line of `ip -o monitor address` (`inet` or `inet6`); null for anything else. */
export function parseAddressMonitorLine(line: string): AddressChange | null {
  const m = /^(Deleted\s+)?\d+:\s+(\S+)\s+inet6?\s+(\d+\.\d+\.\d+\.\d+|[0-9a-f:]*:[0-9a-f:.]*)\/(\d+)/i.exec(line.trim());
  if (!m || m[2] === undefined || m[3] === undefined || m[4] === undefined) return null;
  return { action: m[1] === undefined ? 'add' : 'remove', iface: m[2], address: m[3], prefix: Number(m[4]) };
}

/**
 * Whether two texts name one address: iproute2 prints IPv6 in RFC 5952 form, a configuration
 * may write 2001:DB8:0::101 for the same address.
 */
export function sameAddress(a: IpAddress, b: IpAddress): boolean {
  return a === b || (canonicalAddress(a) ?? a) === (canonicalAddress(b) ?? b);
}
