// Whether the world now is a checkpoint's world moved later in time (fast-forward.ts says why
// that makes it periodic). Three parts: the engine's own state, written as a flat list of
// tokens with times relative to the instant and seqs by rank, kept at a checkpoint and compared
// with the live world's one period later; the cores' states, plain immutable data compared
// number by number (a state both instants share is walked only for its largest number, cached);
// the clients' ARP times, which may also stay put (arpDeadlines). Nothing here builds a string
// per entry: the canonical strings this replaced were a quarter of an availability history.
import { familyOfAddr } from '../src/vrrp/address.js';
import type { Micros, ReceivedAdvert } from '../src/vrrp/types.js';
import { coreStatesMoved } from './fast-forward-core.js';
import type { QueueEntry } from './queue.js';
import { sortShort } from './sort.js';
import type { Mark, Snapshot, Token } from './fast-forward-state.js';
import type { SimEvent, World } from './world.js';
import { outdated } from './world.js';

/** The world at the start of instant X, to be compared with it one candidate period later. null: not periodic (a frozen host). */
export function snapshot<R>(w: World<R>, X: Micros): Snapshot<R> | null {
  const t = w.ff.scratch.tokens;
  if (!walkEngine(w, X, t)) return null;
  const engine = t.slice();
  const routers: (R | null)[] = [];
  for (const h of w.hosts.values()) routers.push(h.router);
  const attempts: number[] = [];
  const arpTimes: (Micros | null)[] = [];
  const arpNd: boolean[] = [];
  for (const p of w.probes.values()) {
    attempts.push(p.attempt);
    if (p.asleep === null) {
      for (const [addr, e] of p.arp) { arpTimes.push(e.confirmed, e.reresolveAt); arpNd.push(familyOfAddr(addr) === 6); }
    }
  }
  return {
    at: X, engine, routers, prng: w.prng.slice(), events: w.stats.events, deliveries: w.stats.advertDeliveries,
    traceLen: w.trace.length, attempts, arpTimes, arpNd,
  };
}

/**
 * Is the world at the start of instant X the snapshot's world moved X - a.at later, apart
 * from ARP times that stayed put (arpDeadlines)? Cheapest parts first: the PRNG, the engine's
 * record, then the cores' states.
 */
export function samePhase<R>(w: World<R>, a: Snapshot<R>, X: Micros): boolean {
  for (let i = 0; i < 4; i++) if (a.prng[i] !== w.prng[i]) return false;
  const t = w.ff.scratch.tokens;
  if (!walkEngine(w, X, t) || t.length !== a.engine.length) return false;
  for (let i = 0; i < t.length; i++) if (t[i] !== a.engine[i]) return false;
  return coreStatesMoved(w, a.routers, X - a.at, a.at - w.coreOffset);
}

/**
 * The engine's part of the world, token by token, so that two worlds P apart give the same
 * tokens: times relative to X (a time that must not move is given as itself), a client's
 * attempt numbers relative to its counter, seqs by their rank (only their order and identity
 * matter; new ones are always larger than all). Counts come before the entries they count, so
 * the list reads one way only. Returns false when the world cannot be periodic (a frozen host).
 * The tokens go to a reused array: comparing, nearly every walk finds the worlds equal (a
 * fingerprint nominated them), so stopping at a difference saved nothing, and writing tokens
 * straight was cheaper than one call per token that either recorded or compared.
 */
