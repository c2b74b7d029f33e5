import { describe, expect, it } from 'vitest';
import { nines, normalQuantile, percentile, tInterval, tQuantile } from '../../../src/availability/estimate.js';

describe('estimator', () => {
  it('t quantiles match the tables', () => {
    // Two-sided 95% critical values (any statistics table).
    const table: [number, number][] = [[1, 12.706], [2, 4.303], [3, 3.182], [5, 2.571], [10, 2.228], [30, 2.042], [100, 1.984]];
    for (const [df, t] of table) expect(Math.abs(tQuantile(0.975, df) - t)).toBeLessThan(0.004);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
  });

  it('the interval is mean ± t·s/√n', () => {
    const iv = tInterval([1, 2, 3, 4, 5], 0.95);
    expect(iv.mean).toBe(3);
    expect(iv.high - iv.mean).toBeCloseTo(2.776 * Math.sqrt(2.5 / 5), 2);
    expect(tInterval([2, 2, 2], 0.95)).toEqual({ mean: 2, low: 2, high: 2, n: 3 });
  });

  it('percentiles by nearest rank, nines as -log10', () => {
    const xs = [...Array(100).keys()].map((i) => i + 1);
    expect([percentile(xs, 0.5), percentile(xs, 0.9), percentile(xs, 0.99), percentile(xs, 1)]).toEqual([50, 90, 99, 100]);
    expect(nines(0.001)).toBeCloseTo(3, 12);
    expect(nines(0)).toBeNull();
  });
});
