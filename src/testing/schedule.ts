// Fault schedules over a given deployment. A schedule is a short array of steps, each a gap
// after the previous step, a fault and an optional duration after which the fault is undone;
// whatever is still broken is undone together in a final recovery phase, placed one settle
// time after the last step, so every schedule ends healed (VOPR's liveness phase).
// fast-check shrinks arrays by dropping elements and integers towards their minimum, so
// counterexamples shrink towards fewer faults, smaller gaps (earlier) and no explicit
// durations — and every shrunk value is still a valid, healed schedule.
import fc from 'fast-check';
import type { Micros } from '../vrrp/types.js';
import type { Fault, FaultKind, NodeSpec, SimSpec, TimelineEvent } from '../../sim/spec.js';
import { deriveBounds } from './bounds.js';

/** The faults a schedule can inject; each has a recovery (crash -> start, partition -> heal, ...). */
export const DISRUPTIONS = [
  'crash', 'stop', 'restart', 'freeze', 'link-down', 'service-down', 'partition', 'partition-oneway',
  'block-multicast', 'loss', 'latency', 'set-priority',
] as const satisfies readonly FaultKind[];

export type Disruption = (typeof DISRUPTIONS)[number];

/** Kinds that only undo a fault; schedules emit them themselves. */
export const RECOVERIES = ['start', 'thaw', 'link-up', 'service-up', 'heal', 'unblock-multicast'] as const satisfies readonly FaultKind[];

export interface FaultStep {
  /** Time after the previous step (after t = 0 for the first). */
  readonly gap: Micros;
  readonly fault: Fault;
  /** Undo the fault this long after it (null: at the recovery phase). */
  readonly lasts: Micros | null;
}

export interface FaultSchedule {
  readonly steps: readonly FaultStep[];
  /** Steps, their timed undos and the recovery phase, in time order. */
  readonly timeline: readonly TimelineEvent[];
  readonly recoveryAt: Micros;
  /** When a run of this schedule should end: the recovery phase plus time to settle and be judged. */
  readonly until: Micros;
}

export interface ScheduleOptions {
  readonly kinds?: readonly Disruption[];
  readonly maxFaults?: number;
  /** Steps (without their undos) fall in [0, horizon]. Default 30 s. */
  readonly horizon?: Micros;
}

const SEC = 1_000_000;

const keepalivedNodes = (spec: SimSpec): NodeSpec[] => spec.nodes.filter((n) => n.router !== null && n.router.instances.length > 0);

/**
 * fast-check's integers arrive as boxed doubles (V8 HeapNumbers holding whole numbers), and a
 * record that stores one gets another hidden class than one built from a small integer: the
 * simulator's events, faults and timers then came in two shapes each, and V8 deoptimised and
 * recompiled their readers during explore's first schedules. `| 0` hands over the same value
 * as a small integer.
 */
const smallInt = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min, max }).map(small);

/**
 * A whole number as a small integer where it fits 32 bits (see smallInt), else as it is: a
 * user's horizon of weeks has millisecond counts past 2^31, which `| 0` would wrap.
 */
const small = (x: number): number => (x >= 0 && x <= 0x7fffffff ? x | 0 : x);

/** The fault arbitraries that make sense for this spec (a kind with no target is left out). */
export function faultArbitraries(spec: SimSpec, kinds: readonly Disruption[] = DISRUPTIONS): fc.Arbitrary<Fault>[] {
  const ka = keepalivedNodes(spec).map((n) => n.name);
  const withServices = spec.nodes.filter((n) => n.services.length > 0);
  const segs = spec.segments.map((s) => s.name);
  const out: fc.Arbitrary<Fault>[] = [];
  for (const kind of kinds) {
    switch (kind) {
      case 'crash': case 'stop': case 'restart': case 'freeze': case 'link-down':
        if (ka.length > 0) out.push(fc.constantFrom(...ka).map((node): Fault => ({ kind, node })));
        break;
      case 'service-down':
        if (withServices.length > 0) {
          out.push(fc.constantFrom(...withServices).chain((n) => fc.constantFrom(...n.services.map((s) => s.name)).map((service): Fault => ({ kind, node: n.name, service }))));
        }
        break;
      case 'partition':
        if (ka.length >= 2) {
          out.push(fc.shuffledSubarray(ka, { minLength: 1, maxLength: ka.length - 1 }).map((side): Fault => ({ kind, groups: [side, ka.filter((n) => !side.includes(n))] })));
        }
        break;
      case 'partition-oneway':
        if (ka.length >= 2) {
          out.push(fc.tuple(fc.constantFrom(...ka), fc.constantFrom(...ka)).filter(([a, b]) => a !== b).map(([a, b]): Fault => ({ kind, from: [a], to: [b] })));
        }
        break;
      case 'block-multicast':
        out.push(fc.constantFrom(...segs).map((segment): Fault => ({ kind, segment })));
        break;
      case 'loss':
        out.push(fc.record({ segment: fc.constantFrom(...segs), pct: fc.integer({ min: 1, max: 50 }) }).map(({ segment, pct }): Fault => ({ kind, segment, rate: pct / 100 })));
        break;
      case 'latency':
        out.push(fc.record({ segment: fc.constantFrom(...segs), latency: smallInt(0, 200_000), jitter: smallInt(0, 50_000) })
          .map(({ segment, latency, jitter }): Fault => ({ kind, segment, latency, jitter })));
        break;
      case 'set-priority': {
        const targets = keepalivedNodes(spec).flatMap((n) => n.router!.instances.map((i) => ({ node: n.name, instance: i.name })));
        if (targets.length > 0) out.push(fc.tuple(fc.constantFrom(...targets), smallInt(1, 254)).map(([t, priority]): Fault => ({ kind, ...t, priority })));
        break;
      }
    }
  }
  return out;
}

