// The working context of one step: copied arrays the step may replace records in, the
// effects it has emitted so far, and small emitters every rule shares.
import type { Advert, Effect, Ipv4, Micros, RouterConfig, VrrpState } from './types.js';
import type { GroupState, InstanceChunks, InstanceState, RouterIndex, RouterState, SandsChunks, ScriptState } from './state.js';
import { INSTANCE_CHUNK, INSTANCE_CHUNK_BITS, SANDS_OFF, instanceAt } from './state.js';
import { masterDownInterval } from './timers.js';

export interface Ctx {
  readonly now: Micros;
  readonly config: RouterConfig;
  readonly index: RouterIndex;
  /** How many instances (config order; inst(ctx, 0 .. count - 1)). */
  readonly count: number;
  /**
   * The router's own chunks until the first put() copies the outer array (most adverts change
   * one instance of many); a chunk is copied by the first put() into it.
   */
  chunks: InstanceChunks;
  chunksCopied: boolean;
  /**
   * Chunks copied during this step, one bit each (records may be replaced in them in place);
   * chunks past the 30th are copied again by every put() that is not in place, which only
   * routers of over 480 instances can meet.
   */
  freshChunks: number;
  /** The chunks the step started from: a record not found there was made by this step. */
  readonly orig: InstanceChunks;
  /** RouterState.sands, copied as `chunks` are: the outer array by the first write, a chunk by the first write into it. */
  sands: SandsChunks;
  sandsCopied: boolean;
  /** Sands chunks copied during this step, one bit each, as freshChunks. */
  freshSands: number;
  /** The router's own arrays until putGroup()/putScript() copies them (most steps change neither). */
  groups: readonly GroupState[];
  groupsCopied: boolean;
  scripts: readonly ScriptState[];
  scriptsCopied: boolean;
  ifaces: ReadonlyMap<string, boolean>;
  readonly effects: Effect[];
}

/**
 * The one Ctx constructor, so every Ctx has one shape. Positional rather than an options
 * object: openCtx runs once per step, and V8 did not fold an init object away.
 * `owned`: chunks, sands, groups and scripts are new arrays this step owns (a reload builds them).
 */
