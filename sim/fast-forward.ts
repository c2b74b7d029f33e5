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
//
// Finding the period: checkpoints are one timer's firings (the anchor; a steady world's phases
// line up there), each a fingerprint (a few numbers, fast-forward-compare.ts); a fingerprint
// seen again P later nominates P. The world is then compared with a snapshot kept at that
// earlier checkpoint, if the world looked settled there (nothing pending older than the
// checkpoint before it nor due beyond three anchor gaps), or else a snapshot is kept now and
// compared one more period on — the engine's part as a list of tokens
// (fast-forward-compare.ts), the cores' states number by number (fast-forward-core.ts). So after a fault the world is seen twice a period apart once
// it has settled, and that confirms it. Which snapshot is compared never matters for
// exactness: any two instants P apart whose worlds are the same moved by P will do. This file
// decides when, and jumps; the types live in fast-forward-state.ts.
import type { Micros } from '../src/vrrp/types.js';
import { arpDeadlines, fingerprint, less, sameMark, samePhase, snapshot } from './fast-forward-compare.js';
import type { FastForwardState, Mark, Snapshot } from './fast-forward-state.js';
import type { QueueEntry } from './queue.js';
import type { TraceEvent } from './trace.js';
import type { HostState, SimEvent, TimerSlot, World } from './world.js';

const WINDOW = 32;
const MAX_EVERY = 64;
/** How long a new anchor may take to fire again before another timer takes its place. */
const ANCHOR_FIRST_WAIT: Micros = 600_000_000;

export function createFastForward<R>(): FastForwardState<R> {
  return {
    anchor: null, anchorSeenAt: 0, anchorGap: 0, seen: new Map(), marks: [], markSeq: 0, candidate: null, every: 1, skipped: 0, jumps: 0, skippedMicros: 0,
    scratch: { live: [], seqs: [], tokens: [], sleepersLowest: true, advertIds: new Map(), core: { P: 0, horizon: 0, shared: [], verifiedUpTo: 0, seen: [], next: 0, maxOf: new Map(), timeFree: new Set() } },
  };
}

/**
 * Something from outside changed the world: nothing seen so far says how it goes on. The
 * anchor stays (the rules in maybeFastForward replace it if it stops firing): after a fault
 * that leaves its timer's rhythm alone (a backup's crash, a service on a node no client uses)
 * its next firing is already a checkpoint, a period sooner than a new anchor's second firing.
 */
export function resetFastForward<R>(w: World<R>): void {
  const f = w.ff;
  f.marks = [];
  f.candidate = null;
  f.every = 1;
  f.skipped = 0;
}

/**
 * Called at the start of instant `top.at` (nothing due then has run yet) when its first entry
 * is a timer. At the anchor's firings it takes a cheap checkpoint (a fingerprint); when one
 * matches an earlier one P before, the world is compared with that one's full snapshot if it
 * kept one, else a snapshot is taken and compared with the world P later; if that is the same
 * world moved by P, it jumps as many whole periods as fit before `limit` and the next timeline
 * fault. Returns true when it jumped (the queue's top moved).
 * Worlds that are never periodic (a PRNG in use) pay only the fingerprints.
 */