function walkEngine<R>(w: World<R>, X: Micros, s: Token[]): boolean {
  s.length = 0;
  const sc = w.ff.scratch;
  const live = sc.live;
  live.length = 0;
  for (const e of w.queue.heap) if (e.cls === 1 && entryMatters(w, e)) live.push(e);
  // Clients' ticks and results wait apart (World.clients), as queue entries all the same.
  for (const e of w.clients.heap) if (entryMatters(w, e)) live.push(e);
  sortEntries(live);
  const seqs = sc.seqs;
  seqs.length = 0;
  for (const e of live) seqs.push(e.seq);
  for (const h of w.hosts.values()) {
    if (h.frozen) return false;
    for (const t of h.timers.values()) if (t.armed >= 0) seqs.push(t.armed);
    if (h.pendingStart !== null) seqs.push(h.pendingStart);
  }
  for (const p of w.probes.values()) {
    seqs.push(p.tickSeq);
    if (p.asleep !== null) seqs.push(p.asleep.seq);
  }
  sortNumbers(seqs);
  let n = 0;
  for (let i = 0; i < seqs.length; i++) if (i === 0 || seqs[i] !== seqs[n - 1]) seqs[n++] = seqs[i]!;
  seqs.length = n;
  s.push(live.length);
  for (const e of live) {
    s.push(e.at - X);
    s.push(rank(seqs, e.seq));
    eventTokens(w, e.ev, X, s);
  }
  for (const [name, h] of w.hosts) {
    s.push(name); s.push(h.alive); s.push(h.incarnation); s.push(h.router === null);
    s.push(h.exitsAt === null ? 'n' : h.exitsAt <= X ? 'p' : h.exitsAt - X);
    s.push(h.pendingStart === null ? 'n' : rank(seqs, h.pendingStart));
    s.push(h.inbox.length); s.push(h.overdue.length);
    // Timers as (armed seq, due time): their queue entries are bookkeeping (entryMatters). A
    // host's slots are never removed, so both worlds list the armed ones in the same order.
    for (const t of h.timers.values()) if (t.armed >= 0) { s.push(t.id); s.push(rank(seqs, t.armed)); s.push(t.at - X); }
    s.push(null);
    s.push(h.carrier.size);
    for (const [k, v] of h.carrier) { s.push(k); s.push(v); }
    s.push(h.services.size);
    for (const [k, v] of h.services) { s.push(k); s.push(v); }
    s.push(h.scriptResults.size);
    for (const [k, v] of h.scriptResults) { s.push(k); s.push(v); }
    s.push(h.held.size);
    for (const [vip, v] of h.held) { s.push(vip); s.push(v.instance); s.push(v.iface); }
    s.push(h.instances.size);
    for (const [i, v] of h.instances) { s.push(i); s.push(v.state); s.push(v.priority); }
  }
  for (const [name, p] of w.probes) {
    const a = p.asleep;
    s.push(name);
    // Asleep, a client's fields stay put while time passes and waking reads them as they are.
    if (a === null) s.push('-');
    else { s.push(a.nextTick); s.push(rank(seqs, a.seq)); s.push(a.via); s.push(a.latency); s.push(p.attempt); }
    s.push(p.busy); s.push(p.tickGen); s.push(a !== null ? p.tickAt : p.tickAt - X); s.push(rank(seqs, p.tickSeq));
    if (p.last === null) s.push('n');
    else { s.push(p.last.ok); s.push(p.last.via); }
    // An awake client's ARP times are compared apart (arpDeadlines): they may stay put. A
    // neighbour entry's DELAY time moves with the world (its probes are queued).
    s.push(p.arp.size);
    for (const [addr, e] of p.arp) {
      s.push(addr); s.push(e.node);
      if (a !== null) { s.push(e.confirmed); s.push(e.reresolveAt); }
      else s.push(e.reresolveAt === null ? 'n' : 'r');
      s.push(e.stale === true);
      const d = e.delayAt ?? null;
      s.push(a !== null || d === null ? d : d - X);
    }
  }
  return true;
}

/** A seq's index in the sorted, repeat-free list (it is always there). */
function rank(seqs: readonly number[], seq: number): number {
  let lo = 0, hi = seqs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seqs[mid]! < seq) lo = mid + 1; else hi = mid;
  }
  return lo;
}

// Short lists (a few entries, a few dozen seqs: an availability history's worlds) sort by
// insertion; long ones (hundreds of instances) keep the O(n log n) sort.
const SHORT = 48;

function sortNumbers(a: number[]): void {
  sortShort(a, ascending, SHORT);
}

function ascending(a: number, b: number): number {
  return a - b;
}

function sortEntries(a: QueueEntry<SimEvent>[]): void {
  sortShort(a, less, SHORT);
}

/** An advert's content as one token; adverts are immutable, so each is written once. */
const advertIds = new WeakMap<object, string>();

function deliverTokens(node: string, from: string, k: ReceivedAdvert, s: Token[]): void {
  let a = advertIds.get(k.advert);
  if (a === undefined) { a = JSON.stringify(k.advert); advertIds.set(k.advert, a); }
  s.push(node); s.push(from); s.push(k.src); s.push(k.dst); s.push(k.ttl); s.push(k.iface); s.push(a);
}

