// Figure 1: the seed scenario over one hour of virtual time, in-process (load once, then
// simulate + evaluate, as `vrrplab run` does after parsing).
import { loadScenario } from '../sim/scenario/load.js';
import { runLoaded } from '../sim/scenario/run.js';
import { timeMedian } from './measure.js';

export const SEED_SCENARIO = 'scenarios/openshift-ha-router.yaml';
const HOUR = 3_600_000_000;

export interface SeedHourResult {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly reps: number;
  /** Virtual seconds per CPU second. */
  readonly ratioToReal: number;
  readonly events: number;
  readonly advertDeliveries: number;
  readonly ok: boolean;
}

export function benchSeedHour(reps = 25): SeedHourResult {
  const scenario = loadScenario(SEED_SCENARIO, { until: HOUR });
  const first = runLoaded(scenario);
  // A hundred untimed runs: V8 keeps optimising for about 75 of them (medians of 25 runs in a
  // fresh process, load 5: 11.3, 5.6, 4.9, 4.4 ms, then 4.1-4.6), so ten warm-ups measured the
  // warm-up. What the first run in a fresh process costs is bench/first-run.ts's figure.
  const t = timeMedian(() => { runLoaded(scenario); }, reps, 100);
  return {
    ...t,
    ratioToReal: HOUR / 1000 / t.cpuMs,
    events: first.result.stats.events,
    advertDeliveries: first.result.stats.advertDeliveries,
    ok: first.ok,
  };
}
