// Time bounds derived from a SimSpec's configuration (vrrp-timing-and-formal-notes.md B1–B5).
// Invariants use them so "how long is too long" follows the deployment under test, never a
// constant that is right for one advert_int and wrong for the next.
import type { Micros } from '../vrrp/types.js';
import { masterDownInterval, skewTime } from '../vrrp/timers.js';
import type { InstanceConfig } from '../vrrp/types.js';
import type { NodeSpec, SimSpec } from '../../sim/spec.js';
import { VRRP_SHUTDOWN_TIMER } from '../../sim/host.js';

export interface Bounds {
  /** Longest one-way frame delay the run can see (segment or latency-fault latency + jitter). */
  readonly maxDelay: Micros;
  /** Longest advert interval any instance uses or could learn (v3 backups adopt the master's). */
  readonly maxAdvertInt: Micros;
  /** Longest Master_Down_Interval over every instance at its lowest possible priority. */
  readonly maxMasterDown: Micros;
  /** Longest time a track script needs to change its verdict (rise/fall runs + timeout). */
  readonly scriptDetection: Micros;
  /** Longest preempt_delay configured. */
  readonly maxPreemptDelay: Micros;
  /** From a heal until one MASTER per VRID: (restart wait +) down timer + delays + one advert to settle rivals. */
  readonly convergence: Micros;
  /** Two holders are expected this long after a split-causing fault ends (one advert + delay). */
  readonly splitGrace: Micros;
}

export function instancesOf(n: NodeSpec): readonly InstanceConfig[] {
  return n.router?.instances ?? [];
}

/** Specs are immutable: every invariant of one judgement asks for the same spec's bounds. */
const boundsOf = new WeakMap<SimSpec, Bounds>();

export function deriveBounds(spec: SimSpec): Bounds {
  let b = boundsOf.get(spec);
  if (b === undefined) { b = computeBounds(spec); boundsOf.set(spec, b); }
  return b;
}

function computeBounds(spec: SimSpec): Bounds {
  const insts = spec.nodes.flatMap(instancesOf);
  const scripts = spec.nodes.flatMap((n) => n.router?.scripts ?? []);
  const segDelay = Math.max(0, ...spec.segments.map((s) => s.latency + s.jitter));
  const faultDelay = Math.max(0, ...spec.timeline.map((e) => (e.fault.kind === 'latency' ? e.fault.latency + (e.fault.jitter ?? 0) : 0)));
  // A latency fault without jitter keeps the segment's jitter.
  const maxJitter = Math.max(0, ...spec.segments.map((s) => s.jitter));
  const maxDelay = Math.max(segDelay, faultDelay + maxJitter);
  const maxAdvertInt = Math.max(0, ...insts.map((i) => i.advertInt));
  const maxMasterDown = Math.max(0, ...insts.map((i) => masterDownInterval(i.version, 1, maxAdvertInt, i.downTimerAdverts)));
  const maxSkew = Math.max(0, ...insts.map((i) => skewTime(i.version, 1, maxAdvertInt)));
  const runtime = Math.max(0, ...spec.nodes.map((n) => n.scriptRuntime));
  const scriptDetection = Math.max(0, ...scripts.map((s) => Math.max(s.rise, s.fall) * s.interval + Math.max(s.timeout, runtime)));
  const maxPreemptDelay = Math.max(0, ...insts.map((i) => i.preemptDelay));
  const splitGrace = maxAdvertInt + maxSkew + 2 * maxDelay;
  // A restart (or a start while the old keepalived exits) begins only after keepalived's 1 s
  // shutdown timer, so a restart as the last fault settles that much later.
  const restartWait = spec.timeline.some((e) => e.fault.kind === 'restart' || e.fault.kind === 'start') ? VRRP_SHUTDOWN_TIMER : 0;
  return {
    maxDelay,
    maxAdvertInt,
    maxMasterDown,
    scriptDetection,
    maxPreemptDelay,
    convergence: restartWait + scriptDetection + maxMasterDown + maxAdvertInt + 2 * maxDelay,
    splitGrace,
  };
}