function eventTokens<R>(w: World<R>, ev: SimEvent, X: Micros, s: Token[]): void {
  s.push(ev.kind);
  switch (ev.kind) {
    case 'timer': s.push(ev.node); s.push(ev.keyId); s.push(ev.incarnation); return;
    case 'deliver': deliverTokens(ev.node, ev.from, ev.packet, s); return;
    case 'script': s.push(ev.node); s.push(ev.script); s.push(ev.ok); s.push(ev.incarnation); return;
    case 'start': s.push(ev.node); return;
    case 'probeTick': s.push(ev.probe); s.push(ev.gen); return;
    case 'probeConnect':
      s.push(ev.probe); s.push(ev.via); s.push(ev.started - X); s.push(ev.attempt - w.probes.get(ev.probe)!.attempt);
      return;
    case 'probeResult':
      s.push(ev.probe); s.push(ev.ok); s.push(ev.via); s.push(ev.reason); s.push(ev.stale);
      s.push(ev.attempt - w.probes.get(ev.probe)!.attempt); s.push(ev.started - X);
      return;
    case 'arpReply': s.push(ev.probe); s.push(ev.addr); s.push(ev.node); return;
    case 'garpArrive':
      s.push(ev.probe); s.push(ev.node); s.push(ev.addrs.length);
      for (const x of ev.addrs) s.push(x);
      return;
    case 'ndProbe': s.push(ev.probe); s.push(ev.addr); s.push(ev.delayAt - X); s.push(ev.sent); return;
    case 'multicast':
      // The same tokens as the deliveries it stands for, each as if queued on its own.
      s.push(ev.rx.length);
      for (let r = 0; r < ev.rx.length; r++) {
        s.push('deliver');
        deliverTokens(w.hostById[ev.rx[r]!]!.spec.name, ev.from, ev.inputs[r]!.packet, s);
      }
      return;
    case 'fault': case 'boot': s.push(JSON.stringify(ev)); return;
  }
}

/**
 * A few numbers any two moments one period apart share: the PRNG (a draw during the period
 * means the world is not periodic), the live queue entries' count and summed time to go, the
 * sleeping clients. Cheap (no strings); equal fingerprints only nominate a candidate that full
 * snapshots then confirm or reject. null: not periodic (a frozen host). `since`: the queue's
 * next seq at the previous checkpoint, for `settled` (nothing pending is older than it, or than
 * a sleeping client's tick: a one-shot deadline that stays put, or things queued before the
 * client fell asleep, whose ranks among the seqs have still to settle).
 */
export function fingerprint<R>(w: World<R>, X: Micros, since: number): Mark<R> | null {
  let asleep = 0, oldest = Infinity, sleeper = -1;
  for (const p of w.probes.values()) {
    if (p.asleep === null) continue;
    asleep++;
    if (p.asleep.seq > sleeper) sleeper = p.asleep.seq;
  }
  let live = 0, rel = 0;
  for (const e of w.queue.heap) {
    if (e.cls !== 1 || !entryMatters(w, e)) continue;
    live++;
    if (e.seq < oldest) oldest = e.seq;
    // A sum of mixed times, not of times: two timers of periods 2 s and 3 s often have equal
    // sums 5 s apart, which nominated a wrong period (and cost two full snapshots) every time.
    rel = (rel + mix(e.at - X)) >>> 0;
  }
  // Clients' ticks and results wait apart (World.clients), as queue entries all the same.
  for (const e of w.clients.heap) {
    if (!entryMatters(w, e)) continue;
    live++;
    if (e.seq < oldest) oldest = e.seq;
    rel = (rel + mix(e.at - X)) >>> 0;
  }
  for (const h of w.hosts.values()) {
    if (h.frozen) return null;
    for (const d of h.timers.values()) {
      if (d.armed < 0) continue;
      live++;
      if (d.armed < oldest) oldest = d.armed;
      rel = (rel + mix(d.at - X)) >>> 0;
    }
  }
  const r = w.prng;
  return { at: X, prng0: r[0]!, prng1: r[1]!, prng2: r[2]!, prng3: r[3]!, live, rel, asleep, settled: oldest >= since && oldest > sleeper, snap: null };
}

export function sameMark<R>(a: Mark<R>, b: Mark<R>): boolean {
  return a.prng0 === b.prng0 && a.prng1 === b.prng1 && a.prng2 === b.prng2 && a.prng3 === b.prng3
    && a.live === b.live && a.rel === b.rel && a.asleep === b.asleep;
}

