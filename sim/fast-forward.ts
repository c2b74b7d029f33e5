// Exact fast-forward through steady phases. A run with no fault pending is a deterministic
// function of its state, so if the world at instant X + P is the world at instant X moved P
// later in time, it repeats with period P until something from outside (a timeline fault, the
// end of runUntil) arrives, and the periods in between can be skipped: everything moves n·P
// later, the counters grow by n times what one period added, and the trace gets the period's
// lines n more times. Nothing here knows VRRP: whether the world is periodic is decided from
// its state alone — a PRNG that moved during the period (loss, jitter, a drawn tie), a frozen
// host, a deadline that stays put while time passes (preempt_delay, a GARP refresh, a stopping
// keepalived) or any difference at all means "not periodic", so a feature that adds randomness
// or a pending deadline disables it without knowing about it. One deadline that stays put is
// known here and allowed: a client's ARP entry that no connection confirms (an outage), read
// only by the client's own ticks, so the world repeats up to it (arpDeadlines).
//
// The core's state is opaque here (R), plain immutable data holding absolute times. It is not
// rewritten: the core runs on its own clock, the world's minus `coreOffset` (host.ts), and a
// jump raises the offset, so the core sees the same instant it was at. Comparing two core
// states P apart, each number must be equal or exactly P later; an equal number later than
// the first instant could be a deadline that does not move with the world (an unarmed
// preempt_delay), so it makes the world not periodic. This is safe as long as the core only
// compares its times with `now` or each other (it never reads a clock, types.ts), which is its
// contract.
import { familyOfAddr } from '../src/vrrp/address.js';
import type { Micros, ReceivedAdvert, RouterConfig } from '../src/vrrp/types.js';
import type { QueueEntry } from './queue.js';
import type { TraceEvent } from './trace.js';
import type { FastForwardState, HostState, Mark, ProbeState, SimEvent, Snapshot, World } from './world.js';

const WINDOW = 8;
const MAX_EVERY = 64;
/** How long a new anchor may take to fire again before another timer takes its place. */
const ANCHOR_FIRST_WAIT: Micros = 600_000_000;

export function createFastForward<R>(): FastForwardState<R> {
  return { anchor: null, anchorSeenAt: 0, anchorGap: 0, marks: [], candidate: null, every: 1, skipped: 0, jumps: 0, skippedMicros: 0 };
}

/** Something from outside changed the world: nothing seen so far says how it goes on. */
export function resetFastForward<R>(w: World<R>): void {
  const f = w.ff;
  f.anchor = null;
  f.marks = [];
  f.candidate = null;
  f.every = 1;
  f.skipped = 0;
}

/**
 * Called at the start of instant `top.at` (nothing due then has run yet) when its first entry
 * is a timer. At the anchor's firings it takes a cheap checkpoint (a fingerprint); when one
 * matches an earlier one P before, a full snapshot is taken and compared with the world P
 * later; if that is the same world moved by P, it jumps as many whole periods as fit before
 * `limit` and the next timeline fault. Returns true when it jumped (the queue's top moved).
 * Worlds that are never periodic (a PRNG in use) pay only the fingerprints.
 */
