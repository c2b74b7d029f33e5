// Figures for issue 16's long runs, in-process and warm (load once, then simulate + evaluate
// as `vrrplab run` does): the seed scenario over 24 h of virtual time, and over one virtual
// year with one fault a week (node 02 crashes and comes back ten minutes later, each Monday at
// 01:00 after the first week), the run the availability estimate needs by the thousand.
import { loadScenario } from '../sim/scenario/load.js';
import type { LoadedScenario } from '../sim/scenario/load.js';
import { runLoaded } from '../sim/scenario/run.js';
import type { TimelineEvent } from '../sim/spec.js';
import { timeMedian } from './measure.js';
import { SEED_SCENARIO } from './seed-hour.js';

const HOUR = 3_600_000_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const YEAR = 365 * DAY;

export interface LongRunResult {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly reps: number;
  readonly events: number;
  readonly ok: boolean;
}

function measure(s: LoadedScenario, reps: number, fastForward: boolean): LongRunResult {
  const scenario = { ...s, spec: { ...s.spec, fastForward } };
  const first = runLoaded(scenario);
  const t = timeMedian(() => { runLoaded(scenario); }, reps, 3);
  return { ...t, events: first.result.stats.events, ok: first.ok };
}

// A median of 25 like the seed hour it is divided by: the day takes about a millisecond, and a
// median of 5 moved with single garbage collections (one full bench read 1.76 ×, when the same
// process's day and hour, timed again, read 0.67–1.21 ×).
export function seedDay(reps = 25, fastForward = true): LongRunResult {
  return measure(loadScenario(SEED_SCENARIO, { until: DAY }), reps, fastForward);
}

export function seedYearScenario(): LoadedScenario {
  const s = loadScenario(SEED_SCENARIO, { until: YEAR });
  const node = 'ose-ha-node-02.example.com';
  const weekly: TimelineEvent[] = [];
  for (let at = WEEK + HOUR; at < YEAR; at += WEEK) {
    weekly.push({ at, fault: { kind: 'crash', node } }, { at: at + 10 * 60_000_000, fault: { kind: 'start', node } });
  }
  return { ...s, spec: { ...s.spec, timeline: [...s.spec.timeline, ...weekly] } };
}

export function seedYear(reps = 3, fastForward = true): LongRunResult {
  return measure(seedYearScenario(), reps, fastForward);
}
