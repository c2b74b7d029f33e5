// Comparing the cores' states of two instants P apart (fast-forward-compare.ts samePhase). A
// core state is opaque here: plain immutable data holding absolute times, walked number by
// number. States both instants share (most of one, between two adverts) are not walked again:
// only their largest number is needed, cached per object.
import type { Micros, RouterConfig } from '../src/vrrp/types.js';
import type { CoreWalk } from './fast-forward-state.js';
import type { World } from './world.js';

/** Entries of a world's largest-number cache (CoreWalk.maxOf) before it is emptied; a pair-year meets a few hundred. */
const MAX_CACHED = 1 << 14;

/**
 * Is every host's core state now the one kept (`was`, in host order) with every time P later?
 * An equal time must not lie after `horizon`, the first instant on the core's clock.
 */
export function coreStatesMoved<R>(w: World<R>, was: readonly (R | null)[], P: Micros, horizon: Micros): boolean {
  const c = w.ff.scratch.core;
  // The caches hold what they met (a WeakMap let the GC drop it): bounded, for a long run whose
  // comparisons keep meeting new objects. Dropping them only costs walks again; configs are
  // marked again just below, before any record is walked.
  if (c.maxOf.size > MAX_CACHED) { c.maxOf.clear(); c.timeFree.clear(); }
  for (const h of w.hosts.values()) if (h.config !== null) markTimeFree(h.config satisfies RouterConfig, c);
  c.P = P;
  c.horizon = horizon;
  // The objects remembered were found within some earlier horizon. Horizons grow (the core's
  // clock never goes back, a jump stops it), except when a snapshot kept at an earlier
  // checkpoint is compared after a later one was: then they say nothing, and are forgotten.
  if (horizon < c.verifiedUpTo) { for (const l of c.shared) l.length = 0; }
  c.verifiedUpTo = horizon;
  let i = 0;
  for (const h of w.hosts.values()) {
    const x = was[i], y = h.router;
    // Each host's shared objects in a list of its own: a host that crashed or restarted does
    // not shift the others' positions.
    c.seen = c.shared[i] ??= [];
    c.next = 0;
    i++;
    if (x === null || y === null) { if (x !== y) return false; continue; }
    if (!movedBy(x, y, c)) return false;
  }
  return true;
}

/**
 * Is `b` the plain data `a` with every time P later? Each number is equal or P more; an equal
 * one must not lie after `horizon` (a deadline that stays put would be reached some time).
 * Objects shared by both are compared too (they may hold such a deadline) unless known to hold
 * no times (configs, whose largest number is cached as -Infinity); two configs must be one.
 */
function movedBy(a: unknown, b: unknown, c: CoreWalk): boolean {
  if (typeof a === 'number') {
    if (typeof b !== 'number') return false;
    return a === b ? a <= c.horizon : b - a === c.P;
  }
  if (typeof a !== 'object' || a === null) return a === b;
  if (a === b) {
    // The comparisons of one world meet the same shared objects (configs, indexes, unchanged
    // records) in the same order, and one found within an earlier horizon no later than this
    // one (coreStatesMoved) is within this one: a pointer comparison instead of a cache
    // lookup each.
    const seen = c.seen;
    if (seen[c.next] === a) { c.next++; return true; }
    // An empty list holds no time: most misses were new ones (a record's `[]`), each a cache entry.
    if (Array.isArray(a) && a.length === 0) return true;
    if (maxNumber(a, c.maxOf) > c.horizon) return false;
    seen[c.next++] = a;
    return true;
  }
  if (typeof b !== 'object' || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!movedBy(a[i], b[i], c)) return false;
    return true;
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    const bi = b.entries();
    for (const [k, v] of a) {
      const n = bi.next();
      if (n.done === true || n.value[0] !== k || !movedBy(v, n.value[1], c)) return false;
    }
    return true;
  }
  if (a instanceof Set) {
    if (!(b instanceof Set) || a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
  }
  if (b instanceof Map || b instanceof Set || Array.isArray(b)) return false;
  // for-in rather than two Object.keys arrays per record (allocations were a third of the
  // comparison). Both must have the same keys: as many, each of a's in b; their order is not
  // compared, which is exact because the core never enumerates its records' keys (it reads
  // fields by name; no Object.keys, for-in or JSON of its state in src/vrrp).
  const x = a as Record<string, unknown>, y = b as Record<string, unknown>;
  // Two configs (a reload): their durations are no times that move, so they must be the same object.
  if (c.timeFree.has(x) || c.timeFree.has(y)) return false;
  let n = 0;
  for (const k in x) {
    n++;
    const v = x[k];
    if (v === undefined && !(k in y)) return false;
    if (!movedBy(v, y[k], c)) return false;
  }
  for (const _ in y) n--;
  return n === 0;
}

/**
 * The largest number inside immutable core data, cached per object met shared (core states
 * are never mutated); -Infinity for config objects (markTimeFree), which hold durations, never
 * a deadline. What lies inside is walked, not cached: every keepalived start builds a new
 * index, and a cache entry for each of its objects cost more than walking them again. The
 * cache is the world's (CoreWalk.maxOf), kept for its comparisons and dropped with it.
 */
function maxNumber(o: object, cache: Map<object, number>): number {
  const c = cache.get(o);
  if (c !== undefined) return c;
  const m = maxInside(o, cache);
  cache.set(o, m);
  return m;
}

function maxInside(o: object, cache: Map<object, number>): number {
  // No closure: one per call was an allocation (and, under tsx, a keepNames call) per object.
  let m = -Infinity;
  if (Array.isArray(o)) for (const v of o) m = maxWith(m, v, cache);
  else if (o instanceof Map) for (const [k, v] of o) m = maxWith(maxWith(m, k, cache), v, cache);
  else if (o instanceof Set) for (const v of o) m = maxWith(m, v, cache);
  else for (const k in o) m = maxWith(m, (o as Record<string, unknown>)[k], cache);
  return m;
}

function maxWith(m: number, v: unknown, cache: Map<object, number>): number {
  if (typeof v === 'number') return v > m ? v : m;
  if (typeof v === 'object' && v !== null) { const x = cache.get(v) ?? maxInside(v, cache); return x > m ? x : m; }
  return m;
}

/**
 * Marks every object of a config as holding no time: spec data, durations but never a
 * deadline. Configs are immutable, so an object once seen in one stays time-free; the mark is
 * kept across a world's comparisons (rebuilding it at every comparison was a tenth of a study's
 * fast-forward cost). A config object whose largest number was cached before it was marked
 * (inside a record walked earlier) keeps that number in its parents' cache, which can only
 * make a comparison stricter.
 */
function markTimeFree(v: unknown, c: CoreWalk): void {
  if (typeof v !== 'object' || v === null || c.timeFree.has(v)) return;
  c.timeFree.add(v);
  c.maxOf.set(v, -Infinity);
  for (const x of Object.values(v)) markTimeFree(x, c);
}
