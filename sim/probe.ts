// Clients: each probe connects to target:port every `interval` through its own ARP cache, the
// way users reach a VIP. A cache entry that points at a node no longer answering for the
// address is what turns "VIP held, but elsewhere" into an outage (keepalived #166).
import type { Ipv4, Micros } from '../src/vrrp/types.js';
import { frameDelay, pathOpen, transitDelay } from './network.js';
import { answeringVmac, holdsOn, portUp } from './reach.js';
import type { HostState, ProbeState, SegmentState, World } from './world.js';
import { schedule, scheduleClient, scheduleClientWithSeq } from './world.js';
import { naArrive, ndConfirm, ndReachable, ndUseStale, reachableTime } from './ndisc.js';

/** The client reaches an IPv6 VIP, through neighbour discovery rather than ARP. */
export function isV6(p: ProbeState): boolean {
  return p.spec.target.includes(':');
}

export function probeTick<R>(w: World<R>, p: ProbeState): void {
  const spec = p.spec;
  p.tickAt = w.now + spec.interval;
  p.tickSeq = scheduleClient(w, p.tickAt, { kind: 'probeTick', probe: spec.name, gen: p.tickGen });
  if (p.busy) return; // a blocking client: one connection at a time
  p.busy = true;
  const attempt = ++p.attempt;
  const seg = w.segments.get(spec.segment)!;
  const e = p.arp.get(spec.target);
  const v6 = isV6(p);
  // Drawn at the client's first tick, which no mode of running skips, so that sleeping clients
  // (fastForwardClients) and fast-forward draw the same numbers in the same order.
  if (v6) reachableTime(w, p);
  if (v6 && e !== undefined) {
    // Every neighbour state but INCOMPLETE sends to the cached address; a STALE one starts DELAY.
    if (!ndReachable(w, p, e)) ndUseStale(w, p, spec.target, e);
    connect(w, p, seg, e.node, w.now, attempt);
    return;
  }
  const fresh = e !== undefined && (e.reresolveAt === null ? w.now - e.confirmed < w.spec.arp.reachableTime : w.now < e.reresolveAt);
  if (e !== undefined && fresh) {
    connect(w, p, seg, e.node, w.now, attempt);
    return;
  }
  // Broadcast ARP request (IPv6: multicast NS to the solicited-node group): every reachable
  // holder answers; replies update the cache as they arrive (the last one wins), the connection
  // goes to the first.
  let first: { node: string; at: Micros } | null = null;
  for (const port of seg.ports) {
    const h = w.hosts.get(port.node);
    if (h === undefined || !h.alive || h.carrier.get(port.iface) !== true || !holdsOn(h, spec.target, port)) continue;
    if (!pathOpen(seg, spec.name, port.node) || !pathOpen(seg, port.node, spec.name)) continue;
    const ask = frameDelay(w, seg);
    if (ask === null) continue;
    const answer = frameDelay(w, seg);
    if (answer === null) continue;
    const at = w.now + ask + answer;
    schedule(w, at, { kind: 'arpReply', probe: spec.name, addr: spec.target, node: port.node, vmac: answeringVmac(h, spec.target) });
    if (first === null || at < first.at) first = { node: port.node, at };
  }
  if (first === null) {
    p.arp.delete(spec.target);
    fail(w, p, w.now + spec.timeout, null, v6 ? `no neighbour advertisement for ${spec.target}` : `no ARP reply for ${spec.target}`, false, attempt, w.now);
    return;
  }
  schedule(w, first.at, { kind: 'probeConnect', probe: spec.name, via: first.node, started: w.now, attempt });
}

function fail<R>(w: World<R>, p: ProbeState, at: Micros, via: string | null, reason: string, stale: boolean, attempt: number, started: Micros): void {
  scheduleClient(w, at, { kind: 'probeResult', probe: p.spec.name, ok: false, via, reason, stale, attempt, started });
}

