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

export function benchSeedHour(reps = 15): SeedHourResult {
  const scenario = loadScenario(SEED_SCENARIO, { until: HOUR });
  const first = runLoaded(scenario);
  // Ten untimed runs: with fast-forward a run is a few ms, too short to warm the JIT in two.
  const t = timeMedian(() => { runLoaded(scenario); }, reps, 10);
  return {
    ...t,
    ratioToReal: HOUR / 1000 / t.cpuMs,
    events: first.result.stats.events,
    advertDeliveries: first.result.stats.advertDeliveries,
    ok: first.ok,
  };
}