/** A 32-bit hash of an integer (murmur3's finaliser over its two halves); summing these is order-free. */
function mix(t: number): number {
  let x = (t >>> 0) ^ Math.imul(Math.floor(t / 0x1_0000_0000) >>> 0, 0x9e3779b1);
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A client's ARP entry whose times stayed put over the period (no connection confirmed it: the
 * node refuses, or is down) is read only by the client's ticks, as `now < deadline` (its
 * reresolveAt, else confirmed + reachableTime: probe.ts probeTick). Such a world still repeats
 * while every tick falls on the same side of that deadline as the period's did: up to the
 * deadline when it is ahead, for ever when it had passed before the period began. Returns
 * which times stayed put and the instant the jump must not pass; null when a time neither
 * moved by P nor stayed put. The live world's entries are walked in the snapshot's order
 * (the engine records matched, so the same clients are awake with the same entries).
 */
export function arpDeadlines<R>(w: World<R>, a: Snapshot<R>, X: Micros): { readonly fixed: readonly boolean[]; readonly until: Micros } | null {
  const P = X - a.at;
  const fixed: boolean[] = [];
  let until = Infinity;
  let i = 0;
  for (const p of w.probes.values()) {
    if (p.asleep !== null) continue;
    for (const e of p.arp.values()) {
      const [c0, r0, c1, r1] = [a.arpTimes[i]!, a.arpTimes[i + 1]!, e.confirmed, e.reresolveAt];
      const cFixed = c0 === c1;
      // A neighbour entry's deadline follows its own NUD timers (ndisc.ts), not this rule: it
      // may only move with the world.
      if (a.arpNd[i / 2] === true && !(c1 - c0 === P && (r0 === null ? r1 === null : r1 !== null && r1 - r0 === P))) return null;
      if (!cFixed && c1 - c0 !== P) return null;
      const rFixed = r0 === r1;
      if (!rFixed && (r0 === null || r1 === null || r1 - r0 !== P)) return null;
      fixed.push(cFixed, rFixed);
      const deadline = r0 !== null ? (rFixed ? r0 : null) : cFixed ? c0 + w.spec.arp.reachableTime : null;
      if (deadline !== null && deadline > a.at) until = Math.min(until, deadline);
      i += 2;
    }
  }
  return { fixed, until };
}

/**
 * Whether a queue entry is part of the world's state, as opposed to bookkeeping. A timer's
 * entries are not: an armed timer fires at its due time (TimerSlot.at) with its armed seq, whether
 * its queue entry is the real one or a stand-in, an entry since re-armed for later without
 * queuing (host.ts setTimer) which, when it fires, queues the timer at its due time with the
 * armed seq (engine.ts superseded) — neither counted nor in a batch. Its position decides only
 * whether a later re-arm queues an entry of its own, which then fires at the same time with the
 * same seq either way. So the timers are compared as (armed seq, due time) and their entries
 * left out: a backup's master-down timer, re-armed by every advert, has a stand-in that fires
 * every third advert, which made the 2-node world's period 3 s instead of 1 s and the seed's
 * 6 s instead of 2 s — and detection waits two periods after every fault.
 */
function entryMatters<R>(w: World<R>, e: QueueEntry<SimEvent>): boolean {
  return e.ev.kind !== 'timer' && !dead(w, e);
}

/** Entries that can never do anything (the checks superseded() makes, without its side effects). */
export function dead<R>(w: World<R>, e: QueueEntry<SimEvent>): boolean {
  const ev = e.ev;
  switch (ev.kind) {
    case 'timer': {
      const h = w.hosts.get(ev.node)!;
      if (ev.incarnation !== h.incarnation) return true;
      const slot = h.timers.get(ev.keyId);
      if (slot === undefined) return true;
      if (slot.armed === e.seq) return false;
      return !(slot.queuedSeq === e.seq && slot.armed >= 0);
    }
    // A neighbour probe whose entry has left DELAY does nothing when it pops, but the engine
    // still runs and counts it (superseded() does not drop it): it is part of the world, or a
    // period it pops in would add its count to every period jumped.
    default: return outdated(w, ev, e.seq);
  }
}

export function less(x: QueueEntry<SimEvent>, y: QueueEntry<SimEvent>): number {
  return x.at - y.at || x.cls - y.cls || x.seq - y.seq;
}
