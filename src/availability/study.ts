// A study: N independent histories of Y virtual years for every variant, on the same failure
// histories (common random numbers), accounted and summarised. Run k's seed derives from the
// master seed and k alone, so any slice of the runs (a shard) computes exactly the records the
// unsharded study computes for them, and merging the slices' records gives the same result.
import type { Micros } from '../vrrp/types.js';
import type { SimSpec } from '../../sim/spec.js';
import { simulate } from '../../sim/simulate.js';
import { accountRun, type VariantRun } from './account.js';
import { YEAR } from './duration.js';
import { sampleHistory, deriveSeed } from './sample.js';
import { summarize, type StudySummary } from './summary.js';
import type { Variant } from './variants.js';

export const FORMAT = 'vrrplab-availability/1';
export const ESTIMATOR = 'independent replications: Student t-interval over the per-run unavailabilities (differences: paired over the same histories)';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface StudyParams {
  readonly years: number;
  readonly runs: number;
  readonly seed: number;
  readonly level: number;
  readonly estimator: string;
  readonly variants: readonly { readonly name: string; readonly file: string; readonly digest: string }[];
  /** Everything that could change the answer and that vrrplab does not simulate. */
  readonly warnings: readonly string[];
}

export interface RunRecord {
  readonly run: number;
  readonly seed: number;
  readonly variants: readonly VariantRun[];
}

export interface StudyResult {
  readonly format: typeof FORMAT;
  readonly study: StudyParams;
  readonly shard: Shard | null;
  readonly summary: StudySummary;
  readonly runs: readonly RunRecord[];
}

export interface StudyOptions {
  readonly years: number;
  readonly runs: number;
  readonly seed: number;
  readonly shard: Shard | null;
  readonly level?: number;
  readonly onRun?: (done: number, total: number) => void;
}

/** The run indices of a shard: every count-th run from index (round robin balances the slices). */
export function shardRuns(runs: number, shard: Shard | null): number[] {
  const out: number[] = [];
  for (let k = shard?.index ?? 0; k < runs; k += shard?.count ?? 1) out.push(k);
  return out;
}

export function runSeed(master: number, run: number): number {
  return deriveSeed(master, `run ${run}`);
}

/** The spec of one history of one variant: the scenario's world, the sampled failures as its timeline. */
export function historySpec(v: Variant, seed: number, until: Micros): { spec: SimSpec; episodes: ReturnType<typeof sampleHistory>['episodes'] } {
  const h = sampleHistory(v.model, seed, until);
  return { spec: { ...v.scenario.spec, seed: deriveSeed(seed, 'sim'), until, timeline: h.timeline, traceAdverts: false }, episodes: h.episodes };
}

export function runOne(variants: readonly Variant[], run: number, master: number, until: Micros): RunRecord {
  const seed = runSeed(master, run);
  return {
    run,
    seed,
    variants: variants.map((v) => {
      const { spec, episodes } = historySpec(v, seed, until);
      return accountRun(simulate(spec), spec.probes, episodes);
    }),
  };
}

export function studyParams(variants: readonly Variant[], opts: StudyOptions): StudyParams {
  return {
    years: opts.years,
    runs: opts.runs,
    seed: opts.seed,
    level: opts.level ?? 0.95,
    estimator: ESTIMATOR,
    variants: variants.map((v) => ({ name: v.name, file: v.file, digest: v.digest })),
    warnings: studyWarnings(variants),
  };
}

export function runStudy(variants: readonly Variant[], opts: StudyOptions): StudyResult {
  const until = historyLength(opts.years);
  const ks = shardRuns(opts.runs, opts.shard);
  const runs: RunRecord[] = [];
  for (const k of ks) {
    runs.push(runOne(variants, k, opts.seed, until));
    opts.onRun?.(runs.length, ks.length);
  }
  return assemble(studyParams(variants, opts), opts.shard, runs);
}

export function historyLength(years: number): Micros {
  return Math.max(1, Math.round(years * YEAR));
}

export function assemble(study: StudyParams, shard: Shard | null, runs: readonly RunRecord[]): StudyResult {
  return { format: FORMAT, study, shard, summary: summarize(study, runs), runs };
}

/** Each warning once, with the variants it concerns when not all of them. */
function studyWarnings(variants: readonly Variant[]): string[] {
  const seen = new Map<string, string[]>();
  const add = (v: Variant, text: string): void => {
    const list = seen.get(text) ?? [];
    if (!list.includes(v.name)) list.push(v.name);
    seen.set(text, list);
  };
  for (const v of variants) {
    // Positions are left out: a --set variant is the scenario re-serialised, with other line numbers.
    for (const w of v.scenario.warnings) add(v, w.message);
    if (v.scenario.spec.timeline.length > 0) add(v, `the scenario's timeline (${v.scenario.spec.timeline.length} event(s)) is replaced by the histories sampled from failures:`);
    if (v.model.processes.length === 0 && v.model.maintenance.length === 0) add(v, 'the scenario has no failures: block, so nothing ever fails');
  }
  const out = [...seen].map(([text, names]) => (names.length === variants.length ? text : `${text} (${names.join(', ')})`));
  out.push('failure processes are independent of each other: correlated failures (a rack, a hypervisor, a shared switch) are not simulated unless written as one process');
  return out;
}