export function maybeFastForward<R>(w: World<R>, top: QueueEntry<SimEvent>, limit: Micros): boolean {
  const ev = top.ev;
  if (ev.kind !== 'timer') return false;
  // Only a timer's own firing is a checkpoint. A dead entry (its host crashed or re-armed it)
  // would never be seen again as anchor, and the world would wait ANCHOR_FIRST_WAIT for
  // nothing; a stand-in keeps a rhythm of its own (see timerEntryMatters).
  // The event's own slot and host number, not lookups by name: this runs at most instants.
  const slot = ev.slot;
  if (slot.armed !== top.seq || ev.incarnation !== w.hostById[ev.host]!.incarnation) return false;
  const f = w.ff;
  const X = top.at;
  if (f.anchor === null || X - f.anchorSeenAt > (f.anchorGap === 0 ? ANCHOR_FIRST_WAIT : 4 * f.anchorGap) || f.anchor.armed < 0) {
    // No anchor yet, or it stopped firing (its instance changed state, or it was a one-shot
    // timer, not re-armed when it fired): this timer is the new one.
    chooseAnchor(w, slot, X);
    return false;
  }
  if (f.anchor !== slot) {
    if (f.anchorGap !== 0) {
      // The anchor missed its beat and is not armed for the next one: a master's advert timer
      // that became a backup's master-down timer, pushed back by every advert, which never
      // fires again. Waiting four of its gaps cost the seed 4 s of simulation after every
      // failback; this timer takes its place now. (One armed a gap after its beat fired
      // unseen: another timer was first at that instant.)
      const beat = f.anchorSeenAt + f.anchorGap;
      if (X > beat && f.anchor.at !== beat + f.anchorGap) chooseAnchor(w, slot, X);
      return false;
    }
    // The anchor has fired once. A timer re-armed for later before it is due (a backup's
    // master-down timer, pushed back by every advert) stays armed and never fires again, and
    // waiting ANCHOR_FIRST_WAIT for it cost the seed's hour 600 s of simulation after its
    // last fault. Another timer seen firing twice takes its place once the anchor has been
    // quiet for four of that timer's gaps (the rule for an anchor whose gap is known).
    const last = f.seen.get(slot);
    if (last === undefined || X - f.anchorSeenAt <= 4 * (X - last)) { f.seen.set(slot, X); return false; }
    chooseAnchor(w, slot, last);
  }
  f.anchorGap = X - f.anchorSeenAt;
  f.anchorSeenAt = X;
  const since = f.markSeq;
  f.markSeq = w.queue.nextSeq;
  const c = f.candidate;
  if (c !== null && X - c.snap.at >= c.period) {
    f.candidate = null;
    if (X - c.snap.at === c.period && tryJump(w, c.snap, X, limit)) return true;
  }
  if (++f.skipped < f.every) return false;
  f.skipped = 0;
  // Due within three gaps: a backup's master-down timer (3 adverts and a skew, re-armed by
  // the last advert) is, a GARP round 5 s after a transition is not, until it has run.
  const mark = fingerprint(w, X, since, X + 3 * f.anchorGap);
  if (mark === null) return false;
  let snap: Snapshot<R> | null = null;
  if (f.candidate === null) {
    for (let k = f.marks.length - 1; k >= 0; k--) {
      const old = f.marks[k]!;
      if (!sameMark(old, mark)) continue;
      // Kept whole P ago: compared now rather than a snapshot now compared one period on.
      if (old.snap !== null && tryJump(w, old.snap, X, limit)) return true;
      // A later checkpoint kept whole comes round again before X + P: that one confirms sooner.
      if (keptAfter(f.marks, k)) break;
      snap = snapshot(w, X);
      if (snap !== null) f.candidate = { snap, period: X - old.at };
      break;
    }
    // A settled world is kept whole so that a later checkpoint matching this one can confirm
    // the period at once: a period sooner after every fault, for a snapshot at the settled
    // checkpoints (one or two per fault) rather than at the first repeat.
    if (snap === null && mark.settled) snap = snapshot(w, X);
  }
  mark.snap = snap;
  f.marks.push(mark);
  if (f.marks.length > WINDOW) {
    f.marks.shift();
    // No repeat within the window: look further apart (a longer period), at less cost.
    if (f.every < MAX_EVERY) f.every *= 2;
  }
  return false;
}

/**
 * If the world at the start of instant X is `old`'s moved X - old.at later (the period P), jumps
 * as many whole periods as fit before `limit`, the next timeline fault and any ARP deadline.
 */
function tryJump<R>(w: World<R>, old: Snapshot<R>, X: Micros, limit: Micros): boolean {
  const P = X - old.at;
  const arp = samePhase(w, old, X) ? arpDeadlines(w, old, X) : null;
  if (arp === null) return false;
  let bound = Math.min(limit, arp.until);
  for (const e of w.queue.heap) if (e.cls === 0 && e.at < bound) bound = e.at;
  const n = Math.floor((bound - X) / P);
  if (n < 1) return false;
  jump(w, old, X, P, n, arp.fixed);
  // Stopped by the end of runUntil only (a progress slice, not a fault or an ARP deadline):
  // the world after the jump is a checkpoint of the same period, so the next runUntil
  // confirms it one period on instead of finding the period again from scratch.
  if (bound === limit) {
    const snap = snapshot(w, w.now);
    if (snap !== null) w.ff.candidate = { snap, period: P };
  }
  return true;
}

function keptAfter<R>(marks: readonly Mark<R>[], k: number): boolean {
  for (let j = k + 1; j < marks.length; j++) if (marks[j]!.snap !== null) return true;
  return false;
}

/** The first trace index a kept checkpoint may still repeat (a streaming trace holds it and what follows). */
export function traceKeepFrom<R>(w: World<R>): number {
  const f = w.ff;
  let from = f.candidate?.snap.traceLen ?? Infinity;
  for (const m of f.marks) if (m.snap !== null && m.snap.traceLen < from) from = m.snap.traceLen;
  return from;
}

