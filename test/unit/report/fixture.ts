// The report tests' run, and the same run with hostile strings put where scenario text goes.
import { runScenarioFile, type ScenarioRun } from '../../../sim/scenario/run.js';

export const FIXTURE = 'test/unit/report/two-routers.yaml';

export function fixtureRun(): ScenarioRun {
  return runScenarioFile(FIXTURE);
}

/** Markup, a script end tag, quotes, entities, a JS line separator, a control character. */
export const EVIL = `<img src=x onerror="alert(1)">'&amp;</script><!--\u2028\u0001`;

/** Every occurrence of `from` in every string of the run (trace, spec, verdicts) becomes `to`. */
export function renamed(run: ScenarioRun, from: string, to: string): ScenarioRun {
  return JSON.parse(JSON.stringify(run), (_k, v: unknown) => (typeof v === 'string' ? v.split(from).join(to) : v)) as ScenarioRun;
}

/** The run with a hostile node name, scenario name, description and expectation labels. */
export function hostileRun(run: ScenarioRun): ScenarioRun {
  const r = renamed(run, 'lb-b', `lb-b${EVIL}`);
  return {
    ...r,
    scenario: { ...r.scenario, name: `name${EVIL}`, description: `about${EVIL}` },
    verdicts: r.verdicts.map((v) => ({ ...v, detail: `${v.detail}${EVIL}`, expectation: { ...v.expectation, label: `${v.expectation.label}${EVIL}` } })),
  };
}