export function newCtx(
  now: Micros, config: RouterConfig, index: RouterIndex, chunks: InstanceChunks, sands: SandsChunks, owned: boolean,
  groups: readonly GroupState[], scripts: readonly ScriptState[], ifaces: ReadonlyMap<string, boolean>, effects: Effect[],
): Ctx {
  return {
    now,
    config,
    index,
    count: config.instances.length,
    chunks,
    chunksCopied: owned,
    freshChunks: owned ? -1 : 0,
    orig: owned ? [] : chunks,
    sands,
    sandsCopied: owned,
    freshSands: owned ? -1 : 0,
    groups,
    groupsCopied: owned,
    scripts,
    scriptsCopied: owned,
    ifaces,
    effects,
  };
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function inst(ctx: Ctx, i: number): InstanceState {
  const v = ctx.chunks[i >> INSTANCE_CHUNK_BITS]?.[i & (INSTANCE_CHUNK - 1)];
  if (v === undefined) throw new Error(`vrrp core: no instance #${i}`);
  return v;
}

/**
 * Instance i's record to write fields into. The first call in a step copies the record; later
 * ones return that copy, which no caller has seen yet, so old states stay untouched without
 * repeated copying. The receive and timer paths write through it field by field: a patch
 * object per write, merged by Object.assign, was the top frame of the delivery profile.
 */
export function own(ctx: Ctx, i: number): Mutable<InstanceState> {
  const cur = inst(ctx, i);
  if (cur !== instanceAt(ctx.orig, i)) return cur as Mutable<InstanceState>;
  const v = copyInstance(cur);
  if (!ctx.chunksCopied) {
    ctx.chunks = ctx.chunks.slice();
    ctx.chunksCopied = true;
  }
  const c = i >> INSTANCE_CHUNK_BITS;
  const chunks = ctx.chunks as InstanceState[][];
  const bit = c < 30 ? 1 << c : 0;
  if ((ctx.freshChunks & bit) === 0) {
    chunks[c] = chunks[c]!.slice();
    ctx.freshChunks |= bit;
  }
  chunks[c]![i & (INSTANCE_CHUNK - 1)] = v;
  return v;
}

/** Update instance i (see own()). */
export function put(ctx: Ctx, i: number, patch: Partial<InstanceState>): InstanceState {
  return Object.assign(own(ctx, i), patch);
}

/**
 * A field-by-field copy: V8 builds this literal with one fixed shape, several times faster than
 * a spread (the first put of every step goes through here). The type makes a new field of
 * InstanceState a compile error here rather than a silently dropped value.
 */
export function copyInstance(v: InstanceState): Mutable<InstanceState> {
  return {
    config: v.config,
    state: v.state,
    wantstate: v.wantstate,
    basePriority: v.basePriority,
    totalPriority: v.totalPriority,
    effectivePriority: v.effectivePriority,
    masterAdverInt: v.masterAdverInt,
    msDownTimer: v.msDownTimer,
    preemptTime: v.preemptTime,
    masterSaddr: v.masterSaddr,
    vipset: v.vipset,
    garpRefreshAt: v.garpRefreshAt,
    garpRounds: v.garpRounds,
    faults: v.faults,
    scriptsInit: v.scriptsInit,
    notified: v.notified,
  };
}

/** N·Master_Adver_Interval + Skew_Time at the instance's current priority. */
export function fullDownTimer(v: InstanceState): Micros {
  return masterDownInterval(v.config.version, v.effectivePriority, v.masterAdverInt, v.config.downTimerAdverts);
}

/** Instance i's timer deadline (RouterState.sands), null when disabled. */
export function sandsOf(ctx: Ctx, i: number): Micros | null {
  const at = ctx.sands[i >> INSTANCE_CHUNK_BITS]![i & (INSTANCE_CHUNK - 1)]!;
  return at === SANDS_OFF ? null : at;
}

/** Arm or disarm the instance timer; `force` re-arms after the host consumed a firing. */
export function setSands(ctx: Ctx, i: number, at: Micros | null, force = false): void {
  const next = at === null ? SANDS_OFF : at;
  const c = i >> INSTANCE_CHUNK_BITS;
  if (ctx.sands[c]![i & (INSTANCE_CHUNK - 1)] === next && !force) return;
  // Copy on first write, as own() does for records: the outer array once a step, a chunk once.
  // Spelled out here rather than shared with own(): each store site then sees one elements
  // kind (records are objects, deadlines unboxed doubles), which one generic writer would mix.
  if (!ctx.sandsCopied) {
    ctx.sands = ctx.sands.slice();
    ctx.sandsCopied = true;
  }
  const sands = ctx.sands as Micros[][];
  const bit = c < 30 ? 1 << c : 0;
  if ((ctx.freshSands & bit) === 0) {
    sands[c] = sands[c]!.slice();
    ctx.freshSands |= bit;
  }
  sands[c]![i & (INSTANCE_CHUNK - 1)] = next;
  const key = ctx.index.instanceTimerKeys[i]!;
  ctx.effects.push(at === null ? { type: 'cancelTimer', key } : { type: 'setTimer', key, at });
}

/** One advert per unicast peer in config order, or one to the multicast group with TTL 255. */
export function sendAdverts(ctx: Ctx, i: number, priority: number): void {
  const c = inst(ctx, i).config;
  const advert: Advert = {
    version: c.version,
    vrid: c.vrid,
    priority,
    advertInt: c.advertInt,
    vips: c.vips,
    auth: c.version === 2 ? c.auth : { type: 'none' },
  };
  // Literals rather than spreads of a shared base: one per advert sent, millions per run.
  if (c.unicastPeers.length === 0) {
    ctx.effects.push({ type: 'sendAdvert', instance: c.name, iface: c.iface, src: c.srcAddr, advert, dst: c.mcastGroup, ttl: 255 });
    return;
  }
  for (const peer of c.unicastPeers) {
    ctx.effects.push({ type: 'sendAdvert', instance: c.name, iface: c.iface, src: c.srcAddr, advert, dst: peer, ttl: c.unicastTtl });
  }
}

export function garp(ctx: Ctx, i: number, addrs: readonly Ipv4[], count: number): void {
  if (count <= 0 || addrs.length === 0) return;
  const c = inst(ctx, i).config;
  ctx.effects.push({ type: 'garp', instance: c.name, iface: c.iface, addrs, count });
}

export function allVips(v: InstanceState): readonly Ipv4[] {
  return v.config.excludedVips.length === 0 ? v.config.vips : [...v.config.vips, ...v.config.excludedVips];
}

/** Change state with a trace line; does not notify (callers decide, as keepalived does). */
export function enterState(ctx: Ctx, i: number, to: VrrpState, reason: string): void {
  const v = inst(ctx, i);
  const from = v.state;
  if (from === to) return;
  put(ctx, i, { state: to });
  ctx.effects.push({ type: 'transition', instance: v.config.name, from, to, priority: v.effectivePriority, reason });
}

/**
 * send_instance_notifies(): once per entered state, and not at all for a member that has
 * notified before and merely joined the state its sync group is already in.
 */
export function notifyInstance(ctx: Ctx, i: number): void {
  const v = inst(ctx, i);
  if (v.notified === v.state) return;
  const g = groupOf(ctx, i);
  if (v.notified !== null && g >= 0 && ctx.groups[g]?.state === v.state) return;
  put(ctx, i, { notified: v.state });
  ctx.effects.push({ type: 'notify', scope: 'INSTANCE', name: v.config.name, state: v.state, priority: v.effectivePriority });
}

export function setGroupState(ctx: Ctx, g: number, state: VrrpState): void {
  const cur = ctx.groups[g];
  const cfg = ctx.config.syncGroups[g];
  if (cur === undefined || cfg === undefined || cur.state === state) return;
  putGroup(ctx, g, { state });
  ctx.effects.push({ type: 'notify', scope: 'GROUP', name: cfg.name, state, priority: 0 });
}

export function groupOf(ctx: Ctx, i: number): number {
  return ctx.index.groupOf[i] ?? -1;
}

export function groupMembers(ctx: Ctx, g: number): readonly number[] {
  return ctx.index.groupMembers[g] ?? [];
}

/** Replace sync group g's state; the first write of a step copies the array (old states keep theirs). */
export function putGroup(ctx: Ctx, g: number, v: GroupState): void {
  if (ctx.groups[g] === v) return;
  if (!ctx.groupsCopied) { ctx.groups = ctx.groups.slice(); ctx.groupsCopied = true; }
  (ctx.groups as GroupState[])[g] = v;
}

/** Replace script k's state, copying the array on the step's first write. */
export function putScript(ctx: Ctx, k: number, v: ScriptState): void {
  if (ctx.scripts[k] === v) return;
  if (!ctx.scriptsCopied) { ctx.scripts = ctx.scripts.slice(); ctx.scriptsCopied = true; }
  (ctx.scripts as ScriptState[])[k] = v;
}

export function openCtx(router: RouterState, now: Micros, effects: Effect[] = []): Ctx {
  return newCtx(now, router.config, router.index, router.instances, router.sands, false, router.groups, router.scripts, router.ifaces, effects);
}

export function closeCtx(router: RouterState, ctx: Ctx, phase: RouterState['phase'] = router.phase): RouterState {
  // Spelled out rather than spread: this runs once per step, millions of times per simulation.
  return {
    config: ctx.config,
    index: ctx.index,
    phase,
    instances: ctx.chunks,
    sands: ctx.sands,
    scripts: ctx.scripts,
    groups: ctx.groups,
    ifaces: ctx.ifaces,
  };
}

