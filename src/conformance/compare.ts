// Simulated trace vs real trace. Transitions are matched per (node, instance) in order (an
// alignment that prefers pairing equal target states and, among those, the smallest time
// error); transitions of different instances are never ordered against each other, so
// simultaneous transitions may appear in either order. Timer-driven transitions must agree
// within a fixed tolerance; check-driven ones within one check interval plus the script's
// runtime, because the real scripts' phase is not the simulator's.
import type { SimSpec } from '../../sim/spec.js';
import type { TraceEvent } from '../../sim/trace.js';
import type { Micros } from '../vrrp/types.js';

export type StateEvent = Extract<TraceEvent, { type: 'state' }>;

export interface Tolerances {
  /** Timer-driven transitions (master-down, preemption, prio-0 skew). */
  readonly timer: Micros;
  /** Transitions that follow a script result. */
  readonly check: Micros;
  /**
   * Transitions that follow a carrier change: Linux reports carrier loss through linkwatch,
   * which batches non-urgent events for up to a second (observed 140-500 ms on veths here).
   */
  readonly carrier: Micros;
  /** A transition is check-driven if a script or priority event happened this long before it. */
  readonly checkWindow: Micros;
  /** Longest transition pairing considered (beyond it: one missing + one extra). */
  readonly pairWindow: Micros;
}

export const TIMER_TOLERANCE: Micros = 50_000;

/**
 * keepalived re-arms a MASTER's advert timer from the time its loop woke and sent, not from the
 * deadline (vrrp_scheduler.c vrrp_init_instance_sands(): sands = time_now + adver_int after
 * set_time_now()), so every advert cycle adds the host's wake-up latency and a long real run
 * drifts late against the simulator's exact periods (measured here: about 1.2 ms per 1 s cycle,
 * so a 48 s run ends some 60 ms late). The drift of a run is measured (driftOf) and allowed
 * for up to this rate, 2 ms a second; a larger one is a disagreement like any other.
 */
export const MAX_DRIFT = 0.002;
/** Transitions this early say nothing about a rate. */
const DRIFT_FROM: Micros = 5_000_000;
/** The kernel's linkwatch may hold a carrier event for up to one second (net/core/link_watch.c). */
export const LINKWATCH_DELAY: Micros = 1_000_000;

/**
 * Tolerances for a spec: `startLatency` is how long real keepalived took from spawn to its
 * first state report; every timer on that node starts that much late, so it widens both.
 */
export function tolerancesFor(spec: SimSpec, startLatency: Micros = 0): Tolerances {
  let maxInterval = 0;
  let maxRuntime = 0;
  let maxDown = 0;
  for (const n of spec.nodes) {
    for (const s of n.router?.scripts ?? []) maxInterval = Math.max(maxInterval, s.interval);
    if ((n.router?.scripts.length ?? 0) > 0) maxRuntime = Math.max(maxRuntime, n.scriptRuntime);
    for (const i of n.router?.instances ?? []) maxDown = Math.max(maxDown, i.downTimerAdverts * i.advertInt + i.advertInt + i.preemptDelay);
  }
  const timer = TIMER_TOLERANCE + startLatency;
  return {
    timer,
    check: timer + maxInterval + maxRuntime,
    carrier: timer + LINKWATCH_DELAY,
    checkWindow: maxDown + maxInterval + maxRuntime,
    pairWindow: Math.max(2_000_000, 2 * (timer + LINKWATCH_DELAY), 4 * (timer + maxInterval + maxRuntime)),
  };
}

export interface MatchedTransition {
  readonly node: string;
  readonly instance: string;
  readonly sim: StateEvent;
  readonly real: StateEvent;
  /** real.t − sim.t */
  readonly error: Micros;
  readonly tolerance: Micros;
  readonly checkDriven: boolean;
  readonly carrierDriven: boolean;
  readonly withinTolerance: boolean;
  /** The `from` differs (the real side infers it from the previous report): shown, not failed. */
  readonly fromDiffers: boolean;
}

export type Row =
  | ({ readonly kind: 'matched' } & MatchedTransition)
  | { readonly kind: 'missing'; readonly node: string; readonly instance: string; readonly sim: StateEvent }
  | { readonly kind: 'extra'; readonly node: string; readonly instance: string; readonly real: StateEvent }
  /**
   * A transition undone within the timer tolerance (two equal-priority backups firing together,
   * the loser yielding one frame later) that the other side does not have: who fires first is
   * decided below the tolerance, so it is shown and not counted.
   */
  | { readonly kind: 'blip'; readonly node: string; readonly instance: string; readonly side: 'sim' | 'real'; readonly first: StateEvent; readonly second: StateEvent };

