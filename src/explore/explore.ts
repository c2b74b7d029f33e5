// Random fault schedules on a scenario's deployment, judged by the scenario's expectations that
// hold at any time (outage, dual master, convergence, availability) and by the invariants;
// fast-check's integrated shrinking reduces the first failing schedule to a minimal one.
import fc from 'fast-check';
import type { Micros } from '../vrrp/types.js';
import type { SimSpec } from '../../sim/spec.js';
import { simulate } from '../../sim/simulate.js';
import type { LoadedScenario } from '../../sim/scenario/load.js';
import type { Expectation } from '../../sim/scenario/expectations.js';
import { evaluate } from '../../sim/scenario/evaluate.js';
import { arbFaultSchedule, withSchedule, type Disruption, type FaultSchedule } from '../testing/schedule.js';
import { checkInvariants } from '../testing/invariants.js';
import { firstTotalOutage } from './holders.js';

export interface ExploreOptions {
  readonly runs: number;
  /** fast-check seed: the same seed replays the same schedules and the same shrinking. */
  readonly seed: number;
  readonly kinds?: readonly Disruption[];
  readonly maxFaults?: number;
  readonly horizon?: Micros;
  /** Also try schedules that leave some VIP with no node able to hold it (all holders crashed, ...). */
  readonly allowTotalOutage?: boolean;
  readonly onProgress?: (p: Progress) => void;
  /** A shard's verdict on each run of its slice, as soon as it is judged (explore --jobs). */
  readonly onJudged?: (run: number, ok: boolean) => void;
}

export interface Progress {
  readonly phase: 'run' | 'shrink';
  /** Runs so far (phase run) or schedules tried while shrinking. */
  readonly done: number;
  readonly total: number;
}

export interface Finding {
  readonly what: string;
  readonly detail: string;
}

export interface ExploreFailure {
  readonly schedule: FaultSchedule;
  readonly spec: SimSpec;
  readonly findings: readonly Finding[];
  /** Run (1-based) at which the first failure was found. */
  readonly foundAt: number;
  readonly numShrinks: number;
  /** fast-check's replay token: with the seed, reproduces the shrunk value directly. */
  readonly path: string;
}

export interface ExploreOutcome {
  readonly seed: number;
  readonly runs: number;
  readonly failure: ExploreFailure | null;
}

/** Expectations that mention no instant, so they mean the same under any timeline. */
export function timeFreeExpectations(all: readonly Expectation[]): Expectation[] {
  return all.filter((x) => x.kind === 'longestOutage' || x.kind === 'dualMaster' || x.kind === 'convergence' || x.kind === 'availability');
  // (`invariants` is time-free too, but judge() always checks every invariant itself.)
}

/**
 * What a finding teaches, most first: two holders (split brain), then a VIP unheld longer than
 * the configuration allows, then clients stuck on a stale ARP entry, then the rest.
 */
export function findingRank(f: Finding): number {
  const text = `${f.what} ${f.detail}`;
  if (/dual mastership|boundedDualMastership|oneMasterAfterHeal|vipsOnlyOnMaster|held by \S+ and /.test(text)) return 0;
  if (/longest outage|vipHeldWhileEligible|unheld/.test(text)) return 1;
  if (/stale ARP/.test(text)) return 2;
  return 3;
}

export function judge(scenario: LoadedScenario, spec: SimSpec): Finding[] {
  const result = simulate(spec);
  const exps = timeFreeExpectations(scenario.expectations);
  const verdicts = evaluate(exps, result, spec);
  const inv = checkInvariants(spec, result);
  const findings = [
    ...verdicts.filter((v) => !v.ok).map((v) => ({ what: `expectation: ${v.expectation.label}`, detail: v.detail })),
    ...inv.verdicts.filter((v) => !v.ok).map((v) => ({ what: `invariant: ${v.name}`, detail: v.detail })),
  ];
  // A stable sort: within one rank, the scenario's own order.
  return findings.map((f, i) => ({ f, i, r: findingRank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.f);
}

export function defaultHorizon(spec: SimSpec): Micros {
  return Math.min(Math.max(spec.until / 2, 10_000_000), 60_000_000);
}

/**
 * The schedules an exploration draws, for the unsharded run and every shard alike: run k of a
 * shard is the k-th value of this very arbitrary, so the two cannot drift apart.
 */
export function exploreArbitrary(base: SimSpec, opts: ExploreOptions): fc.Arbitrary<FaultSchedule> {
  const all = arbFaultSchedule(base, {
    ...(opts.kinds !== undefined ? { kinds: opts.kinds } : {}),
    maxFaults: opts.maxFaults ?? 4,
    horizon: opts.horizon ?? defaultHorizon(base),
  });
  // Filtered in the arbitrary, so shrinking never walks into a schedule the filter excludes.
  return opts.allowTotalOutage === true ? all : all.filter((s) => firstTotalOutage(base, s.timeline) === null);
}

export function explore(scenario: LoadedScenario, opts: ExploreOptions): ExploreOutcome {
  const base = scenario.spec;
  const arb = exploreArbitrary(base, opts);
  let done = 0;
  let firstFailure: number | null = null;
  let tried = 0;
  const prop = fc.property(arb, (schedule) => {
    if (firstFailure === null) done++; else tried++;
    const ok = judge(scenario, withSchedule(base, schedule)).length === 0;
    if (!ok && firstFailure === null) firstFailure = done;
    opts.onProgress?.(firstFailure === null ? { phase: 'run', done, total: opts.runs } : { phase: 'shrink', done: tried, total: opts.runs });
    return ok;
  });
  const r = fc.check(prop, { numRuns: opts.runs, seed: opts.seed });
  if (!r.failed || r.counterexample === null) return { seed: opts.seed, runs: done, failure: null };
  const schedule = r.counterexample[0];
  const spec = withSchedule(base, schedule);
  return {
    seed: opts.seed,
    runs: done,
    failure: { schedule, spec, findings: judge(scenario, spec), foundAt: firstFailure ?? done, numShrinks: r.numShrinks, path: r.counterexamplePath ?? '' },
  };
}
