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
import { sortNumbersShort, sortShort } from './sort.js';
import type { Mark, Snapshot, Token } from './fast-forward-state.js';
import type { SimEvent, World } from './world.js';
import { isTimer, outdated } from './world.js';

/** The world at the start of instant X, to be compared with it one candidate period later. null: not periodic (a frozen host). */
export function snapshot<R>(w: World<R>, X: Micros): Snapshot<R> | null {
  const t = w.ff.scratch.tokens;
  if (!walkEngine(w, X, t)) return null;
  const engine = t.slice();
  const routers: (R | null)[] = [];
  for (const h of w.hosts.values()) routers.push(h.router);
  w.coreShared++; // kept here: hosts step copies from now on (World.coreShared)
  const attempts: number[] = [];
  const arpTimes: (Micros | null)[] = [];
  const arpNd: boolean[] = [];
  for (const p of w.probes.values()) {
    attempts.push(p.attempt);
    if (p.asleep === null) {
      for (const e of p.arp.values()) arpTimes.push(e.confirmed, e.reresolveAt);
      for (const addr of p.arp.keys()) arpNd.push(familyOfAddr(addr) === 6);
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
  if (!w.ff.scratch.sleepersLowest) return false;
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
  // Written by index, never emptied with `length = 0`: that drops an array's backing store
  // (V8), so every walk grew its three arrays again from nothing, token by token.
  const sc = w.ff.scratch;
  const live = sc.live;
  let nl = 0;
  for (const e of w.queue.heap) if (e.cls === 1 && entryMatters(w, e)) live[nl++] = e;
  // Clients' ticks and results wait apart (World.clients), as queue entries all the same.
  for (const e of w.clients.heap) if (entryMatters(w, e)) live[nl++] = e;
  sortEntries(live, nl);
  const seqs = sc.seqs;
  let ns = 0;
  for (let i = 0; i < nl; i++) seqs[ns++] = live[i]!.seq;
  for (const h of w.hosts.values()) {
    if (h.frozen) return false;
    for (const t of h.slots) if (t.armed >= 0) seqs[ns++] = t.armed;
    if (h.pendingStart !== null) seqs[ns++] = h.pendingStart;
  }
  // A sleeping client's seq (its tickSeq too) is written as itself, not ranked. It is read only
  // when the client wakes, which a world that stays periodic never does: equal raw seqs and
  // nextTick mean the same sleep, unwoken through the period. The world P later is then the
  // same moved by P whatever the seq's rank was at the checkpoint, provided that every other
  // seq pending now is newer (sleepersLowest, checked on the live world by samePhase): their
  // counterparts any number of periods on are newer still, as they are in the world a jump
  // leaves. The seed's clients fall asleep after each GARP round, and ranked, their seq held
  // the comparison back until every timer armed before the sleep had been re-armed: a period.
  for (const p of w.probes.values()) if (p.asleep === null) seqs[ns++] = p.tickSeq;
  sortNumbers(seqs, ns);
  // Repeats dropped in place; the list's end is kept in a count (a shorter length is a runtime call).
  let n = 0;
  for (let i = 0; i < ns; i++) if (i === 0 || seqs[i] !== seqs[n - 1]) seqs[n++] = seqs[i]!;
  let lowest = true;
  for (const p of w.probes.values()) if (p.asleep !== null && n > 0 && p.asleep.seq > seqs[0]!) lowest = false;
  sc.sleepersLowest = lowest;
  let k = 0;
  s[k++] = nl;
  for (let i = 0; i < nl; i++) {
    const e = live[i]!;
    s[k++] = e.at - X;
    s[k++] = rank(seqs, n, e.seq);
    k = eventTokens(w, e.ev, X, s, k);
  }
  // A Map's keys, then its values, rather than [key, value] entries (an array allocated per
  // entry per walk) or a get() per key (the walk's costliest lines, w19pair). Both worlds' tokens
  // come from this walk, and a Map's count precedes its keys, so the list still reads one way only.
  for (const h of w.hosts.values()) {
    s[k++] = h.spec.name; s[k++] = h.alive; s[k++] = h.incarnation; s[k++] = h.router === null;
    s[k++] = h.exitsAt === null ? 'n' : h.exitsAt <= X ? 'p' : h.exitsAt - X;
    s[k++] = h.pendingStart === null ? 'n' : rank(seqs, n, h.pendingStart);
    s[k++] = h.inbox.length; s[k++] = h.overdue.length;
    // Timers as (armed seq, due time): their queue entries are bookkeeping (entryMatters). A
    // host's slots are never removed, so both worlds list the armed ones in the same order.
    for (const t of h.slots) if (t.armed >= 0) { s[k++] = t.id; s[k++] = rank(seqs, n, t.armed); s[k++] = t.at - X; }
    s[k++] = null;
    s[k++] = h.carrier.size;
    for (const key of h.carrier.keys()) s[k++] = key;
    for (const up of h.carrier.values()) s[k++] = up;
    s[k++] = h.services.size;
    for (const key of h.services.keys()) s[k++] = key;
    for (const up of h.services.values()) s[k++] = up;
    s[k++] = h.scriptResults.size;
    for (const key of h.scriptResults.keys()) s[k++] = key;
    for (const ok of h.scriptResults.values()) s[k++] = ok;
    s[k++] = h.held.size;
    for (const vip of h.held.keys()) s[k++] = vip;
    for (const v of h.held.values()) { s[k++] = v.instance; s[k++] = v.iface; }
    s[k++] = h.instances.size;
    for (const i of h.instances.keys()) s[k++] = i;
    for (const v of h.instances.values()) { s[k++] = v.state; s[k++] = v.priority; }
  }
  for (const p of w.probes.values()) {
    const a = p.asleep;
    s[k++] = p.spec.name;
    // Asleep, a client's fields stay put while time passes and waking reads them as they are.
    if (a === null) s[k++] = '-';
    else { s[k++] = a.nextTick; s[k++] = a.seq; s[k++] = a.via; s[k++] = a.latency; s[k++] = p.attempt; }
    s[k++] = p.busy; s[k++] = p.tickGen; s[k++] = a !== null ? p.tickAt : p.tickAt - X; s[k++] = a !== null ? p.tickSeq : rank(seqs, n, p.tickSeq);
    if (p.last === null) s[k++] = 'n';
    else { s[k++] = p.last.ok; s[k++] = p.last.via; }
    // An awake client's ARP times are compared apart (arpDeadlines): they may stay put. A
    // neighbour entry's DELAY time moves with the world (its probes are queued).
    s[k++] = p.arp.size;
    for (const addr of p.arp.keys()) s[k++] = addr;
    for (const e of p.arp.values()) {
      s[k++] = e.node;
      if (a !== null) { s[k++] = e.confirmed; s[k++] = e.reresolveAt; }
      else s[k++] = e.reresolveAt === null ? 'n' : 'r';
      s[k++] = e.stale === true;
      const d = e.delayAt ?? null;
      s[k++] = a !== null || d === null ? d : d - X;
    }
  }
  if (s.length !== k) s.length = k;
  return true;
}

/** A seq's index in the sorted, repeat-free list of n (it is always there). */
function rank(seqs: readonly number[], n: number, seq: number): number {
  let lo = 0, hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seqs[mid]! < seq) lo = mid + 1; else hi = mid;
  }
  return lo;
}

