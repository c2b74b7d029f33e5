// The shared meter, and one long run measured with it: the run in slices is the same run.
import { describe, expect, it } from 'vitest';
import { createMeter } from '../../../sim/report/progress.js';
import { runScenarioFile } from '../../../sim/scenario/run.js';
import { renderJsonLines } from '../../../sim/scenario/report-json.js';
import { scenarioFilesIn } from '../../../src/cli/run.js';

describe('createMeter', () => {
  it('off a terminal: a line per tenth, only once the work has taken quietFor', () => {
    let s = '';
    let clock = 0;
    const m = createMeter({ write: (t) => { s += t; }, isTTY: false }, 'vrrplab', { now: () => clock, quietFor: 1000 });
    for (let i = 1; i <= 100; i++) {
      clock = i * 20; // 2 s for the whole run: quiet for the first half
      m.update(i, 100, `${i}%`);
    }
    m.end();
    expect(s.split('\n').filter((l) => l !== '')).toEqual(['vrrplab: 50%', 'vrrplab: 60%', 'vrrplab: 70%', 'vrrplab: 80%', 'vrrplab: 90%', 'vrrplab: 100%']);
  });

  it('on a terminal: one redrawn bar, erased at the end', () => {
    let s = '';
    const m = createMeter({ write: (t) => { s += t; }, isTTY: true }, 'vrrplab');
    m.update(1, 2, 'half');
    m.end();
    expect(s).toBe(`\r[${'#'.repeat(15)}${' '.repeat(15)}] half\u001b[K\r\u001b[K`);
  });
});

describe('a single run with progress', () => {
  it('reports a hundred slices of virtual time and tells the same story as a run without', () => {
    for (const f of scenarioFilesIn('scenarios')) {
      const seen: number[] = [];
      const sliced = runScenarioFile(f, {}, { onProgress: (now) => seen.push(now) });
      expect(seen.length).toBe(100);
      expect(seen.at(-1)).toBe(sliced.result.end);
      expect(renderJsonLines(sliced), f).toBe(renderJsonLines(runScenarioFile(f)));
    }
  });
});
