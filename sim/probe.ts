// Clients: each probe connects to target:port every `interval` through its own ARP cache, the
// way users reach a VIP. A cache entry that points at a node no longer answering for the
// address is what turns "VIP held, but elsewhere" into an outage (keepalived #166).
import type { Ipv4, Micros } from '../src/vrrp/types.js';
import { frameDelay, pathOpen, transitDelay } from './network.js';
import { holdsOn, portUp } from './reach.js';
import type { ProbeState, SegmentState, World } from './world.js';
import { schedule, scheduleWithSeq } from './world.js';

export function probeTick<R>(w: World<R>, p: ProbeState): void {
  const spec = p.spec;
  p.tickAt = w.now + spec.interval;
  p.tickSeq = schedule(w, p.tickAt, { kind: 'probeTick', probe: spec.name, gen: p.tickGen });
  if (p.busy) return; // a blocking client: one connection at a time
  p.busy = true;
  const attempt = ++p.attempt;
  const seg = w.segments.get(spec.segment)!;
  const e = p.arp.get(spec.target);
  const fresh = e !== undefined && (e.reresolveAt === null ? w.now - e.confirmed < w.spec.arp.reachableTime : w.now < e.reresolveAt);
  if (e !== undefined && fresh) {
    connect(w, p, seg, e.node, w.now, attempt);
    return;
  }
  // Broadcast ARP request: every reachable holder answers; replies update the cache as they
  // arrive (the last one wins), the connection goes to the first.
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
    schedule(w, at, { kind: 'arpReply', probe: spec.name, addr: spec.target, node: port.node });
    if (first === null || at < first.at) first = { node: port.node, at };
  }
  if (first === null) {
    p.arp.delete(spec.target);
    fail(w, p, w.now + spec.timeout, null, `no ARP reply for ${spec.target}`, false, attempt, w.now);
    return;
  }
  schedule(w, first.at, { kind: 'probeConnect', probe: spec.name, via: first.node, started: w.now, attempt });
}

function fail<R>(w: World<R>, p: ProbeState, at: Micros, via: string | null, reason: string, stale: boolean, attempt: number, started: Micros): void {
  schedule(w, at, { kind: 'probeResult', probe: p.spec.name, ok: false, via, reason, stale, attempt, started });
}

/** A TCP connection to `node` (the MAC the cache gave), judged against the world right now. */
export function connect<R>(w: World<R>, p: ProbeState, seg: SegmentState, node: string, started: Micros, attempt: number): void {
  const spec = p.spec;
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
  if (!holdsOn(h, spec.target, port)) return fail(w, p, deadline, null, `stale ARP: ${node} does not hold ${spec.target}`, true, attempt, started);
  const at = w.now + transitDelay(w, seg) + transitDelay(w, seg);
  if (at > deadline) return fail(w, p, deadline, null, `timeout via ${node}`, false, attempt, started);
  if (!portUp(h, spec.port)) return fail(w, p, at, node, `connection refused by ${node}`, false, attempt, started);
  schedule(w, at, { kind: 'probeResult', probe: spec.name, ok: true, via: node, reason: 'connected', stale: false, attempt, started });
}

/** `started` is when the attempt was made: an outage is dated from the first attempt that failed, not from its timeout. */
export function probeResult<R>(w: World<R>, p: ProbeState, ok: boolean, via: string | null, reason: string, stale: boolean, started: Micros): void {
  p.busy = false;
  const e = p.arp.get(p.spec.target);
  if (e !== undefined) {
    // TCP progress confirms the neighbour (dst_confirm); a dead end schedules re-resolution.
    if (ok && e.node === via) { e.confirmed = w.now; e.reresolveAt = null; }
    else if (stale && e.reresolveAt === null) e.reresolveAt = w.now + w.spec.arp.delayFirstProbe;
  }
  const last = p.last;
  if (last === null || last.ok !== ok || last.via !== via) {
    p.last = { ok, via };
    w.trace.push({ t: w.now, type: 'probe', probe: p.spec.name, ok, via, reason, sent: started });
  }
  if (ok && via !== null && e !== undefined && e.node === via) maybeSleep(w, p, via);
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
  const reachable = w.spec.arp.reachableTime;
  // Each skipped result must land before the next tick, within the timeout, and keep the entry
  // fresh until that tick (the entry is confirmed now, then by every result).
  if (rtt >= spec.interval || rtt > spec.timeout || nextTick - w.now >= reachable || spec.interval - rtt >= reachable) return;
  if (!connectsNow(w, p, seg, via)) return;
  p.asleep = { nextTick, seq: p.tickSeq, via, latency: seg.latency };
  p.tickGen++;
}

/** Would connect() to `via` succeed now (the same checks, no draws)? */
function connectsNow<R>(w: World<R>, p: ProbeState, seg: SegmentState, via: string): boolean {
  const spec = p.spec;
  const h = w.hosts.get(via);
  if (h === undefined || !h.alive) return false;
  let port: SegmentState['ports'][number] | undefined;
  let first: SegmentState['ports'][number] | undefined;
  for (const x of seg.ports) {
    if (x.node !== via) continue;
    first ??= x;
    if (holdsOn(h, spec.target, x)) { port = x; break; }
  }
  port ??= first;
  if (port === undefined || h.carrier.get(port.iface) !== true) return false;
  if (!pathOpen(seg, spec.name, via) || !pathOpen(seg, via, spec.name)) return false;
  return holdsOn(h, spec.target, port) && portUp(h, spec.port);
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
      scheduleWithSeq(w, lastTick + rtt, a.seq, { kind: 'probeResult', probe: spec.name, ok: true, via: a.via, reason: 'connected', stale: false, attempt: p.attempt, started: lastTick });
    }
  }
  // The seq of the tick it stands in for: clients resuming together keep their order.
  p.tickAt = next;
  p.tickSeq = a.seq;
  scheduleWithSeq(w, next, a.seq, { kind: 'probeTick', probe: spec.name, gen: p.tickGen });
}

export function arpReply<R>(w: World<R>, p: ProbeState, addr: Ipv4, node: string): void {
  wakeProbe(w, p);
  p.arp.set(addr, { node, confirmed: w.now, reresolveAt: null });
}

/** Linux (arp_accept = 0) lets a gratuitous ARP update an existing entry, never create one. */
export function garpArrive<R>(w: World<R>, p: ProbeState, node: string, addrs: readonly Ipv4[]): void {
  wakeProbe(w, p);
  for (const a of addrs) {
    const e = p.arp.get(a);
    if (e !== undefined) { e.node = node; e.confirmed = w.now; e.reresolveAt = null; }
  }
}