/**
 * The switch (use_vmac): a frame from a virtual MAC teaches the segment which port it is on; the
 * last sender wins, so with two masters on one vmac the clients' frames follow whichever sent
 * last. A partition filters forwarding, not learning: the switch learns from frames it then
 * drops (a Linux bridge learns on ingress, before the nftables forward hook; measured in
 * test/conformance/vmac.test.ts). Clients read this table, so a change wakes the sleeping ones.
 */
export function switchLearns<R>(w: World<R>, seg: SegmentState, mac: string, node: string): void {
  if (seg.macs.get(mac) === node) return;
  wakeProbes(w);
  seg.macs.set(mac, node);
}

/**
 * The node a client's frame for its target reaches: the node the ARP entry names, or for a
 * virtual MAC the port the switch learnt it on; an unknown MAC is flooded and the node holding
 * the address on that vmac takes it.
 */
function forwardTo<R>(w: World<R>, p: ProbeState, seg: SegmentState, node: string): string {
  const vmac = p.arp.get(p.spec.target)?.vmac ?? null;
  if (vmac === null) return node;
  const learnt = seg.macs.get(vmac);
  if (learnt !== undefined) return learnt;
  for (const port of seg.ports) {
    const h = w.hosts.get(port.node);
    if (h !== undefined && h.alive && h.carrier.get(port.iface) === true && holdsOn(h, p.spec.target, port) && answeringVmac(h, p.spec.target) === vmac) return port.node;
  }
  return node;
}

/**
 * A VIP on a vmac answers the client's ARP from the vmac, but the replies to the client are
 * routed out of the base interface (the subnet's first route), whose neighbour table does not
 * know the client yet (arp_ignore=1 there: it never answered it). So the host sends an ARP
 * request from its base interface, with its own MAC and the VIP as sender address; every client
 * holding an entry for the VIP takes that MAC (an ARP request updates the sender's entry), until
 * the next GARP from the vmac. Measured on Linux 6.x with keepalived 2.2.7
 * (test/conformance/vmac.test.ts): a client's entry for the VIP holds the master's own MAC after
 * the master's first reply.
 */
function leakBaseMac<R>(w: World<R>, seg: SegmentState, h: HostState<R>, client: string, vip: Ipv4): void {
  h.neighbours.add(client);
  for (const probe of seg.probes) {
    if (!pathOpen(seg, h.spec.name, probe)) continue;
    const d = frameDelay(w, seg);
    if (d !== null) schedule(w, w.now + d, { kind: 'garpArrive', probe, node: h.spec.name, addrs: [vip], vmac: null });
  }
}

/** A TCP connection to `node` (the MAC the cache gave), judged against the world right now. */
export function connect<R>(w: World<R>, p: ProbeState, seg: SegmentState, cached: string, started: Micros, attempt: number): void {
  const spec = p.spec;
  const node = forwardTo(w, p, seg, cached);
  const vmac = p.arp.get(spec.target)?.vmac ?? null;
  const deadline = started + spec.timeout;
  const h = w.hosts.get(node);
  // The node's port that answers for the target, else its first port here (no array built:
  // this runs for every connection a client makes).
  let port: SegmentState['ports'][number] | undefined;
  let first: SegmentState['ports'][number] | undefined;
  for (const x of seg.ports) {
    if (x.node !== node) continue;
    first ??= x;
    if (h !== undefined && holdsOn(h, spec.target, x)) { port = x; break; }
  }
  port ??= first;
  if (h === undefined || port === undefined || !h.alive) return fail(w, p, deadline, null, `${node} is down`, true, attempt, started);
  if (h.carrier.get(port.iface) !== true) return fail(w, p, deadline, null, `${node} ${port.iface} has no carrier`, true, attempt, started);
  if (!pathOpen(seg, spec.name, node) || !pathOpen(seg, node, spec.name)) return fail(w, p, deadline, null, `${node} unreachable (partition)`, true, attempt, started);
  if (!holdsOn(h, spec.target, port)) {
    const why = vmac === null ? `${isV6(p) ? 'stale neighbour entry' : 'stale ARP'}: ${node} does not hold ${spec.target}` : `switch forwards ${vmac} to ${node}, which does not hold ${spec.target}`;
    return fail(w, p, deadline, null, why, true, attempt, started);
  }
  const at = w.now + transitDelay(w, seg) + transitDelay(w, seg);
  if (at > deadline) return fail(w, p, deadline, null, `timeout via ${node}`, false, attempt, started);
  if (!portUp(h, spec.port)) return fail(w, p, at, node, `connection refused by ${node}`, false, attempt, started);
  if (vmac !== null) {
    // The holder's answers come from the vmac too: the switch learns it (matters after a flood).
    switchLearns(w, seg, vmac, node);
    if (!h.neighbours.has(spec.name)) leakBaseMac(w, seg, h, spec.name, spec.target);
  }
  scheduleClient(w, at, { kind: 'probeResult', probe: spec.name, ok: true, via: node, reason: 'connected', stale: false, attempt, started });
}

