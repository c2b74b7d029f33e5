// `vrrplab explore --shard i/n`: run k of an exploration is the k-th schedule fast-check draws
// from the seed (fc.sample yields the same sequence fc.check does), so a shard can run just the
// runs k ≡ i (mod n), stop at its first failure and shrink it by replaying that run (fast-check's
// `path`). `explore merge` lists the shards' failures by run, identical shrunk schedules once:
// its first is the failure the unsharded exploration reports.
import fc from 'fast-check';
import { InputError } from '../cli/errors.js';
import type { TimelineEvent } from '../../sim/spec.js';
import type { Micros } from '../vrrp/types.js';
import type { LoadedScenario } from '../../sim/scenario/load.js';
import { warningLines } from '../../sim/scenario/report-text.js';
import { withSchedule, type FaultSchedule } from '../testing/schedule.js';
import { defaultHorizon, exploreArbitrary, judge, type ExploreOptions, type ExploreOutcome, type Finding } from './explore.js';

// /2: options carry allowTotalOutage. /1 shards drew from schedules the unsharded exploration
// filters out (every holder of a VIP down), so merge refuses them rather than mix them in.
export const EXPLORE_FORMAT = 'vrrplab-explore/2';

export interface ShardFailure {
  /** 0-based run whose schedule failed first in this shard. */
  readonly run: number;
  readonly findings: readonly Finding[];
  readonly timeline: readonly TimelineEvent[];
  readonly until: Micros;
  readonly numShrinks: number;
  readonly path: string;
}

export interface ExploreShardResult {
  readonly format: typeof EXPLORE_FORMAT;
  readonly scenario: string;
  readonly seed: number;
  readonly runs: number;
  readonly options: { readonly kinds: readonly string[] | null; readonly maxFaults: number; readonly horizon: Micros; readonly allowTotalOutage: boolean };
  readonly shard: { readonly index: number; readonly count: number };
  /** The scenario's warnings as explore prints them (what vrrplab does not simulate). */
  readonly warnings: readonly string[];
  /** Runs this shard judged before its first failure (or all of its slice). */
  readonly judged: number;
  readonly failures: readonly ShardFailure[];
}

export function exploreShard(scenario: LoadedScenario, opts: ExploreOptions, shard: { index: number; count: number }): ExploreShardResult {
  const base = scenario.spec;
  const arb = exploreArbitrary(base, opts);
  const schedules = fc.sample(arb, { seed: opts.seed, numRuns: opts.runs });
  const failures: ShardFailure[] = [];
  let judged = 0;
  const slice = Math.ceil(Math.max(0, opts.runs - shard.index) / shard.count);
  for (let k = shard.index; k < opts.runs; k += shard.count) {
    judged++;
    opts.onProgress?.({ phase: 'run', done: judged, total: slice });
    const s = schedules[k] as FaultSchedule;
    const ok = judge(scenario, withSchedule(base, s)).length === 0;
    opts.onJudged?.(k, ok);
    if (ok) continue;
    const r = fc.check(fc.property(arb, (x) => judge(scenario, withSchedule(base, x)).length === 0), { seed: opts.seed, numRuns: opts.runs, path: String(k) });
    const shrunk = r.failed && r.counterexample !== null ? r.counterexample[0] : s;
    const spec = withSchedule(base, shrunk);
    failures.push({ run: k, findings: judge(scenario, spec), timeline: spec.timeline, until: spec.until, numShrinks: r.numShrinks, path: r.counterexamplePath ?? String(k) });
    break;
  }
  return shardResult(scenario, opts, shard, judged, failures);
}

/** A shard's JSON (also what explore --jobs --shard prints for the slice its children shared). */
export function shardResult(scenario: LoadedScenario, opts: ExploreOptions, shard: { index: number; count: number }, judged: number, failures: readonly ShardFailure[]): ExploreShardResult {
  const horizon = opts.horizon ?? defaultHorizon(scenario.spec);
  return {
    format: EXPLORE_FORMAT, scenario: scenario.file, seed: opts.seed, runs: opts.runs,
    options: { kinds: opts.kinds ?? null, maxFaults: opts.maxFaults ?? 4, horizon, allowTotalOutage: opts.allowTotalOutage === true },
    warnings: warningLines(scenario.warnings), shard, judged, failures,
  };
}

