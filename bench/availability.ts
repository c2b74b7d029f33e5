// `npx tsx bench/availability.ts [--years Y] [--runs N] [--seed-runs M]`: the two performance
// targets of issue 17, measured on whole histories (CPU time, warm: the same runs once first, untimed).
// (a) 2 nodes, 1 VIP, 1 probe, about one fault a week: virtual years per CPU-second (target ≥ 1,000);
// (b) the seed topology (scenarios/openshift-availability.yaml, base variant): CPU time of
//     1,000 runs × 1 year (target ≤ 10 s on one core), from M runs × Y years (runs are
//     independent, so the cost is linear in their number; virtual time is not, the steady
//     phases being skipped, which is why whole years are run).
// bench/availability-profile.ts says where a history's time goes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadVariant, type Variant } from '../src/availability/variants.js';
import { runStudy } from '../src/availability/study.js';
import { pairText } from './availability-cases.js';
import { describeMachine, load } from './machine.js';
import { fmt, timeOnce } from './measure.js';

export const AVAILABILITY_TARGETS = { pairYearsPerCpuSec: 1000, seedThousandYearsSec: 10 } as const;

export interface AvailabilityBench {
  readonly years: number;
  /** (a): virtual years per CPU-second, and what it was measured on. */
  readonly pair: { readonly runs: number; readonly cpuMs: number; readonly yearsPerCpuSec: number };
  /** (b): CPU seconds for 1,000 runs × 1 year, from `runs` runs. */
  readonly seed: { readonly runs: number; readonly cpuMs: number; readonly thousandYearsSec: number };
  readonly load: string;
}

const read = (p: string): string => readFileSync(p, 'utf8');

/**
 * Warm: the same study once untimed first. A study of hundreds of runs pays V8's warm-up once;
 * two warm-up runs did not (the first 20 pair-years cost ~30 ms each, the fifth 20 ~4 ms, the
 * first 4 seed-years ~250 ms each against ~65 ms later), so the figures were mostly warm-up.
 */
function cpuOf(v: Variant, years: number, runs: number): number {
  runStudy([v], { years, runs, seed: 1, shard: null });
  return timeOnce(() => { runStudy([v], { years, runs, seed: 1, shard: null }); }).cpuMs;
}

export function benchAvailability(opts: { readonly years?: number | undefined; readonly pairRuns?: number | undefined; readonly seedRuns?: number | undefined } = {}): AvailabilityBench {
  const years = opts.years ?? 1;
  const pairRuns = opts.pairRuns ?? 60;
  const seedRuns = opts.seedRuns ?? 10;
  const l = load();
  const pairMs = cpuOf(loadVariant('pair', pairText(), 'bench-pair.yaml', read), years, pairRuns);
  const seedFile = 'scenarios/openshift-availability.yaml';
  const seedMs = cpuOf(loadVariant('seed', read(seedFile), seedFile, read), years, seedRuns);
  return {
    years,
    pair: { runs: pairRuns, cpuMs: pairMs, yearsPerCpuSec: (pairRuns * years) / (pairMs / 1000) },
    seed: { runs: seedRuns, cpuMs: seedMs, thousandYearsSec: (seedMs / 1000) * (1000 / (seedRuns * years)) },
    load: l,
  };
}

export function availabilityLines(r: AvailabilityBench, verdict: (ok: boolean) => string): string[] {
  const t = AVAILABILITY_TARGETS;
  return [
    `(a) 2 nodes, 1 VIP, 1 probe, ~1 fault/week: ${fmt(r.pair.yearsPerCpuSec, 1)} virtual years per CPU-second (${fmt(r.pair.cpuMs, 0)} ms CPU for ${r.pair.runs} runs × ${r.years} year); target ≥ ${t.pairYearsPerCpuSec.toLocaleString('en-US')}: ${verdict(r.pair.yearsPerCpuSec >= t.pairYearsPerCpuSec)}`,
    `(b) seed topology, 1,000 runs × 1 year: ≈ ${fmt(r.seed.thousandYearsSec, 0)} s CPU (${fmt(r.seed.cpuMs, 0)} ms for ${r.seed.runs} runs × ${r.years} year); target ≤ ${t.seedThousandYearsSec} s: ${verdict(r.seed.thousandYearsSec <= t.seedThousandYearsSec)}`,
  ];
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string): number | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const m = describeMachine();
  const r = benchAvailability({ years: arg('--years'), pairRuns: arg('--runs'), seedRuns: arg('--seed-runs') });
  process.stdout.write(`machine: ${m.cpu}, ${m.cores} cores, node ${m.node}; load ${r.load}\n`);
  for (const line of availabilityLines(r, (ok) => (ok ? 'met' : 'NOT MET'))) process.stdout.write(`${line}; load ${load()}\n`);
}
