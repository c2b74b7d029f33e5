// A client's steps run in one go: a tick the engine would run alone at its instant (nothing
// else due then, World.clients), and the client's steps after it up to `limit`, the first
// instant at which anything else is due. Nothing runs between them but themselves, so the world
// they read stays as it is, and what each would do is known from the first: a busy client's
// ticks only queue the next, an attempt refused as the last one was repeats, a connection
// through a fresh entry succeeds one round trip later. Each function does what running them
// one by one does — seqs handed out in the same order (a tick queues the next tick before its
// connection queues the result), events counted, attempts, the next tick queued — or returns
// null, and the tick runs as usual. During a history these were most of the events between
// a fault and the fast-forward finding the period again.
import type { Micros } from '../src/vrrp/types.js';
import type { QueueEntry } from './queue.js';
import { isV6, probeResult, reachedHolder } from './probe.js';
import { portUp } from './reach.js';
import type { ClientEvent, HostState, ProbeState, SimEvent, World } from './world.js';
import { scheduleClientWithSeq } from './world.js';

/**
 * The tick due now of a busy client and the ticks after it before `limit`, each of which the
 * engine would run alone at its instant before anything else (World.clients): probeTick's busy
 * path k times in one step, which only queues the next tick, a seq each. Returns the last
 * one's time. During an outage (a 1 s timeout, 100 ms ticks) these are most of a client's
 * events; nothing else runs between them, so nothing can end the busy spell among them.
 */
export function busyTicks<R>(w: World<R>, p: ProbeState, ev: ClientEvent, limit: Micros): Micros {
  const interval = p.spec.interval;
  const k = Math.max(1, Math.ceil((limit - w.now) / interval));
  const last = w.now + (k - 1) * interval;
  w.stats.events += k;
  w.queue.nextSeq += k;
  p.tickAt = last + interval;
  p.tickSeq = w.queue.nextSeq - 1;
  // The tick event is the same each time (probe, generation): the entry is new, the event reused.
  scheduleClientWithSeq(w, p.tickAt, p.tickSeq, ev);
  return last;
}

/**
 * A client refused by the node it reaches (its service is down there, the VIP still held: no
 * takeover follows) tries again every tick, each attempt refused one round trip later: a tick
 * and a result that trace nothing (the result is the last one again), confirm nothing and draw
 * nothing. Until the fast-forward finds that period, these were most of a 2-node history's
 * events. Called for a tick due now that the engine would run alone (World.clients), with
 * nothing else due before `limit`: nothing runs between such ticks and results but themselves,
 * so the world they read stays as it is, and k cycles whose results all come before `limit`
 * are run in one step (k ticks and k results counted, two seqs and an attempt each, as
 * probeTick then fail() hand them out). The ARP entry must stay fresh at every tick (else the
 * tick broadcasts a request). Returns the last result's time, or null: run the tick as usual.
 */
export function refusedTicks<R>(w: World<R>, p: ProbeState, ev: ClientEvent, limit: Micros): Micros | null {
  const spec = p.spec;
  const last = p.last;
  if (p.busy || last === null || last.ok || last.via === null || isV6(p)) return null;
  const seg = w.segments.get(spec.segment)!;
  const e = p.arp.get(spec.target);
  const rtt = fixedRoundTrip(w, p);
  const interval = spec.interval;
  if (e === undefined || rtt === null) return null;
  const h = reachedHolder(w, p, seg, e.node);
  if (h === null || h.spec.name !== last.via || portUp(h, spec.port)) return null;
  // A tick at T finds the entry fresh while T < freshUntil (probeTick); its result is at T + rtt.
  const freshUntil = e.reresolveAt === null ? e.confirmed + w.spec.arp.reachableTime : e.reresolveAt;
  const end = Math.min(limit - rtt, freshUntil);
  if (w.now >= end) return null;
  const k = Math.ceil((end - w.now) / interval);
  const lastTick = w.now + (k - 1) * interval;
  w.stats.events += 2 * k;
  p.attempt += k;
  p.tickAt = lastTick + interval;
  p.tickSeq = w.queue.nextSeq + 2 * (k - 1);
  w.queue.nextSeq += 2 * k;
  scheduleClientWithSeq(w, p.tickAt, p.tickSeq, ev);
  return lastTick + rtt;
}

/**
 * A tick that connects through a fresh entry and its result one round trip later, in one step
 * (a client woken by a change that turns out not to matter to it: the second GARP round from
 * the node it uses, a VIP added elsewhere). Called for a tick due now that the engine would run
 * alone (World.clients), with nothing else due before `limit`: when the result also comes
 * before it, nothing runs in between, so the world the tick reads is the one the result
 * finds. The tick's part is probeTick's (two seqs, an attempt; no draws: no jitter, and no
 * vmac frame to learn or base MAC to leak); the result runs as probeResult at its time.
 * Returns the result's time, or null: run the tick as usual.
 */
export function connectedTick<R>(w: World<R>, p: ProbeState, ev: ClientEvent, limit: Micros): Micros | null {
  const started = w.now;
  const h = connectsFresh(w, p, limit);
  if (h === null) return null;
  startConnection(w, p, ev);
  w.now = started + roundTrip(w, p);
  probeResult(w, p, true, h.spec.name, 'connected', false, started);
  return w.now;
}