/** `started` is when the attempt was made: an outage is dated from the first attempt that failed, not from its timeout. */
export function probeResult<R>(w: World<R>, p: ProbeState, ok: boolean, via: string | null, reason: string, stale: boolean, started: Micros): void {
  p.busy = false;
  const e = p.arp.get(p.spec.target);
  // A virtual MAC is confirmed by any answer: which node sent it is the switch's business.
  const viaEntry = e !== undefined && via !== null && (e.vmac !== null || e.node === via);
  if (e !== undefined) {
    // TCP progress confirms the neighbour (dst_confirm); a dead end schedules re-resolution
    // (IPv6: neighbour unreachability detection does, sim/ndisc.ts).
    if (ok && viaEntry) {
      if (isV6(p)) ndConfirm(e, w.now);
      else { e.confirmed = w.now; e.reresolveAt = null; }
    } else if (stale && e.reresolveAt === null && !isV6(p)) e.reresolveAt = w.now + w.spec.arp.delayFirstProbe;
  }
  const last = p.last;
  if (last === null || last.ok !== ok || last.via !== via) {
    p.last = { ok, via };
    w.trace.push({ t: w.now, type: 'probe', probe: p.spec.name, ok, via, reason, sent: started });
  }
  if (ok && via !== null && viaEntry) maybeSleep(w, p, via);
}

/**
 * A client connecting fine, through a fresh ARP entry, every tick (most of any run): while
 * nothing it reads changes, each further tick draws nothing (no jitter), succeeds through the
 * same node, traces nothing and only re-confirms the ARP entry. So its ticks are not queued;
 * the first change to anything a connection reads (a fault, a VIP added or removed, a GARP
 * sent) wakes it, and wakeProbe replays the skipped ticks' effect on the client exactly.
 */
function maybeSleep<R>(w: World<R>, p: ProbeState, via: string): void {
  const spec = p.spec;
  const seg = w.segments.get(spec.segment)!;
  const nextTick = p.tickAt;
  if (seg.jitter !== 0 || w.spec.fastForwardClients === false) return;
  const rtt = 2 * seg.latency;
  const reachable = isV6(p) ? reachableTime(w, p) : w.spec.arp.reachableTime;
  // Each skipped result must land before the next tick, within the timeout, and keep the entry
  // fresh until that tick (the entry is confirmed now, then by every result).
  if (rtt >= spec.interval || rtt > spec.timeout || nextTick - w.now >= reachable || spec.interval - rtt >= reachable) return;
  if (!connectsNow(w, p, seg, via)) return;
  p.asleep = { nextTick, seq: p.tickSeq, via, latency: seg.latency };
  p.tickGen++;
}