export function maybeFastForward<R>(w: World<R>, top: QueueEntry<SimEvent>, limit: Micros): boolean {
  const ev = top.ev;
  if (ev.kind !== 'timer') return false;
  // Only a timer's own firing is a checkpoint. A dead entry (its host crashed or re-armed it)
  // would never be seen again as anchor, and the world would wait ANCHOR_FIRST_WAIT for
  // nothing; a stand-in keeps a rhythm of its own (see timerEntryMatters).
  if (w.hosts.get(ev.node)!.timers.get(ev.keyId)?.armed !== top.seq || dead(w, top)) return false;
  const f = w.ff;
  const X = top.at;
  if (f.anchor === null || X - f.anchorSeenAt > (f.anchorGap === 0 ? ANCHOR_FIRST_WAIT : 4 * f.anchorGap) || !armed(w, f.anchor)) {
    // No anchor yet, or it stopped firing (its instance changed state, or it was a one-shot
    // timer, not re-armed when it fired): this timer is the new one.
    f.anchor = { node: ev.node, keyId: ev.keyId };
    f.anchorSeenAt = X;
    f.anchorGap = 0;
    f.marks = [];
    f.candidate = null;
    f.every = 1;
    f.skipped = 0;
    return false;
  }
  if (f.anchor.node !== ev.node || f.anchor.keyId !== ev.keyId) return false;
  f.anchorGap = X - f.anchorSeenAt;
  f.anchorSeenAt = X;
  const c = f.candidate;
  if (c !== null && X - c.snap.at >= c.period) {
    f.candidate = null;
    if (X - c.snap.at === c.period) {
      const now = snapshot(w, X);
      const arp = now !== null && samePhase(w, c.snap, now) ? arpDeadlines(w, c.snap, now) : null;
      if (now !== null && arp !== null) {
        let bound = Math.min(limit, arp.until);
        for (const e of w.queue.heap) if (e.cls === 0 && e.at < bound) bound = e.at;
        const n = Math.floor((bound - X) / c.period);
        if (n >= 1) { jump(w, c.snap, now, c.period, n, arp.fixed); return true; }
      }
    }
  }
  if (++f.skipped < f.every) return false;
  f.skipped = 0;
  const mark = fingerprint(w, X);
  if (mark === null) return false;
  if (f.candidate === null) {
    for (let k = f.marks.length - 1; k >= 0; k--) {
      const old = f.marks[k]!;
      if (old.fingerprint !== mark.fingerprint) continue;
      const snap = snapshot(w, X);
      if (snap !== null) f.candidate = { snap, period: X - old.at };
      break;
    }
  }
  f.marks.push(mark);
  if (f.marks.length > WINDOW) {
    f.marks.shift();
    // No repeat within the window: look further apart (a longer period), at less cost.
    if (f.every < MAX_EVERY) f.every *= 2;
  }
  return false;
}

/**
 * A few numbers any two moments one period apart share: the PRNG (a draw during the period
 * means the world is not periodic), the live queue entries' count and summed time to go, the
 * sleeping clients. Cheap (no strings per entry); equal fingerprints only nominate a candidate
 * that full snapshots then confirm or reject. null: not periodic (a frozen host).
 */
function fingerprint<R>(w: World<R>, X: Micros): Mark | null {
  let live = 0, rel = 0;
  for (const e of w.queue.heap) {
    if (e.cls !== 1 || !entryMatters(w, e)) continue;
    live++;
    // A sum of mixed times, not of times: two timers of periods 2 s and 3 s often have equal
    // sums 5 s apart, which nominated a wrong period (and cost two full snapshots) every time.
    rel = (rel + mix(e.at - X)) >>> 0;
  }
  for (const h of w.hosts.values()) {
    for (const d of h.timers.values()) {
      if (d.armed < 0) continue;
      live++;
      rel = (rel + mix(d.at - X)) >>> 0;
    }
  }
  let asleep = 0;
  for (const p of w.probes.values()) if (p.asleep !== null) asleep++;
  for (const h of w.hosts.values()) if (h.frozen) return null;
  const r = w.prng;
  return { at: X, fingerprint: `${r[0]} ${r[1]} ${r[2]} ${r[3]} ${live} ${rel} ${asleep}` };
}

/** A 32-bit hash of an integer (murmur3's finaliser over its two halves); summing these is order-free. */
function mix(t: number): number {
  let x = (t >>> 0) ^ Math.imul(Math.floor(t / 0x1_0000_0000) >>> 0, 0x9e3779b1);
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function samePhase<R>(w: World<R>, a: Snapshot<R>, b: Snapshot<R>): boolean {
  if (a.engine !== b.engine) return false;
  for (let i = 0; i < 4; i++) if (a.prng[i] !== b.prng[i]) return false;
  const P = b.at - a.at;
  const horizon = a.at - w.coreOffset;
  const timeFree = timeFreeObjects(w);
  for (let i = 0; i < a.routers.length; i++) {
    const x = a.routers[i], y = b.routers[i];
    if (x === null || y === null) { if (x !== y) return false; continue; }
    if (!movedBy(x, y, P, horizon, timeFree)) return false;
  }
  return true;
}

/**
 * A client's ARP entry whose times stayed put over the period (no connection confirmed it: the
 * node refuses, or is down) is read only by the client's ticks, as `now < deadline` (its
 * reresolveAt, else confirmed + reachableTime: probe.ts probeTick). Such a world still repeats
 * while every tick falls on the same side of that deadline as the period's did: up to the
 * deadline when it is ahead, for ever when it had passed before the period began. Returns
 * which times stayed put and the instant the jump must not pass; null when a time neither
 * moved by P nor stayed put.
 */
function arpDeadlines<R>(w: World<R>, a: Snapshot<R>, b: Snapshot<R>): { readonly fixed: readonly boolean[]; readonly until: Micros } | null {
  const P = b.at - a.at;
  const fixed: boolean[] = [];
  let until = Infinity;
  for (let i = 0; i < a.arpTimes.length; i += 2) {
    const [c0, r0, c1, r1] = [a.arpTimes[i]!, a.arpTimes[i + 1]!, b.arpTimes[i]!, b.arpTimes[i + 1]!];
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
  }
  return { fixed, until };
}

/**
 * Is `b` the plain data `a` with every time P later? Each number is equal or P more; an equal
 * one must not lie after `horizon` (a deadline that stays put would be reached some time).
 * Objects shared by both are compared too (they may hold such a deadline) unless known to hold
 * no times (configs).
 */
function movedBy(a: unknown, b: unknown, P: number, horizon: number, timeFree: WeakSet<object>): boolean {
  if (typeof a === 'number') {
    if (typeof b !== 'number') return false;
    return a === b ? a <= horizon : b - a === P;
  }
  if (a === b && (typeof a !== 'object' || a === null || timeFree.has(a) || maxNumber(a) <= horizon)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (timeFree.has(a) || timeFree.has(b)) return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!movedBy(a[i], b[i], P, horizon, timeFree)) return false;
    return true;
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    const bi = b.entries();
    for (const [k, v] of a) {
      const n = bi.next();
      if (n.done === true || n.value[0] !== k || !movedBy(v, n.value[1], P, horizon, timeFree)) return false;
    }
    return true;
  }
  if (a instanceof Set) {
    if (!(b instanceof Set) || a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i]) return false;
    if (!movedBy((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], P, horizon, timeFree)) return false;
  }
  return true;
}

