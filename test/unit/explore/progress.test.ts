// Progress: a redrawn bar for a terminal, plain lines (one per tenth) for logs.
import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../../src/explore/progress.js';

describe('progressReporter', () => {
  it('redraws one bar on a terminal and clears it at the end', () => {
    let s = '';
    const p = progressReporter((t) => { s += t; }, true);
    for (let i = 1; i <= 4; i++) p.update({ phase: 'run', done: i, total: 4 });
    p.update({ phase: 'shrink', done: 3, total: 4 });
    p.end();
    expect(s).not.toContain('\n');
    expect(s).toContain('\r[##############################] 4/4 runs');
    expect(s).toContain('shrinking (3 tried)');
    expect(s.endsWith('\r\u001b[K')).toBe(true);
  });

  it('writes a plain line per tenth of the runs and one when shrinking starts', () => {
    let s = '';
    const p = progressReporter((t) => { s += t; }, false);
    for (let i = 1; i <= 100; i++) p.update({ phase: 'run', done: i, total: 100 });
    p.update({ phase: 'shrink', done: 1, total: 100 });
    p.update({ phase: 'shrink', done: 2, total: 100 });
    p.end();
    expect(s.split('\n').filter((l) => l !== '')).toEqual([...Array.from({ length: 10 }, (_, i) => `explore: ${(i + 1) * 10}/100 runs`), 'explore: failure found, shrinking']);
    expect(s).not.toContain('\r');
  });
});