// Short lists (a few entries, a few dozen seqs: an availability history's worlds) sort by
// insertion; long ones (hundreds of instances) keep the O(n log n) sort.
const SHORT = 48;

function sortNumbers(a: number[], n: number): void {
  sortNumbersShort(a, SHORT, n);
}

function sortEntries(a: QueueEntry<SimEvent>[], n: number): void {
  sortShort(a, less, SHORT, n);
}

/** An advert's content as one token; adverts are immutable, so each is written once (per world: Scratch.advertIds). */
function deliverTokens(ids: Map<object, string>, node: string, from: string, k: ReceivedAdvert, s: Token[], n: number): number {
  let a = ids.get(k.advert);
  if (a === undefined) { a = JSON.stringify(k.advert); ids.set(k.advert, a); }
  s[n++] = node; s[n++] = from; s[n++] = k.src; s[n++] = k.dst; s[n++] = k.ttl; s[n++] = k.iface; s[n++] = a;
  return n;
}

function eventTokens<R>(w: World<R>, ev: SimEvent, X: Micros, s: Token[], n: number): number {
  s[n++] = ev.kind;
  switch (ev.kind) {
    case 'timer': s[n++] = ev.node; s[n++] = ev.keyId; s[n++] = ev.incarnation; return n;
    case 'deliver': return deliverTokens(w.ff.scratch.advertIds, ev.node, ev.from, ev.packet, s, n);
    case 'script': s[n++] = ev.node; s[n++] = ev.script; s[n++] = ev.ok; s[n++] = ev.incarnation; return n;
    case 'start': s[n++] = ev.node; return n;
    case 'probeTick': s[n++] = ev.probe; s[n++] = ev.gen; return n;
    case 'probeConnect':
      s[n++] = ev.probe; s[n++] = ev.via; s[n++] = ev.started - X; s[n++] = ev.attempt - w.probes.get(ev.probe)!.attempt;
      return n;
    case 'probeResult':
      s[n++] = ev.probe; s[n++] = ev.ok; s[n++] = ev.via; s[n++] = ev.reason; s[n++] = ev.stale;
      s[n++] = ev.attempt - w.probes.get(ev.probe)!.attempt; s[n++] = ev.started - X;
      return n;
    case 'arpReply': s[n++] = ev.probe; s[n++] = ev.addr; s[n++] = ev.node; return n;
    case 'garpArrive':
      s[n++] = ev.probe; s[n++] = ev.node; s[n++] = ev.addrs.length;
      for (const x of ev.addrs) s[n++] = x;
      return n;
    case 'ndProbe': s[n++] = ev.probe; s[n++] = ev.addr; s[n++] = ev.delayAt - X; s[n++] = ev.sent; return n;
    case 'multicast':
      // The same tokens as the deliveries it stands for, each as if queued on its own.
      s[n++] = ev.rx.length;
      for (let r = 0; r < ev.rx.length; r++) {
        s[n++] = 'deliver';
        n = deliverTokens(w.ff.scratch.advertIds, w.hostById[ev.rx[r]!]!.spec.name, ev.from, ev.inputs[r]!.packet, s, n);
      }
      return n;
    case 'fault': case 'boot': s[n++] = JSON.stringify(ev); return n;
  }
}

