// One conformance check: the same SimSpec simulated and run for real, then compared. The CLI
// and tests call this; it knows nothing about files or output formats.
import type { SimSpec } from '../../sim/spec.js';
import type { TraceEvent } from '../../sim/trace.js';
import type { Micros } from '../vrrp/types.js';
import { compareTraces, reportedTransitions, tolerancesFor, type Comparison } from './compare.js';
import type { Prerequisite } from './prereq.js';
import { runReal, type RealRunOptions, type RealRunResult } from './run.js';

export interface ConformanceResult {
  readonly comparison: Comparison;
  readonly simulated: readonly TraceEvent[];
  readonly real: RealRunResult;
}

/** What a spec needs from the host beyond root, ip and keepalived. */
export function prerequisitesFor(spec: SimSpec): Prerequisite[] {
  const needs: Prerequisite[] = ['root', 'ip', 'keepalived'];
  const kinds = new Set(spec.timeline.map((e) => e.fault.kind));
  if (['partition', 'partition-oneway', 'heal', 'block-multicast', 'unblock-multicast'].some((k) => kinds.has(k as never)) || spec.segments.some((s) => s.multicastBlocked)) needs.push('nft');
  const conditions = kinds.has('loss') || kinds.has('latency') || spec.segments.some((s) => s.latency > 0 || s.jitter > 0 || s.loss > 0);
  // tc carries netem; where the kernel lacks netem, loss falls back to nftables.
  if (conditions) needs.push('tc');
  if (conditions && !needs.includes('nft')) needs.push('nft');
  return needs;
}

export async function checkConformance(
  spec: SimSpec,
  simulate: (spec: SimSpec) => { readonly trace: readonly TraceEvent[] },
  opts: RealRunOptions = {},
): Promise<ConformanceResult> {
  const simulated = simulate(spec).trace;
  const real = await runReal(spec, opts);
  const latency: Micros = Math.max(0, ...Object.values(real.startLatency)) + real.unrealisedDelay;
  const comparison = compareTraces(reportedTransitions(simulated), real.trace, tolerancesFor(spec, latency), spec.until);
  return { comparison, simulated, real };
}
