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
  /** Called as virtual time advances (a hundred times over the run), for a progress meter. */
  readonly onProgress?: (now: Micros, until: Micros) => void;
  /**
   * Receives the trace as the run makes it (at least once per hundredth of the run), so reports
   * can be written as they happen. The run's `result.trace` then keeps every event but adverts,
   * which only this sink sees: verdicts are judged as in a run without adverts traced.
   */
  readonly onTrace?: TraceSink;
}

const SLICES = 100;

/** The same run in slices of virtual time: runUntil is resumable, so the trace is the same. */
export function simulateInSlices(spec: SimSpec, onProgress: (now: Micros, until: Micros) => void, onTrace?: TraceSink): SimResult {
  const kept: TraceEvent[] = [];
  const sim = onTrace === undefined ? createSim(spec) : createSim(spec, {
    onTrace: (events) => {
      for (const e of events) if (e.type !== 'advert') kept.push(e);
      onTrace(events);
    },
  });
  for (let k = 1; k <= SLICES; k++) {
    runUntil(sim, Math.floor((spec.until * k) / SLICES));
    flushTrace(sim);
    onProgress(Math.floor((spec.until * k) / SLICES), spec.until);
  }
  if (onTrace === undefined) return resultOf(sim);
  flushTrace(sim, true);
  return { ...resultOf(sim), trace: kept };
}

export function runLoaded(scenario: LoadedScenario, opts: RunOptions = {}): ScenarioRun {
  const result = opts.onProgress === undefined && opts.onTrace === undefined
    ? simulate(scenario.spec)
    : simulateInSlices(scenario.spec, opts.onProgress ?? (() => undefined), opts.onTrace);
  const verdicts = evaluate(scenario.expectations, result, scenario.spec);
  return { scenario, result, verdicts, ok: verdicts.every((v) => v.ok) };
}

export function runScenarioFile(path: string, opts: LoadOptions = {}, run: RunOptions = {}): ScenarioRun {
  return runLoaded(loadScenario(path, opts), run);
}
