// Replays a trace instant by instant: after every event at one virtual time has been applied,
// the visitor sees each instance's state and effective priority, which nodes are frozen and who
// holds which VIP. Invariants are judged on these settled instants, because one core step emits
// its transition and its VIP changes at the same time in an order that means nothing.
import type { Ipv4, Micros, VrrpState } from '../vrrp/types.js';
import type { TraceEvent } from '../../sim/trace.js';

export interface InstanceNow {
  readonly node: string;
  readonly instance: string;
  readonly state: VrrpState;
  readonly priority: number;
}

export interface Instant {
  readonly t: Micros;
  readonly instances: ReadonlyMap<string, InstanceNow>;
  readonly frozen: ReadonlySet<string>;
  /** VIP -> node -> instance that added it. */
  readonly holders: ReadonlyMap<Ipv4, ReadonlyMap<string, string>>;
}

export const instanceKey = (node: string, instance: string): string => `${node}\u0000${instance}`;

export function sweep(trace: readonly TraceEvent[], visit: (now: Instant) => void): void {
  const instances = new Map<string, InstanceNow>();
  const frozen = new Set<string>();
  const holders = new Map<Ipv4, Map<string, string>>();
  const view: Instant = { t: 0, instances, frozen, holders };
  let i = 0;
  while (i < trace.length) {
    const t = trace[i]!.t;
    for (; i < trace.length && trace[i]!.t === t; i++) apply(trace[i]!, instances, frozen, holders);
    visit({ ...view, t });
  }
}

/**
 * Visits the settled state at `from` (even if nothing happens then) and at every later instant;
 * the instants before `from` are applied without being visited.
 */
export function sweepFrom(trace: readonly TraceEvent[], from: Micros, visit: (t: Micros, now: ReadonlyMap<string, InstanceNow>, frozen: ReadonlySet<string>) => void): void {
  const instances = new Map<string, InstanceNow>();
  const frozen = new Set<string>();
  const holders = new Map<Ipv4, Map<string, string>>();
  let i = 0;
  for (; i < trace.length && trace[i]!.t < from; i++) apply(trace[i]!, instances, frozen, holders);
  if (i === trace.length || trace[i]!.t > from) visit(from, instances, frozen);
  while (i < trace.length) {
    const t = trace[i]!.t;
    for (; i < trace.length && trace[i]!.t === t; i++) apply(trace[i]!, instances, frozen, holders);
    visit(t, instances, frozen);
  }
}

function apply(e: TraceEvent, instances: Map<string, InstanceNow>, frozen: Set<string>, holders: Map<Ipv4, Map<string, string>>): void {
  switch (e.type) {
    case 'state':
      instances.set(instanceKey(e.node, e.instance), { node: e.node, instance: e.instance, state: e.to, priority: e.priority });
      return;
    case 'priority': {
      const k = instanceKey(e.node, e.instance);
      const cur = instances.get(k);
      // A literal as in 'state', not a spread: a spread builds another hidden class, and every
      // invariant reading these records met two and deoptimised.
      if (cur !== undefined) instances.set(k, { node: cur.node, instance: cur.instance, state: cur.state, priority: e.to });
      return;
    }
    case 'vip': {
      const m = holders.get(e.vip) ?? new Map<string, string>();
      if (e.action === 'add') m.set(e.node, e.instance);
      else m.delete(e.node);
      holders.set(e.vip, m);
      return;
    }
    case 'fault': {
      const f = e.fault;
      if (f.kind === 'freeze') frozen.add(f.node);
      else if (f.kind === 'thaw' || f.kind === 'crash' || f.kind === 'stop' || f.kind === 'restart' || f.kind === 'start') frozen.delete(f.node);
      return;
    }
    default:
      return;
  }
}
