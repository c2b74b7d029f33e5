// The event queue: a binary min-heap keyed by (time, class, seq). `seq` is the insertion
// number, so entries due at one instant come out in a stable order; the engine then lets the
// seeded PRNG permute such a batch (see engine.ts), never the heap itself.
import type { Micros } from '../src/vrrp/types.js';

export interface QueueEntry<E> {
  /** Written only by requeue(), on an entry out of the heap. */
  at: Micros;
  /** 0 = timeline faults and the boot at t = 0 (applied first, in insertion order), 1 = the rest. */
  readonly cls: 0 | 1;
  seq: number;
  readonly ev: E;
}

export interface EventQueue<E> {
  readonly heap: QueueEntry<E>[];
  nextSeq: number;
}

export function createQueue<E>(): EventQueue<E> {
  return { heap: [], nextSeq: 0 };
}

function less<E>(x: QueueEntry<E>, y: QueueEntry<E>): boolean {
  if (x.at !== y.at) return x.at < y.at;
  if (x.cls !== y.cls) return x.cls < y.cls;
  return x.seq < y.seq;
}

/** Inserts and returns the entry's seq (the handle timers use to recognise their own event). */
export function push<E>(q: EventQueue<E>, at: Micros, cls: 0 | 1, ev: E): number {
  return pushWithSeq(q, at, cls, q.nextSeq++, ev);
}

/**
 * Inserts with a seq handed out earlier, so the entry keeps the place among same-instant
 * entries that an entry it stands in for had (a client resuming its ticks, probe.ts).
 */
export function pushWithSeq<E>(q: EventQueue<E>, at: Micros, cls: 0 | 1, seq: number, ev: E): number {
  insert(q, { at, cls, seq, ev });
  return seq;
}

/**
 * Puts an entry popped earlier back with a new time and seq, as pushWithSeq would a new one with
 * its event: no allocation (a timer's stand-in re-queued lives seconds, long enough at 255
 * instances to be promoted if it were new each time).
 */
export function requeue<E>(q: EventQueue<E>, e: QueueEntry<E>, at: Micros, seq: number): void {
  e.at = at;
  e.seq = seq;
  insert(q, e);
}

function insert<E>(q: EventQueue<E>, e: QueueEntry<E>): void {
  const h = q.heap;
  let i = h.length;
  h.push(e);
  while (i > 0) {
    const p = (i - 1) >> 1;
    const parent = h[p]!;
    if (!less(e, parent)) break;
    h[i] = parent;
    i = p;
  }
  h[i] = e;
}

export function peek<E>(q: EventQueue<E>): QueueEntry<E> | undefined {
  return q.heap[0];
}

export function pop<E>(q: EventQueue<E>): QueueEntry<E> | undefined {
  const h = q.heap;
  const top = h[0];
  if (top === undefined) return undefined;
  const last = h.pop()!;
  if (h.length === 0) return top;
  let i = 0;
  const n = h.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && less(h[r]!, h[l]!) ? r : l;
    if (!less(h[c]!, last)) break;
    h[i] = h[c]!;
    i = c;
  }
  h[i] = last;
  return top;
}

export function size<E>(q: EventQueue<E>): number {
  return q.heap.length;
}
