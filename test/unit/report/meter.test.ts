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
  it('reports hundredths of virtual time, fewer once slices are quick, and tells the same story as a run without', () => {
    for (const f of scenarioFilesIn('scenarios')) {
      const whole = renderJsonLines(runScenarioFile(f));
      // A clock that says every slice took 50 ms: a slice per hundredth.
      let t = 0;
      const slow: number[] = [];
      const sliced = runScenarioFile(f, {}, { onProgress: (now) => slow.push(now), clock: () => (t += 50) });
      expect(slow.length).toBe(100);
      expect(slow.at(-1)).toBe(sliced.result.end);
      expect(renderJsonLines(sliced), f).toBe(whole);
      // Every slice instant: 1, 2, 4, ... hundredths at a time.
      const quick: number[] = [];
      const fewer = runScenarioFile(f, {}, { onProgress: (now) => quick.push(now), clock: () => 0 });
      const until = fewer.result.end;
      expect(quick.map((x) => Math.round((x * 100) / until))).toEqual([1, 3, 7, 15, 31, 63, 100]);
      expect(renderJsonLines(fewer), f).toBe(whole);
    }
  });
});
