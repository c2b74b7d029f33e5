// One scenario run: load -> simulate -> verdicts. Reports are rendered from the returned value.
import type { InputError } from '../../src/cli/errors.js';
import type { SimResult } from '../trace.js';
import { simulate } from '../simulate.js';
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

export function runLoaded(scenario: LoadedScenario): ScenarioRun {
  const result = simulate(scenario.spec);
  const verdicts = evaluate(scenario.expectations, result, scenario.spec);
  return { scenario, result, verdicts, ok: verdicts.every((v) => v.ok) };
}

export function runScenarioFile(path: string, opts: LoadOptions = {}): ScenarioRun {
  return runLoaded(loadScenario(path, opts));
}