export function arbFaultSchedule(spec: SimSpec, opts: ScheduleOptions = {}): fc.Arbitrary<FaultSchedule> {
  const maxFaults = opts.maxFaults ?? 4;
  const horizon = opts.horizon ?? 30 * SEC;
  const faults = faultArbitraries(spec, opts.kinds);
  const gapMax = Math.max(0, Math.floor(horizon / Math.max(1, maxFaults)));
  // Whole milliseconds: shrunk schedules read well and no fault lands between two µs ticks by luck.
  const ms = (max: Micros): fc.Arbitrary<Micros> => smallInt(0, Math.floor(max / 1000)).map((x) => x * 1000);
  const step: fc.Arbitrary<FaultStep> = faults.length === 0
    ? fc.constant(null as never)
    : fc.record({ gap: ms(gapMax), fault: fc.oneof(...faults), lasts: fc.option(ms(gapMax).map((x) => x + 1000), { nil: null }) });
  const steps = faults.length === 0 ? fc.constant<FaultStep[]>([]) : fc.array(step, { maxLength: maxFaults });
  return steps.map((s) => buildSchedule(spec, s));
}

export function buildSchedule(spec: SimSpec, steps: readonly FaultStep[]): FaultSchedule {
  const b = deriveBounds(spec);
  const events: { at: Micros; fault: Fault; order: number }[] = [];
  let t = 0;
  let order = 0;
  for (const s of steps) {
    // fast-check's records may hand gap and lasts over boxed even when smallInt made them small.
    t = small(t + s.gap);
    events.push({ at: t, fault: s.fault, order: order++ });
    if (s.lasts !== null) for (const u of undo(spec, s.fault)) events.push({ at: small(t + s.lasts), fault: u, order: order++ });
  }
  const sorted = events.sort((a, c) => a.at - c.at || a.order - c.order).map(({ at, fault }) => ({ at, fault }));
  const last = sorted.reduce((m, e) => Math.max(m, e.at), 0);
  // Let the last fault play out before undoing it: a recovery that races the takeover it
  // follows would hide what the fault does.
  const settle = b.convergence + b.maxPreemptDelay;
  const recoveryAt = steps.length === 0 ? 0 : small(last + settle);
  const recovery = recoveryFaults(spec, sorted).map((fault) => ({ at: recoveryAt, fault }));
  const timeline = [...sorted, ...recovery];
  const judged = recoveryAt + 2 * b.convergence + (b.maxPreemptDelay > 0 ? b.maxPreemptDelay + b.convergence : 0) + b.maxAdvertInt;
  return { steps, timeline, recoveryAt, until: Math.max(judged, recoveryAt + 5 * SEC) };
}

/** The fault(s) that undo `f`, given the spec's original network and priorities. */
export function undo(spec: SimSpec, f: Fault): Fault[] {
  switch (f.kind) {
    case 'crash': case 'stop': return [{ kind: 'start', node: f.node }];
    case 'freeze': return [{ kind: 'thaw', node: f.node }];
    case 'link-down': return [f.iface === undefined ? { kind: 'link-up', node: f.node } : { kind: 'link-up', node: f.node, iface: f.iface }];
    case 'service-down': return [{ kind: 'service-up', node: f.node, ...(f.service !== undefined ? { service: f.service } : {}), ...(f.port !== undefined ? { port: f.port } : {}) }];
    case 'partition': case 'partition-oneway': return [f.segment === undefined ? { kind: 'heal' } : { kind: 'heal', segment: f.segment }];
    case 'block-multicast': case 'unblock-multicast': case 'loss': case 'latency':
      return spec.segments.filter((s) => f.segment === undefined || s.name === f.segment).map((s): Fault => {
        if (f.kind === 'loss') return { kind: 'loss', segment: s.name, rate: s.loss };
        if (f.kind === 'latency') return { kind: 'latency', segment: s.name, latency: s.latency, jitter: s.jitter };
        return { kind: s.multicastBlocked ? 'block-multicast' : 'unblock-multicast', segment: s.name };
      });
    case 'set-priority': {
      const orig = spec.nodes.find((n) => n.name === f.node)?.router?.instances.find((i) => i.name === f.instance)?.priority;
      return orig === undefined ? [] : [{ kind: 'set-priority', node: f.node, instance: f.instance, priority: orig }];
    }
    default: return [];
  }
}

