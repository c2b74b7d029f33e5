// Replays a trace instant by instant: after every event at one virtual time has been applied,
// the invariants see each instance's state and effective priority, which nodes are frozen and who
// holds which VIP. Invariants are judged on these settled instants, because one core step emits
// its transition and its VIP changes at the same time in an order that means nothing.
//
// The replay is done once per trace and kept (four invariants and explore's judge() read it):
// each settled instant is a row of instance records by index, so an invariant walks arrays
// instead of rebuilding keyed maps per event and per instant. Only instants with a state,
// priority, VIP or fault event are kept: at the others (adverts, probes, GARPs) nothing an
// invariant judges can change.
import type { Ipv4, Micros, VrrpState } from '../vrrp/types.js';
import type { TraceEvent } from '../../sim/trace.js';
import { traceIndex } from '../../sim/scenario/analysis.js';

export interface InstanceNow {
  readonly node: string;
  readonly instance: string;
  readonly state: VrrpState;
  readonly priority: number;
}

/** The first settled instant at which a VIP is held by an instance that is not MASTER. */
export interface HeldByNonMaster {
  readonly vip: Ipv4;
  readonly node: string;
  readonly instance: string;
  /** undefined: the instance never reported a state. */
  readonly state: VrrpState | undefined;
  readonly t: Micros;
}

export interface Replay {
  /** node -> instance -> index into every row. */
  readonly index: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The virtual times of state, priority, VIP and fault events, ascending. */
  readonly times: readonly Micros[];
  /**
   * rows[k]: every instance once all events at times[k] are applied (undefined before its first
   * state; a row may end before the indices of instances the trace mentions later).
   */
  readonly rows: readonly (readonly (InstanceNow | undefined)[])[];
  /** frozen[k]: the frozen nodes at times[k]; one set is shared by the instants between freezes and thaws. */
  readonly frozen: readonly ReadonlySet<string>[];
  /** The row and frozen nodes before the first event. */
  readonly initialRow: readonly (InstanceNow | undefined)[];
  readonly initialFrozen: ReadonlySet<string>;
  readonly heldByNonMaster: HeldByNonMaster | null;
}

/** A trace is not changed once a run returns it (the length guards a trace still growing). */
const replays = new WeakMap<readonly TraceEvent[], { readonly length: number; readonly replay: Replay }>();

export function replayOf(trace: readonly TraceEvent[]): Replay {
  const known = replays.get(trace);
  if (known !== undefined && known.length === trace.length) return known.replay;
  const replay = build(trace);
  replays.set(trace, { length: trace.length, replay });
  return replay;
}

/** The row index of node's instance, -1 when the trace never mentions it. */
export function indexOf(r: Replay, node: string, instance: string): number {
  return r.index.get(node)?.get(instance) ?? -1;
}

export const at = (row: readonly (InstanceNow | undefined)[], i: number): InstanceNow | undefined => (i < 0 || i >= row.length ? undefined : row[i]);

/**
 * Visits the settled state at `from` (even if nothing happens then) and at every later instant
 * whose instances or frozen nodes differ from the instant visited before it (a visitor judging
 * only those cannot see anything new on the others); the instants before `from` are applied
 * without being visited.
 */
export function visitFrom(r: Replay, from: Micros, visit: (t: Micros, row: readonly (InstanceNow | undefined)[], frozen: ReadonlySet<string>) => boolean | void): void {
  const n = r.times.length;
  let k = 0;
  while (k < n && r.times[k]! < from) k++;
  let row: readonly (InstanceNow | undefined)[] | undefined;
  let frozen: ReadonlySet<string> | undefined;
  if (k === n || r.times[k]! > from) {
    row = k === 0 ? r.initialRow : r.rows[k - 1]!;
    frozen = k === 0 ? r.initialFrozen : r.frozen[k - 1]!;
    if (visit(from, row, frozen) === false) return;
  }
  for (; k < n; k++) {
    if (r.rows[k] === row && r.frozen[k] === frozen) continue;
    row = r.rows[k]!;
    frozen = r.frozen[k]!;
    if (visit(r.times[k]!, row, frozen) === false) return;
  }
}

