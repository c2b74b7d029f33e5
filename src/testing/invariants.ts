// Properties every keepalived deployment should have under any fault schedule that ends with a
// recovery phase, stated with the bounds of vrrp-timing-and-formal-notes.md: "at most one
// MASTER" is NOT one of them (B3, B5) — two holders are allowed while a fault splits the group
// and for one advert + delay afterwards, and for one frame delay otherwise.
import type { Micros } from '../vrrp/types.js';
import type { InstanceConfig } from '../vrrp/types.js';
import type { SimSpec } from '../../sim/spec.js';
import type { SimResult, TraceEvent } from '../../sim/trace.js';
import { simulate } from '../../sim/simulate.js';
import { formatDuration, formatSeconds } from '../../sim/scenario/duration.js';
import {
  dualHolders, faultAllowanceWindows, length, mergeWindows, outages, subtractWindows, traceIndex, vipHolderSpans, type Window,
} from '../../sim/scenario/analysis.js';
import { deriveBounds, type Bounds } from './bounds.js';
import { at, indexOf, replayOf, visitFrom, type InstanceNow, type Replay } from './sweep.js';

export interface InvariantVerdict {
  readonly ok: boolean;
  /** What was observed, with times, so a failure reads as a finding. */
  readonly detail: string;
}

export type Invariant = (spec: SimSpec, result: SimResult) => InvariantVerdict;

export interface NamedVerdict extends InvariantVerdict {
  readonly name: string;
}

export interface InvariantReport {
  readonly ok: boolean;
  readonly verdicts: readonly NamedVerdict[];
}

const T = formatDuration;
const S = (t: Micros): string => `${formatSeconds(t)}s`;

interface Member {
  readonly node: string;
  readonly group: string;
  readonly config: InstanceConfig;
}

interface Members {
  /** Every configured instance, in configuration order. */
  readonly all: readonly Member[];
  /** The same instances by VRRP group (segment/VRID), groups in order of their first member. */
  readonly groups: readonly { readonly group: string; readonly members: readonly number[] }[];
}

/** The nodes of every schedule explored on one deployment are one array: their members are built once. */
const membersOf = new WeakMap<SimSpec['nodes'], Members>();

function members(spec: SimSpec): Members {
  let m = membersOf.get(spec.nodes);
  if (m === undefined) { m = membersOfNodes(spec); membersOf.set(spec.nodes, m); }
  return m;
}

function membersOfNodes(spec: SimSpec): Members {
  // Keyed like the trace (node + instance) so a repeated name counts once, as it always has.
  const byKey = new Map<string, Member>();
  for (const n of spec.nodes) {
    for (const c of n.router?.instances ?? []) {
      const seg = n.interfaces.find((i) => i.name === c.iface)?.segment ?? '?';
      byKey.set(`${n.name}\u0000${c.name}`, { node: n.name, group: `VRID ${c.vrid} on ${seg}`, config: c });
    }
  }
  const all = [...byKey.values()];
  const groups = new Map<string, number[]>();
  all.forEach((m, i) => {
    const list = groups.get(m.group) ?? [];
    list.push(i);
    groups.set(m.group, list);
  });
  return { all, groups: [...groups].map(([group, ms]) => ({ group, members: ms })) };
}

/** Each member's row index in this run's replay (-1: the run never mentions it). */
const rowIndices = (all: readonly Member[], r: Replay): number[] => all.map((m) => indexOf(r, m.node, m.config.name));

/** The recovery phase is the last timeline instant (0 when the timeline is empty). */
export function lastFaultTime(spec: SimSpec): Micros {
  return spec.timeline.reduce((m, e) => Math.max(m, e.at), 0);
}

const running = (s: InstanceNow | undefined): s is InstanceNow => s !== undefined && s.state !== 'STOP';

function tooShort(spec: SimSpec, result: SimResult, from: Micros, what: string): InvariantVerdict | null {
  if (result.end >= from) return null;
  return { ok: false, detail: `the run ended at ${S(result.end)}, before ${what} could be judged at ${S(from)} (last fault ${S(lastFaultTime(spec))}); run longer` };
}

/**
 * After the last heal: exactly one MASTER per VRID once the configuration's down timer has run
 * out. A preemption after that (preempt_delay, a script rising) leaves two MASTERs for one frame
 * delay (B3), so only a stretch longer than that counts.
 */
