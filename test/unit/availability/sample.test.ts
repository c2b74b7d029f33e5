// Histories: reproducible from the run seed, independent streams per process (a variant with
// one more node keeps every other failure: common random numbers), no overlapping failures of
// one host, and draws whose means match their distributions.
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../sim/prng.js';
import { mean, sample, type Dist } from '../../../src/availability/dist.js';
import { parseLongDuration, YEAR, DAY } from '../../../src/availability/duration.js';
import { sampleHistory } from '../../../src/availability/sample.js';
import { applySets } from '../../../src/availability/variants.js';
import { twoNodes, variantOf, TWO_NODES } from './fixture.js';
import { readFileSync } from 'node:fs';

const WEEK = 7 * DAY;

describe('failure distributions', () => {
  const cases: Dist[] = [
    { kind: 'exponential', mean: 1_000_000 },
    { kind: 'fixed', value: 42 },
    { kind: 'lognormal', median: 1_000_000, sigma: 1 },
    { kind: 'weibull', scale: 1_000_000, shape: 0.8 },
    { kind: 'weibull', scale: 1_000_000, shape: 3 },
  ];
  for (const d of cases) {
    it(`${d.kind} draws average to the distribution's mean (${JSON.stringify(d)})`, () => {
      const s = createPrng(11);
      const n = 40_000;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += sample(d, s);
      expect(Math.abs(sum / n - mean(d)) / mean(d)).toBeLessThan(0.03);
    });
  }

  it('long durations take d, w and y exactly', () => {
    expect(parseLongDuration('90d')).toBe(90 * DAY);
    expect(parseLongDuration('1.5w')).toBe(1.5 * WEEK);
    expect(parseLongDuration('1y')).toBe(YEAR);
    expect(parseLongDuration('250ms')).toBe(250_000);
    expect(parseLongDuration('3 days')).toMatch(/expected a duration like 90d/);
  });
});

describe('sampled histories', () => {
  it('are a pure function of the run seed', () => {
    const m = twoNodes().model;
    expect(JSON.stringify(sampleHistory(m, 5, 30 * DAY))).toBe(JSON.stringify(sampleHistory(m, 5, 30 * DAY)));
    expect(JSON.stringify(sampleHistory(m, 5, 30 * DAY))).not.toBe(JSON.stringify(sampleHistory(m, 6, 30 * DAY)));
  });

  it('keep a host\'s failures apart: no crash, reboot or restart while it is down', () => {
    const h = sampleHistory(twoNodes().model, 9, 30 * DAY);
    for (const node of ['lb-a', 'lb-b']) {
      let down = false;
      for (const e of h.timeline) {
        if (!('node' in e.fault) || e.fault.node !== node) continue;
        if (e.fault.kind === 'crash') { expect(down).toBe(false); down = true; }
        if (e.fault.kind === 'start') { expect(down).toBe(true); down = false; }
        if (e.fault.kind === 'restart') expect(down).toBe(false);
      }
    }
    const starts = h.timeline.map((e) => e.at);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('fail about as often as MTBF and MTTR say', () => {
    // lb-a and lb-b crash with mtbf 20m, mttr lognormal median 2m sigma 1 (mean 2m·e^0.5); minus the windows maintenance takes.
    const h = sampleHistory(twoNodes().model, 1, YEAR);
    const crashes = h.timeline.filter((e) => e.fault.kind === 'crash' && e.fault.node === 'lb-b').length;
    const cycle = 20 * 60e6 + 120e6 * Math.exp(0.5);
    expect(crashes / (YEAR / cycle)).toBeGreaterThan(0.95);
    expect(crashes / (YEAR / cycle)).toBeLessThan(1.05);
  });

  it('share the failures two variants have in common (common random numbers)', () => {
    const base = twoNodes();
    // A third node with its own crash process: lb-a's and lb-b's failure times must not move.
    const text = applySets(readFileSync(TWO_NODES, 'utf8'), 'failures.0.crash=[lb-a, lb-b, lb-c]; nodes.2={name: lb-c, address: 192.0.2.3}');
    const more = variantOf('three', text);
    const pick = (tl: ReturnType<typeof sampleHistory>['timeline']): unknown[] => tl.filter((e) => 'node' in e.fault && e.fault.node !== 'lb-c');
    const a = sampleHistory(base.model, 3, 30 * DAY).timeline;
    const b = sampleHistory(more.model, 3, 30 * DAY).timeline;
    expect(b.some((e) => 'node' in e.fault && e.fault.node === 'lb-c')).toBe(true);
    expect(pick(b)).toEqual(pick(a));
  });
});