/** The largest number inside immutable core data, cached per object (core states are never mutated). */
const maxCache = new WeakMap<object, number>();

function maxNumber(o: object): number {
  const c = maxCache.get(o);
  if (c !== undefined) return c;
  let m = -Infinity;
  const see = (v: unknown): void => {
    if (typeof v === 'number') { if (v > m) m = v; } else if (typeof v === 'object' && v !== null) { const x = maxNumber(v); if (x > m) m = x; }
  };
  if (Array.isArray(o)) for (const v of o) see(v);
  else if (o instanceof Map) for (const [k, v] of o) { see(k); see(v); }
  else if (o instanceof Set) for (const v of o) see(v);
  else for (const v of Object.values(o)) see(v);
  maxCache.set(o, m);
  return m;
}

/**
 * Objects of configs: spec data, durations but never a deadline. Configs are immutable, so an
 * object once seen in one stays time-free; kept across calls like maxCache (rebuilding it at
 * every comparison was a tenth of a study's fast-forward cost).
 */
const timeFree = new WeakSet<object>();

/** Every object of the hosts' current configs (and of configs seen before). */
function timeFreeObjects<R>(w: World<R>): WeakSet<object> {
  const add = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || timeFree.has(v)) return;
    timeFree.add(v);
    for (const x of Object.values(v)) add(x);
  };
  for (const h of w.hosts.values()) if (h.config !== null) add(h.config satisfies RouterConfig);
  return timeFree;
}

