// Fast-forward's bookkeeping, kept on the World (fast-forward.ts says how it is used).
import type { Micros } from '../src/vrrp/types.js';
import type { QueueEntry } from './queue.js';
import type { SimEvent, TimerSlot } from './world.js';

/** One value of an engine record: what canon's string held, one field at a time. */
export type Token = number | string | boolean | null;

/** A cheap checkpoint: what two moments of one period share, to find a candidate period. */
export interface Mark<R = unknown> {
  readonly at: Micros;
  readonly prng0: number;
  readonly prng1: number;
  readonly prng2: number;
  readonly prng3: number;
  /** Live queue entries and armed timers, and their times to go, hashed and summed. */
  readonly live: number;
  readonly rel: number;
  readonly asleep: number;
  /**
   * Whether the world looked settled: everything pending was queued or armed since the last
   * checkpoint and is due within three anchor gaps (fast-forward-compare.ts fingerprint).
   */
  readonly settled: boolean;
  /** The world in full too, kept when it looked settled (fast-forward.ts); null otherwise. */
  snap: Snapshot<R> | null;
}

/** A full checkpoint: the world at the start of an instant, before anything due then ran. */
export interface Snapshot<R> {
  readonly at: Micros;
  /** Everything the engine keeps, times relative to `at`, seqs by rank (fast-forward-compare.ts engineRecord). */
  readonly engine: readonly Token[];
  readonly routers: readonly (R | null)[];
  readonly prng: readonly number[];
  readonly events: number;
  readonly deliveries: number;
  readonly traceLen: number;
  readonly attempts: readonly number[];
  /** Each awake client's ARP entries' confirmed and reresolveAt, in the record's order (arpDeadlines). */
  readonly arpTimes: readonly (Micros | null)[];
  /** Per entry of arpTimes: a neighbour-cache (IPv6) entry, whose times must move with the world. */
  readonly arpNd: readonly boolean[];
}

export interface FastForwardState<R> {
  /** The timer whose firings are the checkpoints (a steady world's phases line up there). */
  anchor: TimerSlot | null;
  anchorSeenAt: Micros;
  anchorGap: Micros;
  /** While the anchor has fired only once: when each other timer last fired at a checkpoint. */
  readonly seen: Map<TimerSlot, Micros>;
  /** Cheap checkpoints since the last fault or jump, oldest first. */
  marks: Mark<R>[];
  /** The queue's next seq at the last checkpoint (or anchor choice, or jump). */
  markSeq: number;
  /** A full checkpoint to compare with the world one candidate period later. */
  candidate: { readonly snap: Snapshot<R>; readonly period: Micros } | null;
  /** Take a checkpoint at every `every`-th anchor firing (doubles while none repeats). */
  every: number;
  skipped: number;
  /** How many periods were skipped in all, and how much virtual time (tests and benches read it). */
  jumps: number;
  skippedMicros: Micros;
  /** Scratch arrays for a record or a comparison, reused so neither allocates per checkpoint. */
  readonly scratch: Scratch;
}

export interface Scratch {
  /** The queue's live entries, sorted. */
  readonly live: QueueEntry<SimEvent>[];
  /** Every seq the record names, sorted and without repeats (a seq's rank is its index). */
  readonly seqs: number[];
  /** The engine's part of the world as tokens (fast-forward-compare.ts walkEngine). */
  readonly tokens: Token[];
  /**
   * Whether the last walk found every sleeping client's seq below all the seqs it ranked (a
   * sleeping client's seq is not ranked: fast-forward-compare.ts walkEngine says why).
   */
  sleepersLowest: boolean;
  /** Each advert's content as one token, made once (adverts are immutable); the world's own, as CoreWalk.maxOf is. */
  readonly advertIds: Map<object, string>;
  readonly core: CoreWalk;
}

/** One comparison of core states (fast-forward-core.ts coreStatesMoved), and what the earlier ones found. */
export interface CoreWalk {
  P: Micros;
  horizon: Micros;
  /** Per host (in host order), the shared objects met so far in walk order, each found to hold no number after `verifiedUpTo`. */
  readonly shared: object[][];
  /** The horizon of the comparison that last used `shared` (none of its objects holds a later number). */
  verifiedUpTo: Micros;
  /** The current host's list, and the position in it. */
  seen: object[];
  next: number;
  /**
   * The largest number inside each shared object met (fast-forward-core.ts maxNumber), and the
   * config objects, which hold none. Per world: a module-wide WeakMap grew with every history
   * of a study until a major GC, and its lookups cost ~0.4 µs each (w19pair).
   */
  readonly maxOf: Map<object, number>;
  readonly timeFree: Set<object>;
}
