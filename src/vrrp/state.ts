// Theory of operation: README.md in this folder; every state change is a row of transitions.ts.
// The core's state: plain immutable data. Instances sit in chunks of INSTANCE_CHUNK; a step
// copies the short outer array and the chunks holding records it changes, and replaces only
// those records, so hosts and property tests can keep every old RouterState. Each instance's
// timer deadline (sands) lives apart from its record, in chunks of numbers of the same shape:
// the steady steps (a backup hearing its master, a master's advert timer) change nothing else.
// The index (RouterIndex) is derived from the config once; its `hot` table (hot.ts) holds the
// receive path's config fields in dense arrays, so an advert reads one record of its instance
// and nothing else of it. A host that keeps only the latest state may step it with stepOwned()
// (owned.ts), which writes a sands chunk in place; step() never does.
import type { InstanceConfig, Ipv4, Micros, RouterConfig, TimerKey, VrrpState } from './types.js';
import type { HotConfig } from './hot.js';

export type ScriptStatus = 'init' | 'ok' | 'failed';

/** One vrrp_script's rise/fall counter (keepalived's `result`, keepalived-state-machine.md §11.3). */
export interface ScriptState {
  readonly status: ScriptStatus;
  readonly result: number;
  /** When the `script` timer next starts a run; null before start and after stop. */
  readonly nextRunAt: Micros | null;
}

export interface GarpRound {
  readonly at: Micros;
  readonly count: number;
}

/** One vrrp_instance at runtime; field names follow keepalived's vrrp_t. */
export interface InstanceState {
  readonly config: InstanceConfig;
  readonly state: VrrpState;
  /** The state this instance would be in ignoring its sync group. */
  readonly wantstate: VrrpState;
  /** Configured priority; only the both-owners conflict lowers it (to 254). */
  readonly basePriority: number;
  readonly totalPriority: number;
  readonly effectivePriority: number;
  /** v3: interval learned from the current master; v2: always advertInt. */
  readonly masterAdverInt: Micros;
  /** keepalived's ms_down_timer; deliberately kept even when it holds a remainder (§6 ignore path). */
  readonly msDownTimer: Micros;
  // keepalived's sands (the instance's single timer) is not here: RouterState.sands, read with sandsAt().
  readonly preemptTime: Micros | null;
  readonly masterSaddr: Ipv4 | null;
  readonly vipset: boolean;
  readonly garpRefreshAt: Micros | null;
  /** Delayed GARP rounds still to send (master entry, lower-priority adverts), earliest first. */
  readonly garpRounds: readonly GarpRound[];
  /** num_script_if_fault: tracked objects currently forcing FAULT. */
  readonly faults: number;
  /** num_script_init: unweighted scripts that have not reported yet. */
  readonly scriptsInit: number;
  /** Last state a notify was emitted for (null = none yet), so silent states stay silent. */
  readonly notified: VrrpState | null;
}

export interface GroupState {
  readonly state: VrrpState;
}

/** Lookups derived from a RouterConfig once; never mutated. */
export interface RouterIndex {
  readonly instanceByName: ReadonlyMap<string, number>;
  /** The receive path's config fields in dense arrays (hot.ts): it looks up every advert here. */
  readonly hot: HotConfig;
  readonly scriptByName: ReadonlyMap<string, number>;
  /** Index into syncGroups per instance, -1 when not in a group. */
  readonly groupOf: readonly number[];
  readonly groupMembers: readonly (readonly number[])[];
  /** Only scripts some instance tracks are run, as keepalived frees unused ones. */
  readonly scriptUsed: readonly boolean[];
  /** Each instance's `instance` timer key, made once: setTimer effects share it (one per advert a backup hears). */
  readonly instanceTimerKeys: readonly TimerKey[];
  /** Each script's `script` timer key, made once: every run of a script re-arms it. */
  readonly scriptTimerKeys: readonly TimerKey[];
}

export type RouterPhase = 'init' | 'running' | 'stopped';