function build(all: readonly TraceEvent[]): Replay {
  const trace = traceIndex(all).changes;
  const index = new Map<string, Map<string, number>>();
  const nodeOf: string[] = [];
  const instanceOf: string[] = [];
  const idx = (node: string, instance: string): number => {
    let m = index.get(node);
    if (m === undefined) { m = new Map(); index.set(node, m); }
    let i = m.get(instance);
    if (i === undefined) { i = nodeOf.length; m.set(instance, i); nodeOf.push(node); instanceOf.push(instance); }
    return i;
  };
  const row: (InstanceNow | undefined)[] = [];
  const initialRow: readonly (InstanceNow | undefined)[] = [];
  const initialFrozen: ReadonlySet<string> = new Set<string>();
  let frozen = initialFrozen as Set<string>;
  let frozenShared = true;
  /** VIP -> node -> instance index that added it (insertion order is the order judged in). */
  const holders = new Map<Ipv4, Map<string, number>>();
  const times: Micros[] = [];
  const rows: (readonly (InstanceNow | undefined)[])[] = [];
  const frozens: ReadonlySet<string>[] = [];
  let heldByNonMaster: HeldByNonMaster | null = null;
  // Instants that change no instance or holder (a thaw of a running node) share the row before.
  let shared: readonly (InstanceNow | undefined)[] = initialRow;
  let i = 0;
  while (i < trace.length) {
    const t = trace[i]!.t;
    let changed = false;
    for (; i < trace.length && trace[i]!.t === t; i++) {
      const e = trace[i]!;
      switch (e.type) {
        case 'state':
          changed = true;
          put(row, idx(e.node, e.instance), { node: e.node, instance: e.instance, state: e.to, priority: e.priority });
          break;
        case 'priority': {
          const k = idx(e.node, e.instance);
          const cur = k < row.length ? row[k] : undefined;
          // A literal as in 'state', not a spread: a spread builds another hidden class, and every
          // invariant reading these records met two and deoptimised.
          if (cur !== undefined) {
            put(row, k, { node: cur.node, instance: cur.instance, state: cur.state, priority: e.to });
            changed = true;
          }
          break;
        }
        case 'vip': {
          changed = true;
          const m = holders.get(e.vip) ?? new Map<string, number>();
          if (e.action === 'add') m.set(e.node, idx(e.node, e.instance));
          else m.delete(e.node);
          holders.set(e.vip, m);
          break;
        }
        case 'fault': {
          const f = e.fault;
          const freeze = f.kind === 'freeze';
          if (!freeze && f.kind !== 'thaw' && f.kind !== 'crash' && f.kind !== 'stop' && f.kind !== 'restart' && f.kind !== 'start') break;
          if (frozen.has(f.node) === freeze) break;
          // Copy on write: earlier instants keep the set they saw.
          if (frozenShared) { frozen = new Set(frozen); frozenShared = false; }
          if (freeze) frozen.add(f.node); else frozen.delete(f.node);
          break;
        }
        default:
          break;
      }
    }
    times.push(t);
    if (changed) shared = row.slice();
    rows.push(shared);
    frozens.push(frozen);
    frozenShared = true;
    // Unchanged states and holders cannot start holding a VIP outside MASTER.
    if (changed && heldByNonMaster === null) heldByNonMaster = firstNonMasterHolder(holders, row, nodeOf, instanceOf, t);
  }
  return { index, times, rows, frozen: frozens, initialRow, initialFrozen, heldByNonMaster };
}

/** Sets row[k], filling any gap so the row stays a packed array. */
function put(row: (InstanceNow | undefined)[], k: number, s: InstanceNow): void {
  while (row.length < k) row.push(undefined);
  if (k === row.length) row.push(s); else row[k] = s;
}

function firstNonMasterHolder(
  holders: ReadonlyMap<Ipv4, ReadonlyMap<string, number>>, row: readonly (InstanceNow | undefined)[], nodeOf: readonly string[], instanceOf: readonly string[], t: Micros,
): HeldByNonMaster | null {
  for (const [vip, hs] of holders) {
    for (const k of hs.values()) {
      const s = k < row.length ? row[k] : undefined;
      if (s?.state !== 'MASTER') return { vip, node: nodeOf[k]!, instance: instanceOf[k]!, state: s?.state, t };
    }
  }
  return null;
}
