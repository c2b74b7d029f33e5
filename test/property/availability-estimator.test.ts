// The estimator against an answer known in closed form. One keepalived node, one VIP; the host
// crashes after an exponential up time (mean MTBF) and boots after an exponential repair (mean
// MTTR). Each cycle the client is cut off for the repair plus the takeover time τ keepalived
// needs after booting (measured once here, deterministically), so the availability is
// (MTBF − τ) / (MTBF + MTTR). The study's interval over independent runs must cover it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../sim/simulate.js';
import { accountRun } from '../../src/availability/account.js';
import { runStudy } from '../../src/availability/study.js';
import { singleNodeText, variantOf } from '../unit/availability/fixture.js';

/**
 * τ: how much longer than the repair the client is cut off. It depends on where the boot falls in
 * the client's retry cycle (a failed attempt waits out its 1 s timeout, then re-resolves), so it
 * is averaged over boots spread evenly across one second, as exponential repairs spread them.
 */
function meanTakeover(): { mean: number; min: number; max: number } {
  const v = variantOf('solo', singleNodeText('1h', '1m'));
  const taus: number[] = [];
  for (let j = 0; j < 20; j++) {
    const repair = 60_000_000 + j * 50_000;
    const spec = { ...v.scenario.spec, until: 100_000_000, timeline: [{ at: 10_000_000, fault: { kind: 'crash' as const, node: 'solo' } }, { at: 10_000_000 + repair, fault: { kind: 'start' as const, node: 'solo' } }] };
    const o = accountRun(simulate(spec), spec.probes, []).probes[0]?.outages ?? [];
    expect(o.length).toBe(1);
    taus.push((o[0] ?? 0) - repair);
  }
  return { mean: taus.reduce((a, b) => a + b, 0) / taus.length, min: Math.min(...taus), max: Math.max(...taus) };
}

describe('availability estimator', () => {
  it('its interval covers (MTBF − τ) / (MTBF + MTTR) for a single node with exponential failures and repairs', () => {
    const t = meanTakeover();
    const tau = t.mean;
    // Boot, MASTER, then the client's next retry: seconds, and spread over about one retry cycle.
    expect(t.min).toBeGreaterThan(0);
    expect(t.max - t.min).toBeLessThan(1_100_000);
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 15 }), fc.integer({ min: 30, max: 180 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (mtbfMin, mttrSec, seed) => {
        const v = variantOf('solo', singleNodeText(`${mtbfMin}m`, `${mttrSec}s`));
        // Two virtual hours a run: 8 to 25 failures each, 30 independent runs.
        const r = runStudy([v], { years: 2 / 8766, runs: 30, seed, shard: null, level: 0.99 });
        const p = r.summary.variants[0]?.probes[0];
        const mtbf = mtbfMin * 60e6, mttr = mttrSec * 1e6;
        const analytic = (mtbf - tau) / (mtbf + mttr);
        expect(p?.availability.n).toBe(30);
        expect(p?.availability.low).toBeLessThanOrEqual(analytic);
        expect(p?.availability.high).toBeGreaterThanOrEqual(analytic);
        // And informative: narrower than the unavailability itself.
        expect((p?.availability.high ?? 1) - (p?.availability.low ?? 0)).toBeLessThan(1 - analytic);
      }),
      { numRuns: 4, seed: 17 },
    );
  });
});
