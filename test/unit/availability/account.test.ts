// A history's outage accounting must be the run timeline's: the same outages the scenario
// analysis (sim/scenario/analysis.ts, what `vrrplab run` reports) finds in the same trace, VIP
// unheld and dual time summing the holder spans, and a hand-checked single failover.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../sim/simulate.js';
import { probeAvailability, vipHolderSpans } from '../../../sim/scenario/analysis.js';
import { accountRun, cause } from '../../../src/availability/account.js';
import { historySpec, runSeed } from '../../../src/availability/study.js';
import { twoNodes, variantOf } from './fixture.js';
import { readFileSync } from 'node:fs';

const HOUR = 3_600_000_000;

describe('outage accounting of a history', () => {
  it('equals the scenario analysis of the same trace (two hours, every failure kind of the fixture)', () => {
    const v = twoNodes();
    for (const run of [0, 1, 2]) {
      const { spec, episodes } = historySpec(v, runSeed(7, run), 2 * HOUR);
      expect(spec.timeline.length).toBeGreaterThan(4);
      const r = simulate(spec);
      const rec = accountRun(r, spec.probes, episodes);
      // The study counts from the probe's first success (the start-up election is not a failure).
      const firstOk = probeAvailability(r.trace, 'web', r.end).firstOk ?? r.end;
      const a = probeAvailability(r.trace, 'web', r.end, firstOk);
      const p = rec.probes[0];
      expect(p?.probe).toBe('web');
      expect(p?.outages).toEqual(a.outages.map((w) => w.to - w.from));
      expect(p?.measured).toBe(r.end - firstOk);
      expect(p !== undefined && p.measured > 0 ? 1 - p.down / p.measured : 0).toBeCloseTo(a.ratio, 12);
      expect(p?.byCause.reduce((s, [, t]) => s + t, 0)).toBe(p?.down);
      const spans = vipHolderSpans(r.trace, r.end).get('192.0.2.100') ?? [];
      const unheld = spans.filter((s) => s.holders.length === 0).reduce((s, x) => s + x.to - x.from, 0);
      const dual = spans.filter((s) => s.holders.length >= 2).reduce((s, x) => s + x.to - x.from, 0);
      expect(rec.vips).toEqual([{ vip: '192.0.2.100', measured: r.end - (spans[0]?.from ?? 0), unheld, dual }]);
    }
  });

  it('counts a hand-checked failover: lb-a crashes at 10 s, lb-b holds the VIP from 12.828225 s', () => {
    // scenarios/election-and-master-crash.yaml states these instants; its failures come from a fixed process here.
    const text = readFileSync('scenarios/election-and-master-crash.yaml', 'utf8').replace(/\ntimeline:[\s\S]*$/, '\n')
      + 'failures:\n  - crash: lb-a\n    mtbf: { fixed: 10s }\n    mttr: { fixed: 10s }\n';
    const v = variantOf('crash', text);
    const { spec, episodes } = historySpec(v, 1, 15_000_000);
    expect(spec.timeline).toEqual([{ at: 10_000_000, fault: { kind: 'crash', node: 'lb-a' } }]);
    const rec = accountRun(simulate({ ...spec, seed: 1 }), spec.probes, episodes);
    expect(rec.vips[0]?.unheld).toBe(12_828_225 - 10_000_000);
    const p = rec.probes[0];
    expect(p?.outages.length).toBe(1);
    // Sent on the 100 ms grid: the first failing attempt leaves at 10.0 s or just after, the first good one after 12.828225 s.
    expect(p?.outages[0]).toBeGreaterThanOrEqual(2_828_225 - 100_000);
    expect(p?.outages[0]).toBeLessThanOrEqual(2_828_225 + 200_000);
    expect(p?.byCause).toEqual([['crash', p?.down]]);
  });

  it('blames the failure that began last before the outage (one timeout of slack), else the first during it', () => {
    const eps = [{ label: 'crash', from: 100, to: 200 }, { label: 'freeze', from: 300, to: 400 }];
    expect(cause({ from: 150, to: 500 }, eps, 10)).toBe('crash');
    expect(cause({ from: 295, to: 500 }, eps, 10)).toBe('freeze');
    expect(cause({ from: 50, to: 120 }, eps, 10)).toBe('crash');
    expect(cause({ from: 10, to: 20 }, eps, 10)).toBe('none');
  });
});
