// `npx tsx bench/availability.ts [--days D] [--runs N]`: the two performance targets of issue 17.
// (a) 2 nodes, 1 VIP, 1 probe, about one fault a week: virtual years per CPU-second (target ≥ 1,000);
// (b) the seed topology (scenarios/openshift-availability.yaml, base variant): CPU time of
//     1,000 runs × 1 year (target ≤ 10 s on one core), extrapolated from N runs × D days.
// Histories are shortened (D days) so the bench finishes while steady phases still cost time;
// the figure is linear in virtual time for the engine as it is, so the extrapolation is honest —
// once steady phases are fast-forwarded, run it with --days 365 to measure instead.
import { readFileSync } from 'node:fs';
import { loadVariant, type Variant } from '../src/availability/variants.js';
import { runStudy } from '../src/availability/study.js';
import { describeMachine, load } from './machine.js';
import { fmt, timeOnce } from './measure.js';
import { pairText } from './availability-cases.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const days = arg('--days', 1);
const runs = arg('--runs', 3);
const years = days / 365.25;
const read = (p: string): string => readFileSync(p, 'utf8');

function bench(v: Variant): { cpuMs: number; wallMs: number; virtualYears: number } {
  runStudy([v], { years, runs: 2, seed: 1, shard: null }); // JIT warm-up
  const t = timeOnce(() => { runStudy([v], { years, runs, seed: 1, shard: null }); });
  return { ...t, virtualYears: years * runs };
}

const m = describeMachine();
process.stdout.write(`machine: ${m.cpu}, ${m.cores} cores, node ${m.node}; load ${load()}; ${runs} runs × ${days} day(s) per case\n`);
const pair = bench(loadVariant('pair', pairText(), 'bench-pair.yaml', read));
const perSec = pair.virtualYears / (pair.cpuMs / 1000);
process.stdout.write(`(a) 2 nodes, 1 VIP, 1 probe, ~1 fault/week: ${fmt(perSec, 3)} virtual years per CPU-second (${fmt(pair.cpuMs)} ms CPU for ${fmt(pair.virtualYears * 365.25, 1)} virtual days); target ≥ 1,000: ${perSec >= 1000 ? 'target met' : 'TARGET MISSED'}\n`);
const seedFile = 'scenarios/openshift-availability.yaml';
const seed = bench(loadVariant('seed', read(seedFile), seedFile, read));
const thousandYears = (seed.cpuMs / 1000) * (1000 / seed.virtualYears);
process.stdout.write(`(b) seed topology: 1,000 runs × 1 year ≈ ${fmt(thousandYears, 0)} s CPU (extrapolated from ${fmt(seed.cpuMs)} ms for ${fmt(seed.virtualYears * 365.25, 1)} virtual days); target ≤ 10 s: ${thousandYears <= 10 ? 'target met' : 'TARGET MISSED'}; load ${load()}\n`);