function roundTrip<R>(w: World<R>, p: ProbeState): Micros {
  return 2 * w.segments.get(p.spec.segment)!.latency;
}

/**
 * The client's round trip when every connection takes exactly it and its result lands strictly
 * between the tick's instant and the next tick, within the timeout (a result in the tick's own
 * instant or after the next tick would interleave with them); else null.
 */
function fixedRoundTrip<R>(w: World<R>, p: ProbeState): Micros | null {
  const rtt = roundTrip(w, p);
  return w.segments.get(p.spec.segment)!.jitter !== 0 || rtt <= 0 || rtt >= p.spec.interval || rtt > p.spec.timeout ? null : rtt;
}

/**
 * The node a tick due now connects to, if probeTick would connect through a fresh entry with a
 * result that succeeds before `limit`, drawing nothing and changing nothing else (no jitter; no
 * vmac answer to teach the switch or leak the base MAC); else null.
 */
function connectsFresh<R>(w: World<R>, p: ProbeState, limit: Micros): HostState<R> | null {
  const spec = p.spec;
  if (p.busy || isV6(p)) return null;
  const seg = w.segments.get(spec.segment)!;
  const e = p.arp.get(spec.target);
  const rtt = fixedRoundTrip(w, p);
  const now = w.now;
  if (e === undefined || rtt === null || now + rtt >= limit) return null;
  if (!(e.reresolveAt === null ? now - e.confirmed < w.spec.arp.reachableTime : now < e.reresolveAt)) return null;
  const h = reachedHolder(w, p, seg, e.node);
  if (h === null || !portUp(h, spec.port)) return null;
  if (e.vmac !== null && (seg.macs.get(e.vmac) !== h.spec.name || !h.neighbours.has(spec.name))) return null;
  return h;
}

/** probeTick's bookkeeping for a connection connectsFresh approved: its result comes as the caller runs it. */
function startConnection<R>(w: World<R>, p: ProbeState, ev: ClientEvent): void {
  p.tickAt = w.now + p.spec.interval;
  p.tickSeq = w.queue.nextSeq;
  w.queue.nextSeq += 2;
  p.attempt++;
  scheduleClientWithSeq(w, p.tickAt, p.tickSeq, ev);
  w.stats.events += 2;
}

/**
 * Several clients' ticks due now and nothing else (the seed's two clients tick together), as
 * the engine would run them: in `group`'s order (the queue's), then their results. Either all
 * are busy with one interval (their ticks go on in step, each instant in the same order: each
 * queues its next tick in turn), or all connect through fresh entries (connectedTick's steps:
 * the ticks in order, then the results in time and seq order). Clients do not touch what
 * another one reads, so each is judged as if alone. Returns the last step's time, or null: run
 * them one by one.
 */
export function clientGroup<R>(w: World<R>, group: readonly QueueEntry<SimEvent>[], limit: Micros): Micros | null {
  const n = group.length;
  if (n > 30) return null;
  let busy = 0;
  let interval = -1;
  for (const e of group) {
    if (e.ev.kind !== 'probeTick') return null;
    const p = w.probes.get(e.ev.probe)!;
    if (p.busy) busy++;
    if (interval !== -1 && p.spec.interval !== interval) interval = -2;
    else if (interval === -1) interval = p.spec.interval;
  }
  const now = w.now;
  if (busy === n && interval > 0) {
    const k = Math.max(1, Math.ceil((limit - now) / interval));
    const base = w.queue.nextSeq;
    w.queue.nextSeq += k * n;
    w.stats.events += k * n;
    for (let i = 0; i < n; i++) {
      const ev = group[i]!.ev as ClientEvent;
      const p = w.probes.get(ev.probe)!;
      p.tickAt = now + k * interval;
      p.tickSeq = base + (k - 1) * n + i;
      scheduleClientWithSeq(w, p.tickAt, p.tickSeq, ev);
    }
    return now + (k - 1) * interval;
  }
  if (busy !== 0) return null;
  for (const e of group) if (connectsFresh(w, w.probes.get((e.ev as ClientEvent).probe)!, limit) === null) return null;
  for (const e of group) startConnection(w, w.probes.get((e.ev as ClientEvent).probe)!, e.ev as ClientEvent);
  // The results, by time then seq (the tick's seq + 1, so group order within a time).
  let done = 0;
  let at = now;
  for (let r = 0; r < n; r++) {
    let next = -1;
    let nextAt = Infinity;
    for (let i = 0; i < n; i++) {
      if ((done & (1 << i)) !== 0) continue;
      const t = now + roundTrip(w, w.probes.get((group[i]!.ev as ClientEvent).probe)!);
      if (t < nextAt) { nextAt = t; next = i; }
    }
    const p = w.probes.get((group[next]!.ev as ClientEvent).probe)!;
    w.now = at = nextAt;
    // The world is as the tick found it: the same node answers.
    probeResult(w, p, true, reachedHolder(w, p, w.segments.get(p.spec.segment)!, p.arp.get(p.spec.target)!.node)!.spec.name, 'connected', false, now);
    done |= 1 << next;
  }
  return at;
}

