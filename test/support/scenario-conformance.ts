// What a conformance test on one shipped scenario shares: the prerequisites (a loud skip outside
// CI, a failure under CI=true), one real keepalived run compared with the simulator before the
// cases, and the case that the whole comparison agrees.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/load.js';
import { simulate } from '../../sim/simulate.js';
import { checkConformance, type ConformanceResult } from '../../src/conformance/conformance.js';
import { formatComparisonText } from '../../src/conformance/compare-text.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');

/**
 * `title`'s suite for scenarios/`file`: `cases` get the run's result (compared with the
 * simulator, as `vrrplab conformance` does) once the suite's beforeAll has made it.
 */
export async function scenarioConformanceSuite(file: string, title: string, what: string, cases: (result: () => ConformanceResult) => void): Promise<void> {
  const missing = await missingPrerequisites(['root', 'ip', 'keepalived']);
  const why = missing.map(describePrerequisite).join(', ');
  const skip = missing.length > 0 && process.env['CI'] !== 'true';
  if (skip) console.warn(`SKIPPING ${what}: missing ${why}`);

  describe.skipIf(skip)(title, () => {
    const { spec } = loadScenario(join(SCENARIOS, file), { readFile: (p) => readFileSync(p, 'utf8') });
    let r: ConformanceResult | undefined;
    beforeAll(async () => {
      if (missing.length > 0) return;
      r = await checkConformance(spec, simulate);
    }, spec.until / 1000 + 60_000);
    const result = (): ConformanceResult => {
      if (r === undefined) throw new Error(`no real run: missing ${why}`);
      return r;
    };

    it('has its prerequisites (fails on CI when missing)', () => {
      expect(missing, `missing ${why}`).toEqual([]);
    });

    cases(result);

    it('agrees with the simulator', () => {
      expect(result().comparison.verdict, formatComparisonText(result().comparison)).toBe('agree');
    });
  });
}