function snapshot<R>(w: World<R>, X: Micros): Snapshot<R> | null {
  const engine = canon(w, X);
  if (engine === null) return null;
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

/** The anchor's timer is armed (a one-shot timer is not, once it has fired). */
function armed<R>(w: World<R>, t: { readonly node: string; readonly keyId: string }): boolean {
  return (w.hosts.get(t.node)!.timers.get(t.keyId)?.armed ?? -1) >= 0;
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
function dead<R>(w: World<R>, e: QueueEntry<SimEvent>): boolean {
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
    case 'script': return ev.incarnation !== w.hosts.get(ev.node)!.incarnation;
    case 'start': return w.hosts.get(ev.node)!.pendingStart !== e.seq;
    case 'probeTick': return w.probes.get(ev.probe)!.tickGen !== ev.gen;
    case 'probeConnect':
    case 'probeResult': return ev.attempt !== w.probes.get(ev.probe)!.attempt;
    case 'ndProbe': return w.probes.get(ev.probe)!.arp.get(ev.addr)?.delayAt !== ev.delayAt;
    default: return false;
  }
}

function less(x: QueueEntry<SimEvent>, y: QueueEntry<SimEvent>): number {
  return x.at - y.at || x.cls - y.cls || x.seq - y.seq;
}

/**
 * The engine's part of the world as a string in which two worlds P apart compare equal:
 * times relative to X (a time that must not move is written as itself), a client's attempt
 * numbers relative to its counter, seqs by their rank (only their order and identity matter;
 * new ones are always larger than all). null: not periodic (a frozen host).
 */
function canon<R>(w: World<R>, X: Micros): string | null {
  const live: QueueEntry<SimEvent>[] = [];
  for (const e of w.queue.heap) if (e.cls === 1 && entryMatters(w, e)) live.push(e);
  live.sort(less);
  const seqs: number[] = [];
  for (const e of live) seqs.push(e.seq);
  for (const h of w.hosts.values()) {
    if (h.frozen) return null;
    for (const s of h.timers.values()) if (s.armed >= 0) seqs.push(s.armed);
    if (h.pendingStart !== null) seqs.push(h.pendingStart);
  }
  for (const p of w.probes.values()) {
    seqs.push(p.tickSeq);
    if (p.asleep !== null) seqs.push(p.asleep.seq);
  }
  seqs.sort(ascending);
  const rank = new Map<number, number>();
  for (const s of seqs) if (!rank.has(s)) rank.set(s, rank.size);
  // No closures here: this runs twice per jump, and each closure is an allocation (and, under
  // tsx, a keepNames call) per snapshot.
  const out: string[] = [];
  for (const e of live) out.push(`${e.at - X} ${rank.get(e.seq)} ${eventCanon(w, e.ev, X)}`);
  out.push('#');
  for (const [name, h] of w.hosts) {
    out.push(`${name} ${h.alive} ${h.incarnation} ${h.router === null} ${h.exitsAt === null ? 'n' : h.exitsAt <= X ? 'p' : h.exitsAt - X}`
      + ` ${h.pendingStart === null ? 'n' : rank.get(h.pendingStart)} ${h.inbox.length} ${h.overdue.length}`);
    // Timers as (armed seq, due time): their queue entries are bookkeeping (entryMatters).
    const armedIds: string[] = [];
    for (const s of h.timers.values()) if (s.armed >= 0) armedIds.push(s.id);
    for (const k of armedIds.sort()) { const s = h.timers.get(k)!; out.push(`t ${k} ${rank.get(s.armed)} ${relTo(s.at, X)}`); }
    out.push(`c ${[...h.carrier].join()} s ${[...h.services].join()} r ${[...h.scriptResults].join()}`);
    for (const [vip, v] of h.held) out.push(`h ${vip} ${v.instance} ${v.iface}`);
    for (const [i, v] of h.instances) out.push(`i ${i} ${v.state} ${v.priority}`);
  }
  for (const [name, p] of w.probes) {
    const a = p.asleep;
    // Asleep, a client's fields stay put while time passes and waking reads them as they are.
    out.push(`p ${name} ${a === null ? '-' : `${a.nextTick} ${rank.get(a.seq)} ${a.via} ${a.latency} ${p.attempt}`} ${p.busy} ${p.tickGen} ${a !== null ? p.tickAt : p.tickAt - X} ${rank.get(p.tickSeq)}`
      + ` ${p.last === null ? 'n' : `${p.last.ok} ${p.last.via}`}`);
    // An awake client's ARP times are compared apart (arpDeadlines): they may stay put. A
    // neighbour entry's DELAY time moves with the world (its probes are queued).
    for (const [addr, e] of p.arp) {
      const nd = `${e.stale === true} ${a !== null ? String(e.delayAt ?? null) : relTo(e.delayAt ?? null, X)}`;
      out.push(a !== null ? `a ${addr} ${e.node} ${e.confirmed} ${e.reresolveAt} ${nd}` : `a ${addr} ${e.node} ${e.reresolveAt === null ? 'n' : 'r'} ${nd}`);
    }
  }
  return out.join('\n');
}

function ascending(a: number, b: number): number {
  return a - b;
}

function relTo(t: Micros | null, X: Micros): string {
  return t === null ? 'n' : String(t - X);
}

const advertIds = new WeakMap<object, string>();

function eventCanon<R>(w: World<R>, ev: SimEvent, X: Micros): string {
  switch (ev.kind) {
    case 'timer': return `T ${ev.node} ${ev.keyId} ${ev.incarnation}`;
    case 'deliver': return deliverCanon(ev.node, ev.from, ev.packet);
    case 'script': return `S ${ev.node} ${ev.script} ${ev.ok} ${ev.incarnation}`;
    case 'start': return `s ${ev.node}`;
    case 'probeTick': return `P ${ev.probe} ${ev.gen}`;
    case 'probeConnect': return `C ${ev.probe} ${ev.via} ${ev.started - X} ${ev.attempt - w.probes.get(ev.probe)!.attempt}`;
    case 'probeResult': return `R ${ev.probe} ${ev.ok} ${ev.via} ${ev.reason} ${ev.stale} ${ev.attempt - w.probes.get(ev.probe)!.attempt} ${ev.started - X}`;
    case 'arpReply': return `A ${ev.probe} ${ev.addr} ${ev.node}`;
    case 'garpArrive': return `G ${ev.probe} ${ev.node} ${ev.addrs.join()}`;
    case 'ndProbe': return `N ${ev.probe} ${ev.addr} ${ev.delayAt - X} ${ev.sent}`;
    case 'multicast': return `M ${ev.rx.map((id, r) => deliverCanon(w.hostById[id]!.spec.name, ev.from, ev.inputs[r]!.packet)).join(' ')}`;
    case 'fault': case 'boot': return `F ${JSON.stringify(ev)}`;
  }
}

function deliverCanon(node: string, from: string, k: ReceivedAdvert): string {
  let a = advertIds.get(k.advert);
  if (a === undefined) { a = JSON.stringify(k.advert); advertIds.set(k.advert, a); }
  return `D ${node} ${from} ${k.src} ${k.dst} ${k.ttl} ${k.iface} ${a}`;
}

/** Skips n periods of P: the world at X + n·P, as running them would have left it. */
function jump<R>(w: World<R>, old: Snapshot<R>, now: Snapshot<R>, P: Micros, n: number, arpFixed: readonly boolean[]): void {
  const X = now.at;
  const J = n * P;
  const probes = [...w.probes.values()];
  const attemptStep = new Map<ProbeState, number>();
  probes.forEach((p, i) => attemptStep.set(p, n * (p.attempt - old.attempts[i]!)));
  // The period's trace lines, n more times.
  const period = w.trace.slice(old.traceLen, now.traceLen);
  if (period.length > 0) for (let m = 1; m <= n; m++) for (const e of period) w.trace.push(movedEvent(e, m * P));
  w.stats.events += n * (now.events - old.events);
  w.stats.advertDeliveries += n * (now.deliveries - old.deliveries);
  const heap = w.queue.heap;
  for (let i = 0; i < heap.length; i++) {
    const e = heap[i]!;
    if (e.cls === 0) continue;
    heap[i] = { at: e.at + J, cls: e.cls, seq: e.seq, ev: movedSimEvent(w, e.ev, J, attemptStep) };
  }
  // Timeline faults stayed where they were; every other entry moved by the same amount.
  heap.sort(less);
  for (const h of w.hosts.values()) moveHost(h, X, J);
  let k = 0;
  for (const p of probes) {
    p.attempt += attemptStep.get(p)!;
    if (p.asleep !== null) continue;
    p.tickAt += J;
    for (const e of p.arp.values()) {
      if (!arpFixed[k++]!) e.confirmed += J;
      if (!arpFixed[k++]! && e.reresolveAt !== null) e.reresolveAt += J;
      if (e.delayAt !== undefined && e.delayAt !== null) e.delayAt += J;
    }
  }
  w.coreOffset += J;
  w.now = X + J;
  w.ff.jumps += n;
  w.ff.skippedMicros += J;
  w.ff.marks = [];
  w.ff.candidate = null;
  w.ff.anchorSeenAt = X + J;
}

function moveHost<R>(h: HostState<R>, X: Micros, J: Micros): void {
  if (h.exitsAt !== null && h.exitsAt > X) h.exitsAt += J;
  for (const s of h.timers.values()) {
    if (s.armed >= 0) s.at += J;
    if (s.queuedSeq >= 0) s.queuedAt += J;
  }
}

function movedSimEvent<R>(w: World<R>, ev: SimEvent, J: Micros, attemptStep: ReadonlyMap<ProbeState, number>): SimEvent {
  switch (ev.kind) {
    case 'probeConnect': return { ...ev, started: ev.started + J, attempt: ev.attempt + attemptStep.get(w.probes.get(ev.probe)!)! };
    case 'probeResult': return { ...ev, started: ev.started + J, attempt: ev.attempt + attemptStep.get(w.probes.get(ev.probe)!)! };
    case 'ndProbe': return { ...ev, delayAt: ev.delayAt + J };
    default: return ev;
  }
}

function movedEvent(e: TraceEvent, d: Micros): TraceEvent {
  return e.type === 'probe' ? { ...e, t: e.t + d, sent: e.sent + d } : { ...e, t: e.t + d };
}