/** Everything still broken after `timeline`, undone: network first, then processes, then services. */
export function recoveryFaults(spec: SimSpec, timeline: readonly TimelineEvent[]): Fault[] {
  const down = new Set<string>();
  const frozen = new Set<string>();
  const linkDown = new Set<string>();
  const serviceDown = new Map<string, Set<string>>();
  const prio = new Map<string, number>();
  let partitioned = false;
  const seg = new Map(spec.segments.map((s) => [s.name, { ...s }]));
  const hasRouter = (node: string): boolean => spec.nodes.find((n) => n.name === node)?.router != null;
  for (const { fault: f } of timeline) {
    const segsOf = (name: string | undefined): { multicastBlocked: boolean; loss: number; latency: number; jitter: number }[] =>
      [...seg.values()].filter((s) => name === undefined || s.name === name);
    switch (f.kind) {
      case 'crash': down.add(f.node); frozen.delete(f.node); break;
      case 'stop': if (hasRouter(f.node)) down.add(f.node); frozen.delete(f.node); break;
      case 'start': case 'restart': down.delete(f.node); frozen.delete(f.node); break;
      case 'freeze': if (!down.has(f.node)) frozen.add(f.node); break;
      case 'thaw': frozen.delete(f.node); break;
      case 'link-down': linkDown.add(f.node); break;
      case 'link-up': linkDown.delete(f.node); break;
      case 'service-down': case 'service-up': {
        const n = spec.nodes.find((x) => x.name === f.node);
        const set = serviceDown.get(f.node) ?? new Set<string>();
        for (const s of n?.services ?? []) {
          if (f.service !== undefined && s.name !== f.service) continue;
          if (f.port !== undefined && s.port !== f.port) continue;
          if (f.kind === 'service-down' && s.upAtStart) set.add(s.name); else set.delete(s.name);
        }
        serviceDown.set(f.node, set);
        break;
      }
      case 'partition': case 'partition-oneway': partitioned = true; break;
      case 'heal': partitioned = false; break;
      case 'block-multicast': case 'unblock-multicast': for (const s of segsOf(f.segment)) s.multicastBlocked = f.kind === 'block-multicast'; break;
      case 'loss': for (const s of segsOf(f.segment)) s.loss = f.rate; break;
      case 'latency': for (const s of segsOf(f.segment)) { s.latency = f.latency; if (f.jitter !== undefined) s.jitter = f.jitter; } break;
      case 'set-priority': prio.set(`${f.node}\u0000${f.instance}`, f.priority); break;
    }
  }
  const out: Fault[] = [];
  if (partitioned) out.push({ kind: 'heal' });
  for (const orig of spec.segments) {
    const now = seg.get(orig.name)!;
    if (now.multicastBlocked !== orig.multicastBlocked) out.push({ kind: orig.multicastBlocked ? 'block-multicast' : 'unblock-multicast', segment: orig.name });
    if (now.loss !== orig.loss) out.push({ kind: 'loss', segment: orig.name, rate: orig.loss });
    if (now.latency !== orig.latency || now.jitter !== orig.jitter) out.push({ kind: 'latency', segment: orig.name, latency: orig.latency, jitter: orig.jitter });
  }
  for (const n of spec.nodes) if (frozen.has(n.name)) out.push({ kind: 'thaw', node: n.name });
  for (const n of spec.nodes) if (down.has(n.name)) out.push({ kind: 'start', node: n.name });
  for (const n of spec.nodes) if (linkDown.has(n.name)) out.push({ kind: 'link-up', node: n.name });
  for (const n of spec.nodes) for (const s of serviceDown.get(n.name) ?? []) out.push({ kind: 'service-up', node: n.name, service: s });
  for (const n of spec.nodes) {
    for (const i of n.router?.instances ?? []) {
      const p = prio.get(`${n.name}\u0000${i.name}`);
      if (p !== undefined && p !== i.priority) out.push({ kind: 'set-priority', node: n.name, instance: i.name, priority: i.priority });
    }
  }
  return out;
}

/** The spec with its timeline replaced by the schedule and its run long enough to judge it. */
export function withSchedule(spec: SimSpec, schedule: FaultSchedule): SimSpec {
  return { ...spec, timeline: schedule.timeline, until: Math.max(spec.until, schedule.until) };
}

/** Number of injected faults (undos and the recovery phase do not count). */
export function faultCount(schedule: FaultSchedule): number {
  return schedule.steps.length;
}
