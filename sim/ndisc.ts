// IPv6 clients: a neighbour cache as Linux keeps one (RFC 4861 §7.3 Neighbor Unreachability
// Detection, net/core/neighbour.c), where IPv4 clients have the simpler ARP cache of probe.ts.
//
// An entry is REACHABLE for ReachableTime after a confirmation (a solicited NA, or TCP progress:
// dst_confirm), then STALE. A STALE entry is still used: the first packet sent through it starts
// DELAY; if nothing confirms it within delay_first_probe_time the entry goes PROBE and unicast
// neighbour solicitations go to the cached link-layer address every RetransTimer, at most
// ucast_solicit of them; unanswered, the entry FAILS and the next packet resolves afresh by
// multicast NS (neigh_timer_handler()). An unsolicited NA with the override flag (what keepalived
// sends, vrrp_ndisc.c ndisc_send_unsolicited_na_immediate()) updates an existing entry only
// (ndisc_recv_na(); net.ipv6.conf.*.accept_untracked_na = 0): a new link-layer address is taken
// and the entry goes STALE; the same address leaves the state as it is (__neigh_update()).
// ReachableTime is base_reachable_time × a uniform draw in [0.5, 1.5) (neigh_rand_reach_time(),
// RFC 4861 §6.3.2), drawn here once per client from the run's PRNG.
import type { IpAddress, Micros } from '../src/vrrp/types.js';
import type { NeighbourSpec } from './spec.js';
import { frameDelay, pathOpen } from './network.js';
import { nextIntInclusive } from './prng.js';
import { answeringVmac, holdsOn } from './reach.js';
import type { ArpEntry, ProbeState, World } from './world.js';
import { schedule } from './world.js';

/** Linux's defaults (Documentation/networking/ip-sysctl.rst, neigh/default/*; RFC 4861 §10). */
export const LINUX_NEIGHBOUR_DEFAULTS: NeighbourSpec = {
  baseReachableTime: 30_000_000,
  delayFirstProbe: 5_000_000,
  retransTimer: 1_000_000,
  ucastSolicit: 3,
};

export function neighbourSpec<R>(w: World<R>): NeighbourSpec {
  return w.spec.neighbour ?? LINUX_NEIGHBOUR_DEFAULTS;
}

/** The client's ReachableTime, drawn at its first need (IPv4-only runs draw nothing). */
export function reachableTime<R>(w: World<R>, p: ProbeState): Micros {
  if (p.reachableTime !== undefined) return p.reachableTime;
  const base = neighbourSpec(w).baseReachableTime;
  // (prandom_u32() % base) + (base >> 1): [base/2, 3·base/2).
  const t = base <= 1 ? base : Math.floor(base / 2) + nextIntInclusive(w.prng, base - 1);
  p.reachableTime = t;
  return t;
}

/** Is this IPv6 entry REACHABLE now (else STALE, DELAY or PROBE, all of which still send)? */
export function ndReachable<R>(w: World<R>, p: ProbeState, e: ArpEntry): boolean {
  return e.stale !== true && w.now - e.confirmed < reachableTime(w, p);
}

/**
 * A packet goes out through a STALE entry: DELAY starts, and the first unicast NS is due
 * delay_first_probe_time later unless something confirms the entry before.
 */
export function ndUseStale<R>(w: World<R>, p: ProbeState, addr: IpAddress, e: ArpEntry): void {
  if (e.delayAt !== undefined && e.delayAt !== null) return;
  e.delayAt = w.now;
  schedule(w, w.now + neighbourSpec(w).delayFirstProbe, { kind: 'ndProbe', probe: p.spec.name, addr, delayAt: w.now, sent: 0 });
}

/** A confirmation (TCP progress or a solicited NA): REACHABLE from now. */
export function ndConfirm(e: ArpEntry, now: Micros): void {
  e.confirmed = now;
  e.stale = false;
  e.delayAt = null;
}

/** The DELAY timer, then each RetransTimer of PROBE: one more unicast NS, or FAILED. */
export function ndProbe<R>(w: World<R>, p: ProbeState, addr: IpAddress, delayAt: Micros, sent: number): void {
  const e = p.arp.get(addr);
  // Confirmed (or replaced) since: nothing left to probe.
  if (e === undefined || e.delayAt !== delayAt) return;
  const nd = neighbourSpec(w);
  if (sent >= nd.ucastSolicit) {
    p.arp.delete(addr);
    return;
  }
  const seg = w.segments.get(p.spec.segment)!;
  // Unicast to the cached link-layer address: only that node can answer, and only for an
  // address it has (a solicited NA, which makes the entry REACHABLE: ndisc_recv_na()).
  const h = w.hosts.get(e.node);
  const port = seg.ports.find((x) => x.node === e.node && h !== undefined && holdsOn(h, addr, x));
  if (h !== undefined && port !== undefined && h.alive && h.carrier.get(port.iface) === true
    && pathOpen(seg, p.spec.name, e.node) && pathOpen(seg, e.node, p.spec.name)) {
    const ask = frameDelay(w, seg);
    const answer = ask === null ? null : frameDelay(w, seg);
    if (ask !== null && answer !== null) {
      schedule(w, w.now + ask + answer, { kind: 'arpReply', probe: p.spec.name, addr, node: e.node, vmac: answeringVmac(h, addr) });
    }
  }
  schedule(w, w.now + nd.retransTimer, { kind: 'ndProbe', probe: p.spec.name, addr, delayAt, sent: sent + 1 });
}

/** An unsolicited NA (override flag set) from `node` for `addr`. */
export function naArrive(p: ProbeState, node: string, addr: IpAddress, vmac: string | null): void {
  const e = p.arp.get(addr);
  if (e === undefined) return;
  // The same link-layer address (the node's own MAC, or one virtual MAC whoever sends it).
  if (vmac !== null ? e.vmac === vmac : e.vmac === null && e.node === node) return;
  e.node = node;
  e.vmac = vmac;
  e.stale = true;
  e.delayAt = null;
}
