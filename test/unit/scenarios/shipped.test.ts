// Every scenario that ships is a lesson users copy: each must load, run green, and carry the
// schema line that gives editors completion.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioFilesIn } from '../../../src/cli/run.js';
import { runScenarioFile } from '../../../sim/scenario/run.js';
import { renderJsonLines } from '../../../sim/scenario/report-json.js';

const files = scenarioFilesIn('scenarios');

describe('scenarios/', () => {
  it('ships the seed scenario and at least ten more', () => {
    expect(files).toContain('scenarios/openshift-ha-router.yaml');
    expect(files.length).toBeGreaterThanOrEqual(11);
  });

  describe.each(files)('%s', (file) => {
    it('declares the JSON schema for editors', () => {
      expect(readFileSync(file, 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/schema\/scenario\.schema\.json$/m);
    });
    it('runs with every expectation holding', () => {
      const run = runScenarioFile(file);
      const failed = run.verdicts.filter((v) => !v.ok).map((v) => `${v.expectation.label}: ${v.detail}`);
      expect(failed).toEqual([]);
      expect(run.verdicts.length).toBeGreaterThan(0);
    });
    it('is deterministic: the same seed twice gives byte-identical JSON Lines', () => {
      expect(renderJsonLines(runScenarioFile(file))).toBe(renderJsonLines(runScenarioFile(file)));
    });
  });
});
