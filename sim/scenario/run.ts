// One scenario run: load -> simulate -> verdicts. Reports are rendered from the returned value.
import type { InputError } from '../../src/cli/errors.js';
import type { SimResult, TraceEvent } from '../trace.js';
import type { TraceSink } from '../trace-log.js';
import type { Micros } from '../../src/vrrp/types.js';
import { createSim, flushTrace, result as resultOf, runUntil, simulate } from '../simulate.js';
import type { SimSpec } from '../spec.js';
import type { Verdict } from './expectations.js';
import { evaluate } from './evaluate.js';
import { loadScenario, type LoadedScenario, type LoadOptions } from './load.js';

export interface ScenarioRun {
  readonly scenario: LoadedScenario;
  readonly result: SimResult;
  readonly verdicts: readonly Verdict[];
  readonly ok: boolean;
}

/** A scenario of a folder run that could not be run: reported as an error item, the others still run. */
export interface ScenarioError {
  readonly file: string;
  readonly error: InputError;
}

export interface RunOptions {
  /**
   * Called as virtual time advances, at hundredths of the run (every one while they are slow
   * to simulate, fewer once they are quick), for a progress meter.
   */
  readonly onProgress?: (now: Micros, until: Micros) => void;
  /**
   * Receives the trace as the run makes it (in chunks, and whenever onProgress is called), so
   * reports can be written as they happen. The run's `result.trace` then keeps every event but
   * adverts, which only this sink sees: verdicts are judged as in a run without adverts traced.
   */
  readonly onTrace?: TraceSink;
  /** Milliseconds from some origin, to size the slices; injected so tests need no real clock. */
  readonly clock?: () => number;
  /**
   * The finest progress step, as parts of the run: 100 (the default) for a bar redrawn on a
   * terminal; 10 where progress is a line per tenth (a log), so a quick run is cut into 4 slices
   * instead of 7 (each boundary costs the fast-forward its period, ~0.5 ms of a cold hour).
   */
  readonly steps?: number;
}

const STEPS = 100;
/** Slices quicker than this grow: each runUntil boundary makes the fast-forward find its period again. */
const QUICK_SLICE_MS = 25;

/**
 * The same run in slices of virtual time: runUntil is resumable, so the trace is the same. A
 * slice ends on a hundredth of the run; quick slices double their length, because a slice
 * boundary costs a fast-forward its period (100 slices made the seed's first hour 7 × dearer).
 */
export function simulateInSlices(spec: SimSpec, onProgress: (now: Micros, until: Micros) => void, onTrace?: TraceSink, clock: () => number = () => performance.now(), steps = STEPS): SimResult {
  const kept: TraceEvent[] = [];
  const sim = onTrace === undefined ? createSim(spec) : createSim(spec, {
    onTrace: (events) => {
      for (const e of events) if (e.type !== 'advert') kept.push(e);
      onTrace(events);
    },
  });
  let stride = 1;
  for (let k = 0; k < steps;) {
    k = Math.min(steps, k + stride);
    const began = clock();
    runUntil(sim, Math.floor((spec.until * k) / steps));
    flushTrace(sim);
    onProgress(Math.floor((spec.until * k) / steps), spec.until);
    const took = clock() - began;
    if (took < QUICK_SLICE_MS) stride *= 2;
    else if (took > 4 * QUICK_SLICE_MS) stride = Math.max(1, stride >> 1);
  }
  if (onTrace === undefined) return resultOf(sim);
  flushTrace(sim, true);
  return { ...resultOf(sim), trace: kept };
}

export function runLoaded(scenario: LoadedScenario, opts: RunOptions = {}): ScenarioRun {
  const result = opts.onProgress === undefined && opts.onTrace === undefined
    ? simulate(scenario.spec)
    : simulateInSlices(scenario.spec, opts.onProgress ?? (() => undefined), opts.onTrace, opts.clock, opts.steps);
  const verdicts = evaluate(scenario.expectations, result, scenario.spec);
  return { scenario, result, verdicts, ok: verdicts.every((v) => v.ok) };
}

export function runScenarioFile(path: string, opts: LoadOptions = {}, run: RunOptions = {}): ScenarioRun {
  return runLoaded(loadScenario(path, opts), run);
}