/**
 * A few numbers any two moments one period apart share: the PRNG (a draw during the period
 * means the world is not periodic), the live queue entries' count and summed time to go, the
 * sleeping clients. Cheap (no strings); equal fingerprints only nominate a candidate that full
 * snapshots then confirm or reject. null: not periodic (a frozen host). `since`: the queue's
 * next seq at the previous checkpoint, and `within`, for `settled`: nothing pending is older
 * than `since` nor due after `within` (a one-shot deadline that stays put, such as the GARP
 * round 5 s after a transition, armed just before the checkpoint). Where snapshots are kept is
 * all `settled` decides: a comparison still confirms every jump.
 */
export function fingerprint<R>(w: World<R>, X: Micros, since: number, within: Micros): Mark<R> | null {
  let asleep = 0, oldest = Infinity, last = -Infinity;
  for (const p of w.probes.values()) if (p.asleep !== null) asleep++;
  let live = 0, rel = 0;
  for (const e of w.queue.heap) {
    if (e.cls !== 1 || !entryMatters(w, e)) continue;
    live++;
    if (e.seq < oldest) oldest = e.seq;
    if (e.at > last) last = e.at;
    // A sum of mixed times, not of times: two timers of periods 2 s and 3 s often have equal
    // sums 5 s apart, which nominated a wrong period (and cost two full snapshots) every time.
    rel = (rel + mix(e.at - X)) >>> 0;
  }
  // Clients' ticks and results wait apart (World.clients), as queue entries all the same.
  for (const e of w.clients.heap) {
    if (!entryMatters(w, e)) continue;
    live++;
    if (e.seq < oldest) oldest = e.seq;
    if (e.at > last) last = e.at;
    rel = (rel + mix(e.at - X)) >>> 0;
  }
  for (const h of w.hosts.values()) {
    if (h.frozen) return null;
    for (const d of h.slots) {
      if (d.armed < 0) continue;
      live++;
      if (d.armed < oldest) oldest = d.armed;
      if (d.at > last) last = d.at;
      rel = (rel + mix(d.at - X)) >>> 0;
    }
  }
  const r = w.prng;
  return { at: X, prng0: r[0]!, prng1: r[1]!, prng2: r[2]!, prng3: r[3]!, live, rel, asleep, settled: oldest >= since && last <= within, snap: null };
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
  return !isTimer(e.ev) && !dead(w, e);
}

/** Entries that can never do anything (the checks superseded() makes, without its side effects). */
export function dead<R>(w: World<R>, e: QueueEntry<SimEvent>): boolean {
  const ev = e.ev;
  if (isTimer(ev)) {
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
  return outdated(w, ev, e.seq);
}

export function less(x: QueueEntry<SimEvent>, y: QueueEntry<SimEvent>): number {
  return x.at - y.at || x.cls - y.cls || x.seq - y.seq;
}