export interface OwnershipDisagreement {
  /** A VIP, or an instance name when ownership is read from MASTER states. */
  readonly subject: string;
  readonly from: Micros;
  readonly to: Micros;
  readonly sim: readonly string[];
  readonly real: readonly string[];
}

export interface Ownership {
  readonly basis: 'vip' | 'state';
  /** Disagreements longer than the timer tolerance. */
  readonly disagreements: readonly OwnershipDisagreement[];
  /** Total time over all subjects where the holders differ (all disagreements, short ones too). */
  readonly totalDisagreement: Micros;
}

export interface Comparison {
  readonly verdict: 'agree' | 'differ';
  readonly rows: readonly Row[];
  readonly matched: number;
  readonly missing: number;
  readonly extra: number;
  readonly outOfTolerance: number;
  readonly maxAbsError: Micros;
  readonly ownership: Ownership;
  readonly tolerances: Tolerances;
  readonly end: Micros;
  /** How late real timers ran per unit of elapsed time (driftOf), allowed for in each tolerance. */
  readonly drift: number;
}

/**
 * The real run's drift: the median of error / time over timer-driven matched transitions after
 * DRIFT_FROM (a median, so one transition that is really late does not excuse itself), kept to
 * [0, MAX_DRIFT]; 0 with fewer than three of them.
 */
export function driftOf(rows: readonly MatchedTransition[]): number {
  const rates = rows.filter((r) => !r.checkDriven && !r.carrierDriven && r.sim.t >= DRIFT_FROM)
    .map((r) => r.error / r.sim.t).sort((a, b) => a - b);
  if (rates.length < 3) return 0;
  const mid = rates.length >> 1;
  const median = rates.length % 2 === 1 ? rates[mid]! : (rates[mid - 1]! + rates[mid]!) / 2;
  return Math.min(MAX_DRIFT, Math.max(0, median));
}

const keyOf = (e: { node: string; instance: string }): string => `${e.node}\u0000${e.instance}`;

function groupStates(trace: readonly TraceEvent[]): Map<string, StateEvent[]> {
  const m = new Map<string, StateEvent[]>();
  for (const e of trace) {
    if (e.type !== 'state') continue;
    const k = keyOf(e);
    const list = m.get(k) ?? [];
    list.push(e);
    m.set(k, list);
  }
  for (const list of m.values()) list.sort((a, b) => a.t - b.t);
  return m;
}

function isCarrierDriven(e: StateEvent, sim: readonly TraceEvent[], tol: Tolerances): boolean {
  return sim.some((x) => x.type === 'fault' && (x.fault.kind === 'link-down' || x.fault.kind === 'link-up') && x.t <= e.t && x.t >= e.t - tol.checkWindow);
}

function isCheckDriven(e: StateEvent, sim: readonly TraceEvent[], tol: Tolerances): boolean {
  if (/script|check/i.test(e.reason)) return true;
  return sim.some((x) => (x.type === 'script' || x.type === 'priority') && x.t <= e.t && x.t >= e.t - tol.checkWindow);
}

/** In-order alignment: minimal unmatched count, then minimal total normalised time error. */
function align(s: readonly StateEvent[], r: readonly StateEvent[], window: Micros): Array<[number | null, number | null]> {
  const n = s.length;
  const m = r.length;
  const GAP = 1;
  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const at = (i: number, j: number): number => cost[i]?.[j] ?? Infinity;
  const set = (i: number, j: number, v: number): void => { (cost[i] as number[])[j] = v; };
  const pairCost = (i: number, j: number): number => {
    const a = s[i];
    const b = r[j];
    if (a === undefined || b === undefined || a.to !== b.to) return Infinity;
    const d = Math.abs(b.t - a.t);
    return d > window ? Infinity : d / window;
  };
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      if (i > 0) best = Math.min(best, at(i - 1, j) + GAP);
      if (j > 0) best = Math.min(best, at(i, j - 1) + GAP);
      if (i > 0 && j > 0) best = Math.min(best, at(i - 1, j - 1) + pairCost(i - 1, j - 1));
      set(i, j, best);
    }
  }
  const out: Array<[number | null, number | null]> = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = at(i, j);
    if (i > 0 && j > 0 && here === at(i - 1, j - 1) + pairCost(i - 1, j - 1)) {
      out.push([i - 1, j - 1]);
      i--; j--;
    } else if (i > 0 && here === at(i - 1, j) + GAP) {
      out.push([i - 1, null]);
      i--;
    } else {
      out.push([null, j - 1]);
      j--;
    }
  }
  return out.reverse();
}

