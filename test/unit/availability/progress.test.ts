import { describe, expect, it } from 'vitest';
import { studyProgress } from '../../../src/availability/progress.js';

describe('study progress', () => {
  it('redraws a bar with an ETA from the time per run on a terminal, and erases it at the end', () => {
    let out = '';
    let t = 0;
    const p = studyProgress((s) => { out += s; }, true, () => t);
    t = 10_000;
    p.update(1, 4);
    expect(out).toBe(`\r[${'#'.repeat(8)}${' '.repeat(22)}] 1/4 runs  0:10 elapsed, ETA 0:30\u001b[K`);
    p.end();
    expect(out.endsWith('\r\u001b[K')).toBe(true);
  });

  it('writes a line per tenth in a log, and nothing for a study under a second', () => {
    let out = '';
    let t = 0;
    const quick = studyProgress((s) => { out += s; }, false, () => t);
    for (let i = 1; i <= 10; i++) quick.update(i, 10);
    expect(out).toBe('');
    const slow = studyProgress((s) => { out += s; }, false, () => t);
    for (let i = 1; i <= 20; i++) { t += 1000; slow.update(i, 20); }
    expect(out.split('\n').filter((l) => l !== '').length).toBe(10);
    expect(out).toContain('availability: 20/20 runs, 0:');
  });
});
