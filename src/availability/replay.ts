// `vrrplab availability ... --history K|worst`: one run's sampled failure history written as a
// scenario, so the outages a study counted can be looked at event by event with `vrrplab run`
// (and its --html timeline). A study says how often and how long; an operator then asks why the
// worst one happened, and a number alone does not say.
import type { Micros } from '../vrrp/types.js';
import { scenarioWithTimeline } from '../explore/write-scenario.js';
import { historyLength, historySpec, runSeed, type RunRecord } from './study.js';
import type { Variant } from './variants.js';

export interface WorstRun {
  readonly run: number;
  readonly probe: string;
  readonly outage: Micros;
}

/**
 * The run whose single longest outage, on any probe of the first variant, is the longest of all
 * (the lowest run index among equals); null when no run has an outage.
 */
export function worstRun(runs: readonly RunRecord[]): WorstRun | null {
  let best: WorstRun | null = null;
  for (const r of runs) {
    for (const p of r.variants[0]?.probes ?? []) {
      for (const o of p.outages) if (best === null || o > best.outage || (o === best.outage && r.run < best.run)) best = { run: r.run, probe: p.probe, outage: o };
    }
  }
  return best;
}

/**
 * Run `run` of a study with master seed `master` as a scenario: the variant's file with the
 * history's faults as its timeline, the history's length as its duration and the run's own
 * simulation seed, so `vrrplab run` simulates exactly the world the study did (`path`: where
 * the variant's file is, to re-point relative keepalived paths from `outFile`).
 */
export function historyScenario(v: Variant, text: string, path: string, outFile: string, master: number, run: number, years: number, why: string): string {
  const { spec } = historySpec(v, runSeed(master, run), historyLength(years));
  return scenarioWithTimeline(text, path, outFile, spec.timeline, spec.until, {
    seed: spec.seed,
    header: (dropped) => [
      `# Run ${run} of \`vrrplab availability ${v.file} --years ${years} --seed ${master}\`${why === '' ? '' : ` (${why})`}:`,
      `# the ${spec.timeline.length} failures and repairs it sampled, as a timeline over ${years} virtual year(s), and the`,
      '# seed the study simulated it with. `vrrplab run` on this file replays that history; its probe',
      '# outages are the ones the study counted for this run (the failures: block is not read by run).',
      ...(dropped > 0 ? [`# ${dropped} expectation(s) pinned to an instant were left out: they describe the original timeline.`] : []),
      '#',
    ],
  });
}