type Holders = Array<{ t: Micros; holders: string[] }>;

function holdersOverTime(trace: readonly TraceEvent[], basis: 'vip' | 'state'): Map<string, Holders> {
  const current = new Map<string, Set<string>>();
  const out = new Map<string, Holders>();
  const note = (subject: string, t: Micros): void => {
    const list = out.get(subject) ?? [];
    list.push({ t, holders: [...(current.get(subject) ?? [])].sort() });
    out.set(subject, list);
  };
  for (const e of [...trace].sort((a, b) => a.t - b.t)) {
    let subject: string;
    let add: boolean;
    if (basis === 'vip' && e.type === 'vip') { subject = e.vip; add = e.action === 'add'; }
    else if (basis === 'state' && e.type === 'state') { subject = e.instance; add = e.to === 'MASTER'; }
    else continue;
    const set = current.get(subject) ?? new Set<string>();
    if (add) set.add(e.node); else set.delete(e.node);
    current.set(subject, set);
    note(subject, e.t);
  }
  return out;
}

function holdersAt(h: Holders | undefined, t: Micros): string[] {
  let cur: string[] = [];
  for (const x of h ?? []) {
    if (x.t > t) break;
    cur = x.holders;
  }
  return cur;
}

/**
 * A holder disagreement is only as significant as the transitions around it allow: one that
 * lies within a matched transition's own tolerance of it is that transition's accepted error.
 */
type Excuse = (from: Micros, to: Micros) => Micros;

function compareOwnership(sim: readonly TraceEvent[], real: readonly TraceEvent[], end: Micros, excuse: Excuse): Ownership {
  const basis: 'vip' | 'state' = sim.some((e) => e.type === 'vip') && real.some((e) => e.type === 'vip') ? 'vip' : 'state';
  const hs = holdersOverTime(sim, basis);
  const hr = holdersOverTime(real, basis);
  const subjects = [...new Set([...hs.keys(), ...hr.keys()])].sort();
  const disagreements: OwnershipDisagreement[] = [];
  let total = 0;
  for (const subject of subjects) {
    const cuts = [...new Set([0, end, ...(hs.get(subject) ?? []).map((x) => x.t), ...(hr.get(subject) ?? []).map((x) => x.t)])]
      .filter((t) => t <= end).sort((a, b) => a - b);
    let open: { from: Micros; sim: string[]; real: string[] } | null = null;
    const close = (t: Micros): void => {
      if (open === null) return;
      total += t - open.from;
      if (t - open.from > excuse(open.from, t)) disagreements.push({ subject, from: open.from, to: t, sim: open.sim, real: open.real });
      open = null;
    };
    for (let k = 0; k < cuts.length - 1; k++) {
      const t = cuts[k] as number;
      const s = holdersAt(hs.get(subject), t);
      const r = holdersAt(hr.get(subject), t);
      const same = s.join(',') === r.join(',');
      if (same) close(t);
      else if (open === null || open.sim.join(',') !== s.join(',') || open.real.join(',') !== r.join(',')) {
        // Consecutive differing stretches with the same holders are one disagreement.
        if (open !== null) close(t);
        open = { from: t, sim: s, real: r };
      }
    }
    close(end);
  }
  return { basis, disagreements, totalDisagreement: total };
}

function collapseBlips(rows: Row[], within: Micros): void {
  for (const side of ['sim', 'real'] as const) {
    const kind = side === 'sim' ? 'missing' : 'extra';
    const evOf = (r: Row): StateEvent | undefined => (r.kind === 'missing' && kind === 'missing' ? r.sim : r.kind === 'extra' && kind === 'extra' ? r.real : undefined);
    for (let i = 0; i < rows.length; i++) {
      const a = rows[i];
      const ea = a === undefined ? undefined : evOf(a);
      if (a === undefined || ea === undefined) continue;
      // The undoing transition is the next unmatched one of the same key on the same side.
      const j = rows.findIndex((r, k) => k > i && r.node === a.node && r.instance === a.instance && evOf(r) !== undefined);
      const b = rows[j];
      const eb = b === undefined ? undefined : evOf(b);
      if (b === undefined || eb === undefined) continue;
      if (eb.from === ea.to && eb.to === ea.from && eb.t - ea.t <= within) {
        rows.splice(j, 1);
        rows[i] = { kind: 'blip', node: a.node, instance: a.instance, side, first: ea, second: eb };
      }
    }
  }
}

