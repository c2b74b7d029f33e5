// One scenario run: load -> simulate -> verdicts. Reports are rendered from the returned value.
import type { InputError } from '../../src/cli/errors.js';
import type { SimResult } from '../trace.js';
import type { Micros } from '../../src/vrrp/types.js';
import { createSim, result as resultOf, runUntil, simulate } from '../simulate.js';
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
}

const SLICES = 100;

/** The same run in slices of virtual time: runUntil is resumable, so the trace is the same. */
export function simulateInSlices(spec: SimSpec, onProgress: (now: Micros, until: Micros) => void): SimResult {
  const sim = createSim(spec);
  for (let k = 1; k <= SLICES; k++) {
    runUntil(sim, Math.floor((spec.until * k) / SLICES));
    onProgress(Math.floor((spec.until * k) / SLICES), spec.until);
  }
  return resultOf(sim);
}

export function runLoaded(scenario: LoadedScenario, opts: RunOptions = {}): ScenarioRun {
  const result = opts.onProgress === undefined ? simulate(scenario.spec) : simulateInSlices(scenario.spec, opts.onProgress);
  const verdicts = evaluate(scenario.expectations, result, scenario.spec);
  return { scenario, result, verdicts, ok: verdicts.every((v) => v.ok) };
}

export function runScenarioFile(path: string, opts: LoadOptions = {}, run: RunOptions = {}): ScenarioRun {
  return runLoaded(loadScenario(path, opts), run);
}