export interface MergedExplore {
  readonly scenario: string;
  readonly seed: number;
  readonly runs: number;
  readonly judged: number;
  readonly warnings: readonly string[];
  /** Distinct shrunk failures, by the run that found them first. */
  readonly failures: readonly ShardFailure[];
}

export function mergeExplore(files: readonly { file: string; text: string }[]): MergedExplore {
  if (files.length === 0) throw new InputError('no files, expected the JSON results of every explore shard', { file: 'merge' });
  const parsed = files.map(({ file, text }) => {
    let v: unknown;
    try { v = JSON.parse(text); } catch { throw new InputError('not JSON, expected the output of vrrplab explore --shard i/n', { file }); }
    if (v === null || typeof v !== 'object' || (v as { format?: unknown }).format !== EXPLORE_FORMAT) throw new InputError(`not an explore shard, expected JSON with "format": "${EXPLORE_FORMAT}"`, { file });
    return { file, r: v as ExploreShardResult };
  });
  const first = parsed[0] as { file: string; r: ExploreShardResult };
  const key = (r: ExploreShardResult): string => JSON.stringify([r.scenario, r.seed, r.runs, r.options, r.shard.count]);
  const seen = new Set<number>();
  for (const { file, r } of parsed) {
    if (key(r) !== key(first.r)) throw new InputError(`a shard of a different exploration than ${first.file} (scenario, seed, runs, options or shard count differ), expected shards of one exploration`, { file });
    if (seen.has(r.shard.index)) throw new InputError(`shard ${r.shard.index}/${r.shard.count} given twice, expected each shard once`, { file });
    seen.add(r.shard.index);
  }
  const missing = [...Array(first.r.shard.count).keys()].filter((i) => !seen.has(i));
  if (missing.length > 0) throw new InputError(`shard(s) ${missing.map((i) => `${i}/${first.r.shard.count}`).join(', ')} missing, expected all ${first.r.shard.count} shards`, { file: 'merge' });
  const all = parsed.flatMap(({ r }) => r.failures).sort((a, b) => a.run - b.run);
  const distinct = new Map<string, ShardFailure>();
  for (const f of all) {
    const k = JSON.stringify([f.timeline, f.findings]);
    if (!distinct.has(k)) distinct.set(k, f);
  }
  return { scenario: first.r.scenario, seed: first.r.seed, runs: first.r.runs, warnings: first.r.warnings ?? [], judged: parsed.reduce((s, { r }) => s + r.judged, 0), failures: [...distinct.values()] };
}

/**
 * The unsharded outcome from its first failure found by a shard: the shrunk schedule is replayed
 * from fast-check's path (a few judgements, not the shrinking again) and must give the timeline
 * the shard reported.
 */
export function outcomeOf(scenario: LoadedScenario, opts: ExploreOptions, f: ShardFailure): ExploreOutcome {
  const base = scenario.spec;
  const r = fc.check(fc.property(exploreArbitrary(base, opts), (x) => judge(scenario, withSchedule(base, x)).length === 0), { seed: opts.seed, numRuns: opts.runs, path: f.path });
  const schedule = r.counterexample?.[0];
  const spec = schedule === undefined ? undefined : withSchedule(base, schedule);
  if (schedule === undefined || spec === undefined || JSON.stringify(spec.timeline) !== JSON.stringify(f.timeline)) throw new Error(`replaying run ${f.run}'s path ${f.path} did not give the schedule its shard shrank to`);
  return { seed: opts.seed, runs: f.run + 1, failure: { schedule, spec, findings: f.findings, foundAt: f.run + 1, numShrinks: f.numShrinks, path: f.path } };
}