/**
 * The simulated transitions real keepalived reports. The real side sees only notify lines, and
 * vrrp_init_state() (vrrp_scheduler.c, 2.2.7) enters FAULT at start without a notify when the
 * instance only waits for unweighted scripts' first result (it notifies a FAULT only when
 * num_script_if_fault); the core records that transition but emits no notify for it.
 */
export function reportedTransitions(sim: readonly TraceEvent[]): TraceEvent[] {
  const notified = new Set<string>();
  for (const e of sim) if (e.type === 'notify' && e.scope === 'INSTANCE') notified.add(`${e.t}\u0000${e.node}\u0000${e.name}\u0000${e.state}`);
  return sim.filter((e) => e.type !== 'state' || e.from !== 'INIT' || e.to !== 'FAULT'
    || notified.has(`${e.t}\u0000${e.node}\u0000${e.instance}\u0000${e.to}`));
}

export function compareTraces(sim: readonly TraceEvent[], real: readonly TraceEvent[], tol: Tolerances, end?: Micros): Comparison {
  const stop = end ?? Math.max(0, ...sim.map((e) => e.t), ...real.map((e) => e.t));
  const gs = groupStates(sim);
  const gr = groupStates(real);
  const rows: Row[] = [];
  for (const k of [...new Set([...gs.keys(), ...gr.keys()])].sort()) {
    const s = gs.get(k) ?? [];
    const r = gr.get(k) ?? [];
    for (const [i, j] of align(s, r, tol.pairWindow)) {
      const a = i === null ? undefined : s[i];
      const b = j === null ? undefined : r[j];
      if (a !== undefined && b !== undefined) {
        const checkDriven = isCheckDriven(a, sim, tol);
        const carrierDriven = isCarrierDriven(a, sim, tol);
        const tolerance = Math.max(tol.timer, checkDriven ? tol.check : 0, carrierDriven ? tol.carrier : 0);
        const error = b.t - a.t;
        rows.push({ kind: 'matched', node: a.node, instance: a.instance, sim: a, real: b, error, tolerance, checkDriven, carrierDriven, withinTolerance: Math.abs(error) <= tolerance, fromDiffers: a.from !== b.from });
      } else if (a !== undefined) rows.push({ kind: 'missing', node: a.node, instance: a.instance, sim: a });
      else if (b !== undefined) rows.push({ kind: 'extra', node: b.node, instance: b.instance, real: b });
    }
  }
  // Each tolerance grows by the run's measured drift over the transition's time.
  const drift = driftOf(rows.filter((r): r is Extract<Row, { kind: 'matched' }> => r.kind === 'matched'));
  if (drift > 0) {
    rows.forEach((r, i) => {
      if (r.kind !== 'matched') return;
      const tolerance = r.tolerance + Math.round(drift * r.sim.t);
      rows[i] = { ...r, tolerance, withinTolerance: Math.abs(r.error) <= tolerance };
    });
  }
  collapseBlips(rows, tol.timer);
  const timeOf = (r: Row): Micros => (r.kind === 'extra' ? r.real.t : r.kind === 'blip' ? r.first.t : r.sim.t);
  rows.sort((x, y) => timeOf(x) - timeOf(y) || x.node.localeCompare(y.node) || x.instance.localeCompare(y.instance));
  const matchedRows = rows.filter((r): r is Extract<Row, { kind: 'matched' }> => r.kind === 'matched');
  const missing = rows.filter((r) => r.kind === 'missing').length;
  const extra = rows.filter((r) => r.kind === 'extra').length;
  const outOfTolerance = matchedRows.filter((r) => !r.withinTolerance).length;
  const excuse: Excuse = (from, to) => Math.max(tol.timer, ...matchedRows
    .filter((r) => [r.sim.t, r.real.t].some((t) => t >= from - tol.timer && t <= to + tol.timer))
    .map((r) => r.tolerance));
  const ownership = compareOwnership(sim, real, stop, excuse);
  const agree = missing === 0 && extra === 0 && outOfTolerance === 0 && ownership.disagreements.length === 0;
  return {
    verdict: agree ? 'agree' : 'differ',
    rows, matched: matchedRows.length, missing, extra, outOfTolerance,
    maxAbsError: Math.max(0, ...matchedRows.map((r) => Math.abs(r.error))),
    ownership, tolerances: tol, end: stop, drift,
  };
}