export const oneMasterAfterHeal: Invariant = (spec, result) => {
  const b = deriveBounds(spec);
  const from = lastFaultTime(spec) + b.convergence;
  const short = tooShort(spec, result, from, 'convergence');
  if (short !== null) return short;
  const { all, groups } = members(spec);
  const r = replayOf(result.trace);
  const idx = rowIndices(all, r);
  const open = new Map<string, { since: Micros; what: string }>();
  let bad: string | null = null;
  const judge = (group: string, o: { since: Micros; what: string }, until: Micros): void => {
    if (bad === null && until - o.since > 2 * b.maxDelay) {
      bad = `${group}: ${o.what} from ${S(o.since)} for ${T(until - o.since)}, ${T(o.since - lastFaultTime(spec))} after the last fault (bound: one MASTER ${T(b.convergence)} after it)`;
    }
  };
  visitFrom(r, from, (t, row) => {
    for (const { group, members: list } of groups) {
      let live = 0;
      let faulty = 0;
      const ms: string[] = [];
      for (const i of list) {
        const s = at(row, idx[i]!);
        if (!running(s)) continue;
        live++;
        if (s.state === 'MASTER') ms.push(s.node);
        else if (s.state === 'FAULT') faulty++;
      }
      const fine = ms.length === 1 || live === faulty;
      const o = open.get(group);
      if (fine && o !== undefined) { judge(group, o, t); open.delete(group); }
      if (!fine && o === undefined) open.set(group, { since: t, what: ms.length === 0 ? 'no MASTER' : `MASTER on ${ms.join(' and ')}` });
    }
  });
  for (const [group, o] of open) judge(group, o, result.end + 1);
  return bad === null ? { ok: true, detail: `one MASTER per VRID from ${S(from)} on` } : { ok: false, detail: bad };
};

/** Once settled, no healthy BACKUP with preemption allowed has a higher effective priority than the MASTER. */
export const preferredMaster: Invariant = (spec, result) => {
  const b = deriveBounds(spec);
  // A preempt_delay postpones the takeover, which then still waits out its down timer.
  const from = lastFaultTime(spec) + b.convergence + (b.maxPreemptDelay > 0 ? b.maxPreemptDelay + b.convergence : 0);
  const short = tooShort(spec, result, from, 'the preferred MASTER');
  if (short !== null) return short;
  const { all, groups } = members(spec);
  const r = replayOf(result.trace);
  const idx = rowIndices(all, r);
  let bad: string | null = null;
  visitFrom(r, from, (t, row, frozen) => {
    for (const { group, members: list } of groups) {
      let master: InstanceNow | undefined;
      let masters = 0;
      for (const i of list) {
        const s = at(row, idx[i]!);
        if (s?.state === 'MASTER') { master = s; masters++; }
      }
      if (masters !== 1 || master === undefined) continue;
      for (const i of list) {
        const s = at(row, idx[i]!);
        const m = all[i]!;
        if (s?.state === 'BACKUP' && !frozen.has(m.node) && !m.config.nopreempt && s.priority > master.priority) {
          bad = `${group}: MASTER ${master.node} (priority ${master.priority}) at ${S(t)} while ${m.node} is BACKUP with priority ${s.priority} and preempts`;
          return false;
        }
      }
    }
    return true;
  });
  return bad === null ? { ok: true, detail: `the highest preempting priority is MASTER from ${S(from)} on` } : { ok: false, detail: bad };
};

/** A VIP is only ever held by an instance that is MASTER (VIPs are added and removed with the state). */
export const vipsOnlyOnMaster: Invariant = (_spec, result) => {
  const bad = replayOf(result.trace).heldByNonMaster;
  if (bad === null) return { ok: true, detail: 'VIPs only on MASTERs' };
  return { ok: false, detail: `${bad.vip} held by ${bad.node} (${bad.instance}) in state ${bad.state ?? 'unknown'} at ${S(bad.t)}` };
};

/** Windows in which two holders are legitimate: splitting faults and loss, plus one advert + delay after. */
export function dualAllowance(spec: SimSpec, result: SimResult, b: Bounds = deriveBounds(spec)): Window[] {
  const split = faultAllowanceWindows(result.trace, result.end);
  return mergeWindows([...split, ...lossWindows(spec, traceIndex(result.trace).faults, result.end)].map((w) => ({ from: w.from, to: w.to + b.splitGrace })));
}

/** Loss makes a backup miss adverts and take over while the master lives (B4). */
function lossWindows(spec: SimSpec, faults: readonly TraceEvent[], end: Micros): Window[] {
  const rate = new Map(spec.segments.map((s) => [s.name, s.loss]));
  const out: Window[] = [];
  let since: Micros | null = [...rate.values()].some((r) => r > 0) ? 0 : null;
  for (const e of faults) {
    if (e.type !== 'fault' || e.fault.kind !== 'loss') continue;
    const f = e.fault;
    for (const k of rate.keys()) if (f.segment === undefined || f.segment === k) rate.set(k, f.rate);
    const lossy = [...rate.values()].some((r) => r > 0);
    if (lossy && since === null) since = e.t;
    if (!lossy && since !== null) { out.push({ from: since, to: e.t }); since = null; }
  }
  if (since !== null) out.push({ from: since, to: end });
  return out;
}

/**
 * Two holders of one VIP only during a split (plus grace), or for at most a round trip: B3's
 * one frame delay, or two when a MASTER answers a lower advert by "forcing new election".
 */
