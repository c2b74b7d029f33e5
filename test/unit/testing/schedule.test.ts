// Fault schedules: always healed at the end, within their bounds, and shrinking towards fewer
// and earlier faults.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbFaultSchedule, arbTopology, DISRUPTIONS, recoveryFaults, withSchedule } from '../../../src/testing/index.js';
import { deriveBounds } from '../../../src/testing/bounds.js';

const topo = arbTopology({ jitter: false });

describe('arbFaultSchedule', () => {
  it('ends every schedule healed: nothing is left to recover after its timeline', () => {
    fc.assert(fc.property(topo.chain((spec) => fc.tuple(fc.constant(spec), arbFaultSchedule(spec, { maxFaults: 6 }))), ([spec, s]) => {
      expect(recoveryFaults(spec, s.timeline)).toEqual([]);
      const times = s.timeline.map((e) => e.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(s.steps.length).toBeLessThanOrEqual(6);
      if (s.steps.length > 0) expect(Math.max(...times)).toBeLessThanOrEqual(s.recoveryAt);
      expect(withSchedule(spec, s).until).toBeGreaterThanOrEqual(s.recoveryAt + deriveBounds(spec).convergence);
    }), { numRuns: 200, seed: 1 });
  });

  it('uses only the requested kinds and keeps steps within the horizon', () => {
    fc.assert(fc.property(topo.chain((spec) => arbFaultSchedule(spec, { kinds: ['partition', 'freeze'], maxFaults: 3, horizon: 9_000_000 })), (s) => {
      for (const st of s.steps) expect(['partition', 'freeze']).toContain(st.fault.kind);
      expect(s.steps.reduce((t, st) => t + st.gap, 0)).toBeLessThanOrEqual(9_000_000);
    }), { numRuns: 100, seed: 2 });
  });

  it('keeps times exact and non-negative for horizons past 2^31 ms (numbers are made small integers only where they fit)', () => {
    const horizon = 100 * 24 * 3_600_000_000; // one gap of up to 100 days: 8.6e9 ms
    let past = 0;
    fc.assert(fc.property(topo.chain((spec) => arbFaultSchedule(spec, { maxFaults: 1, horizon })), (s) => {
      for (const st of s.steps) {
        expect(st.gap).toBeGreaterThanOrEqual(0);
        expect(st.gap % 1000).toBe(0);
        if (st.gap / 1000 > 2 ** 31) past++;
      }
      for (const e of s.timeline) expect(e.at).toBeGreaterThanOrEqual(0);
    }), { numRuns: 100, seed: 3 });
    expect(past).toBeGreaterThan(0);
  });

  it('can produce every disruption the simulator has', () => {
    const seen = new Set<string>();
    for (const s of fc.sample(topo.chain((spec) => arbFaultSchedule(spec, { maxFaults: 6 })), { numRuns: 300, seed: 3 })) for (const st of s.steps) seen.add(st.fault.kind);
    expect([...seen].sort()).toEqual([...DISRUPTIONS].sort());
  });

  it('shrinks a failure to one fault, at t = 0, undone only by the recovery phase', () => {
    const r = fc.check(fc.property(topo.chain((spec) => arbFaultSchedule(spec, { maxFaults: 5 })), (s) => !s.steps.some((st) => st.fault.kind === 'crash')), { numRuns: 300, seed: 4 });
    expect(r.failed).toBe(true);
    const s = r.counterexample![0];
    expect(s.steps).toHaveLength(1);
    expect(s.steps[0]).toMatchObject({ gap: 0, lasts: null, fault: { kind: 'crash' } });
  });
});