/** Would connect() to `via` succeed now (the same checks, no draws)? */
function connectsNow<R>(w: World<R>, p: ProbeState, seg: SegmentState, via: string): boolean {
  const h = reachedHolder(w, p, seg, via);
  return h !== null && h.spec.name === via && portUp(h, p.spec.port);
}

/**
 * The node a connection through an entry naming `cached` reaches now, if it holds the target
 * there and nothing (down, no carrier, a partition, a stale entry) fails it first: connect()'s
 * checks before the transit, no draws. Whether its port answers is the caller's question.
 */
export function reachedHolder<R>(w: World<R>, p: ProbeState, seg: SegmentState, cached: string): HostState<R> | null {
  const spec = p.spec;
  const node = forwardTo(w, p, seg, cached);
  const h = w.hosts.get(node);
  if (h === undefined || !h.alive) return null;
  let port: SegmentState['ports'][number] | undefined;
  let first: SegmentState['ports'][number] | undefined;
  for (const x of seg.ports) {
    if (x.node !== node) continue;
    first ??= x;
    if (holdsOn(h, spec.target, x)) { port = x; break; }
  }
  port ??= first;
  if (port === undefined || h.carrier.get(port.iface) !== true) return null;
  if (!pathOpen(seg, spec.name, node) || !pathOpen(seg, node, spec.name)) return null;
  return holdsOn(h, spec.target, port) ? h : null;
}

/** Something a client may read is about to change at w.now: every sleeping client resumes. */
export function wakeProbes<R>(w: World<R>): void {
  for (const p of w.probes.values()) if (p.asleep !== null) wakeProbe(w, p);
}

export function wakeProbe<R>(w: World<R>, p: ProbeState): void {
  const a = p.asleep;
  if (a === null) return;
  p.asleep = null;
  const spec = p.spec;
  const interval = spec.interval;
  const rtt = 2 * a.latency;
  // Ticks before now ran against the unchanged world; a tick due right now runs after the change.
  const skipped = w.now <= a.nextTick ? 0 : Math.ceil((w.now - a.nextTick) / interval);
  const next = a.nextTick + skipped * interval;
  if (skipped > 0) {
    const lastTick = next - interval;
    const e = p.arp.get(spec.target)!;
    p.attempt += skipped;
    if (lastTick + rtt <= w.now) {
      e.confirmed = lastTick + rtt;
    } else {
      // The last skipped connection is still in flight: its result comes as an event.
      if (skipped > 1) e.confirmed = lastTick - interval + rtt;
      p.busy = true;
      scheduleClientWithSeq(w, lastTick + rtt, a.seq, { kind: 'probeResult', probe: spec.name, ok: true, via: a.via, reason: 'connected', stale: false, attempt: p.attempt, started: lastTick });
    }
  }
  // The seq of the tick it stands in for: clients resuming together keep their order.
  p.tickAt = next;
  p.tickSeq = a.seq;
  scheduleClientWithSeq(w, next, a.seq, { kind: 'probeTick', probe: spec.name, gen: p.tickGen });
}

export function arpReply<R>(w: World<R>, p: ProbeState, addr: Ipv4, node: string, vmac: string | null): void {
  wakeProbe(w, p);
  if (vmac !== null) switchLearns(w, w.segments.get(p.spec.segment)!, vmac, node);
  p.arp.set(addr, { node, vmac, confirmed: w.now, reresolveAt: null });
}

/** Linux (arp_accept = 0) lets a gratuitous ARP update an existing entry, never create one. */
export function garpArrive<R>(w: World<R>, p: ProbeState, node: string, addrs: readonly Ipv4[], vmac: string | null): void {
  wakeProbe(w, p);
  for (const a of addrs) {
    // An IPv6 address in a link-update round was an unsolicited NA (vrrp.c vrrp_send_update()).
    if (a.includes(':')) { naArrive(p, node, a, vmac); continue; }
    const e = p.arp.get(a);
    if (e !== undefined) { e.node = node; e.vmac = vmac; e.confirmed = w.now; e.reresolveAt = null; }
  }
}