export const boundedDualMastership: Invariant = (spec, result) => {
  const b = deriveBounds(spec);
  const allowed = dualAllowance(spec, result, b);
  let worst: { vip: string; w: Window; holders: readonly string[] } | null = null;
  for (const [vip, spans] of vipHolderSpans(result.trace, result.end)) {
    for (const s of dualHolders(spans)) {
      for (const w of subtractWindows(s, allowed)) if (worst === null || length(w) > length(worst.w)) worst = { vip, w, holders: s.holders };
    }
  }
  const bound = 2 * b.maxDelay;
  if (worst === null || length(worst.w) <= bound) return { ok: true, detail: `no two holders outside splits for longer than ${T(bound)}` };
  return { ok: false, detail: `${worst.vip} held by ${worst.holders.join(' and ')} for ${T(length(worst.w))} from ${S(worst.w.from)} with no split active (bound: a frame round trip, ${T(bound)})` };
};

/** No VIP stays unheld longer than a down timer while a node that could take it sits healthy in BACKUP. */
export const vipHeldWhileEligible: Invariant = (spec, result) => {
  const b = deriveBounds(spec);
  const bound = b.maxMasterDown + b.maxAdvertInt + 2 * b.maxDelay;
  const { all } = members(spec);
  const spans = vipHolderSpans(result.trace, result.end);
  const r = replayOf(result.trace);
  const idx = rowIndices(all, r);
  // Stretches in which each instance is BACKUP and not frozen: it will take over when its timer runs out.
  const ready: Window[][] = all.map(() => []);
  const since: (Micros | undefined)[] = all.map(() => undefined);
  // A reload (set-priority is a SIGHUP) or a restart re-initialises the instance and restarts its down timer.
  const reloads = new Map<string, Set<Micros>>();
  const reloadTimes = new Set<Micros>();
  for (const e of traceIndex(result.trace).faults) {
    if (!('node' in e.fault) || (e.fault.kind !== 'set-priority' && e.fault.kind !== 'restart' && e.fault.kind !== 'start')) continue;
    const ts = reloads.get(e.fault.node) ?? new Set<Micros>();
    ts.add(e.t);
    reloads.set(e.fault.node, ts);
    reloadTimes.add(e.t);
  }
  for (let k = 0; k < r.times.length; k++) {
    const t = r.times[k]!;
    const row = r.rows[k]!;
    const frozen = r.frozen[k]!;
    // Same instances and frozen nodes as the instant before, no reload: every stretch goes on.
    if (k > 0 && row === r.rows[k - 1] && frozen === r.frozen[k - 1] && !reloadTimes.has(t)) continue;
    for (let i = 0; i < all.length; i++) {
      const s = at(row, idx[i]!);
      const ok = s?.state === 'BACKUP' && !frozen.has(s.node);
      const from = since[i];
      if (ok && from !== undefined && reloads.get(all[i]!.node)?.has(t) === true) {
        ready[i]!.push({ from, to: t });
        since[i] = t;
      }
      if (ok && from === undefined) since[i] = t;
      if (!ok && from !== undefined) {
        ready[i]!.push({ from, to: t });
        since[i] = undefined;
      }
    }
  }
  since.forEach((from, i) => { if (from !== undefined) ready[i]!.push({ from, to: result.end }); });
  let worst: { vip: string; node: string; w: Window } | null = null;
  for (const [vip, ss] of spans) {
    for (const out of outages(ss)) {
      for (let i = 0; i < all.length; i++) {
        const m = all[i]!;
        if (!m.config.vips.includes(vip)) continue;
        for (const r of ready[i]!) {
          const w = { from: Math.max(out.from, r.from), to: Math.min(out.to, r.to) };
          if (w.to > w.from && (worst === null || length(w) > length(worst.w))) worst = { vip, node: m.node, w };
        }
      }
    }
  }
  if (worst === null || length(worst.w) <= bound) return { ok: true, detail: `no VIP unheld for longer than ${T(bound)} while a BACKUP could take it` };
  return { ok: false, detail: `${worst.vip} unheld for ${T(length(worst.w))} from ${S(worst.w.from)} while ${worst.node} was a healthy BACKUP (bound: down timer + advert + delay, ${T(bound)})` };
};

export const INVARIANTS: Readonly<Record<string, Invariant>> = {
  oneMasterAfterHeal,
  preferredMaster,
  vipsOnlyOnMaster,
  boundedDualMastership,
  vipHeldWhileEligible,
};

export function checkInvariants(spec: SimSpec, result: SimResult, only: readonly string[] = Object.keys(INVARIANTS)): InvariantReport {
  const verdicts = only.map((name) => {
    const inv = Object.hasOwn(INVARIANTS, name) ? INVARIANTS[name as keyof typeof INVARIANTS] : undefined;
    if (inv === undefined) throw new Error(`unknown invariant '${name}'; expected one of ${Object.keys(INVARIANTS).join(', ')}`);
    return { name, ...inv(spec, result) };
  });
  return { ok: verdicts.every((v) => v.ok), verdicts };
}

/** Simulates `spec` and judges the run; the result is returned so a failure can be reported. */
export function runWithInvariants(spec: SimSpec, only?: readonly string[]): { readonly result: SimResult; readonly report: InvariantReport } {
  const result = simulate(spec);
  return { result, report: checkInvariants(spec, result, only) };
}

export function formatReport(r: InvariantReport): string {
  return r.verdicts.map((v) => `${v.ok ? 'PASS' : 'FAIL'}  ${v.name} — ${v.detail}`).join('\n');
}