/** A new anchor, seen firing at `at`: checkpoints start at its next firing. */
function chooseAnchor<R>(w: World<R>, slot: TimerSlot, at: Micros): void {
  const f = w.ff;
  f.anchor = slot;
  f.anchorSeenAt = at;
  f.anchorGap = 0;
  f.marks = [];
  f.markSeq = w.queue.nextSeq;
  f.candidate = null;
  f.every = 1;
  f.skipped = 0;
  // Clearing a Map gives it a new table even when it is empty (V8), and it mostly is: the
  // line cost ~1 % of a warm pair study (line ticks), 28 anchor choices a pair-year.
  if (f.seen.size !== 0) f.seen.clear();
}

/** Skips n periods of P: the world at X + n·P, as running them would have left it. */
function jump<R>(w: World<R>, old: Snapshot<R>, X: Micros, P: Micros, n: number, arpFixed: readonly boolean[]): void {
  const J = n * P;
  // What a client's attempt counter gains over the skipped periods, by client name.
  const attemptStep = new Map<string, number>();
  let k = 0;
  for (const [name, p] of w.probes) attemptStep.set(name, n * (p.attempt - old.attempts[k++]!));
  // The period's trace lines, n more times.
  if (w.trace.length > old.traceLen) {
    const period = w.trace.slice(old.traceLen, w.trace.length);
    for (let m = 1; m <= n; m++) for (const e of period) w.trace.push(movedEvent(e, m * P));
  }
  w.stats.events += n * (w.stats.events - old.events);
  w.stats.advertDeliveries += n * (w.stats.advertDeliveries - old.deliveries);
  const heap = w.queue.heap;
  for (let i = 0; i < heap.length; i++) {
    const e = heap[i]!;
    if (e.cls === 0) continue;
    heap[i] = { at: e.at + J, cls: e.cls, seq: e.seq, ev: movedSimEvent(e.ev, J, attemptStep) };
  }
  // Timeline faults stayed where they were; every other entry moved by the same amount.
  heapify(heap);
  // Clients' ticks and results wait apart (World.clients): all move, so their heap stays one.
  const clients = w.clients.heap;
  for (let i = 0; i < clients.length; i++) {
    const e = clients[i]!;
    clients[i] = { at: e.at + J, cls: e.cls, seq: e.seq, ev: movedSimEvent(e.ev, J, attemptStep) };
  }
  for (const h of w.hosts.values()) moveHost(h, X, J);
  k = 0;
  for (const [name, p] of w.probes) {
    p.attempt += attemptStep.get(name)!;
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
  w.ff.markSeq = w.queue.nextSeq;
  w.ff.candidate = null;
  w.ff.anchorSeenAt = X + J;
}

/**
 * Restores the queue's heap order (Floyd's bottom-up build, linear) after the moved entries
 * passed timeline faults that stayed. The queue pops by (time, class, seq), which no two live
 * entries share, so any heap of the same entries pops in the same order; sorting the whole
 * queue, a year of sampled faults in a study, was most of a jump.
 */
function heapify(h: QueueEntry<SimEvent>[]): void {
  const n = h.length;
  for (let i = (n >> 1) - 1; i >= 0; i--) {
    const e = h[i]!;
    let j = i;
    for (;;) {
      const l = 2 * j + 1;
      if (l >= n) break;
      const c = l + 1 < n && less(h[l + 1]!, h[l]!) < 0 ? l + 1 : l;
      if (less(h[c]!, e) >= 0) break;
      h[j] = h[c]!;
      j = c;
    }
    h[j] = e;
  }
}

function moveHost<R>(h: HostState<R>, X: Micros, J: Micros): void {
  if (h.exitsAt !== null && h.exitsAt > X) h.exitsAt += J;
  for (const s of h.slots) {
    if (s.armed >= 0) s.at += J;
    if (s.queuedSeq >= 0) s.queuedAt += J;
  }
}

function movedSimEvent(ev: SimEvent, J: Micros, attemptStep: ReadonlyMap<string, number>): SimEvent {
  switch (ev.kind) {
    case 'probeConnect': return { ...ev, started: ev.started + J, attempt: ev.attempt + attemptStep.get(ev.probe)! };
    case 'probeResult': return { ...ev, started: ev.started + J, attempt: ev.attempt + attemptStep.get(ev.probe)! };
    case 'ndProbe': return { ...ev, delayAt: ev.delayAt + J };
    default: return ev;
  }
}

function movedEvent(e: TraceEvent, d: Micros): TraceEvent {
  return e.type === 'probe' ? { ...e, t: e.t + d, sent: e.sent + d } : { ...e, t: e.t + d };
}