export interface RouterState {
  readonly config: RouterConfig;
  readonly index: RouterIndex;
  readonly phase: RouterPhase;
  /**
   * Instance records in config order, INSTANCE_CHUNK to a chunk: a step that changes one
   * record of many copies its chunk and the outer array, not every record pointer (a flat
   * array made each advert cost O(instances)). Read through instanceAt / instanceList.
   */
  readonly instances: InstanceChunks;
  /**
   * Each instance's single timer (keepalived's `sands`: Master_Down in BACKUP, Adver in MASTER),
   * chunked as `instances`, SANDS_OFF when disabled; read through sandsAt. Kept out of the
   * records because it is all that a steady step changes: at 255 instances a record copied per
   * advert lived about a virtual second, long enough to be promoted (mark-compacts 26 → 12
   * over bench/scale-case.ts 32 255 600; BENCHMARKS.md, issue 16: 255 instances). A chunk of
   * 16 numbers is replaced 16 times as often and dies young.
   */
  readonly sands: SandsChunks;
  readonly scripts: readonly ScriptState[];
  readonly groups: readonly GroupState[];
  /** Carrier per interface; an interface never reported is taken as up. */
  readonly ifaces: ReadonlyMap<string, boolean>;
}

export type InstanceChunks = readonly (readonly InstanceState[])[];
export type SandsChunks = readonly (readonly Micros[])[];

/**
 * A disabled timer in RouterState.sands (null in the API). -Infinity rather than null keeps
 * each chunk an array of unboxed doubles (a null among numbers boxes every time past 2^31 µs),
 * and never reads as a time: no deadline is P after it, so fast-forward's comparison of two
 * states (sim/fast-forward-core.ts) sees an off timer as unmoved, as it saw null.
 */
export const SANDS_OFF = -Infinity;

/**
 * Records per chunk: a step copies at most 16 + ⌈n/16⌉ pointers per chunk it changes (32 for
 * 255 instances), and a router of up to 16 instances pays only a one-pointer outer array more
 * than a flat one (no measurable change at 32 × 16, BENCHMARKS.md issue 16 hot path).
 */
export const INSTANCE_CHUNK = 16;
export const INSTANCE_CHUNK_BITS = 4;

export function toChunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < list.length; k += INSTANCE_CHUNK) out.push(list.slice(k, k + INSTANCE_CHUNK));
  return out;
}

/** Instance #i, or undefined past the end. */
export function instanceAt(chunks: InstanceChunks, i: number): InstanceState | undefined {
  return chunks[i >> INSTANCE_CHUNK_BITS]?.[i & (INSTANCE_CHUNK - 1)];
}

/** Every instance in config order, as one new array (readers outside the hot path). */
export function instanceList(chunks: InstanceChunks): InstanceState[] {
  return chunks.flat();
}

/** Instance #i's timer deadline, null when disabled (or past the end). */
export function sandsAt(router: RouterState, i: number): Micros | null {
  const at = router.sands[i >> INSTANCE_CHUNK_BITS]?.[i & (INSTANCE_CHUNK - 1)];
  return at === undefined || at === SANDS_OFF ? null : at;
}

/** Every sands entry SANDS_OFF, chunked for `count` instances. */
export function sandsOff(count: number): Micros[][] {
  // Pushed rather than new Array(count).fill(): V8 keeps these packed (fill leaves them holey).
  const all: Micros[] = [];
  for (let i = 0; i < count; i++) all.push(SANDS_OFF);
  return toChunks(all);
}

/** The state with instance i's deadline moved: its chunk and the outer array are copies, the rest shared. */
export function withSands(router: RouterState, i: number, at: Micros): RouterState {
  const sands = router.sands.slice();
  const k = i >> INSTANCE_CHUNK_BITS;
  const chunk = sands[k]!.slice();
  chunk[i & (INSTANCE_CHUNK - 1)] = at;
  sands[k] = chunk;
  return withSandsChunks(router, sands);
}

/** The state with these sands chunks, the rest shared. */
export function withSandsChunks(router: RouterState, sands: SandsChunks): RouterState {
  // Spelled out in closeCtx()'s order, so every RouterState has one shape.
  return {
    config: router.config,
    index: router.index,
    phase: router.phase,
    instances: router.instances,
    sands,
    scripts: router.scripts,
    groups: router.groups,
    ifaces: router.ifaces,
  };
}
