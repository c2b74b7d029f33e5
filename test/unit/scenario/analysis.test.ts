import { describe, expect, it } from 'vitest';
import { faultAllowanceWindows, outages, probeAvailability, subtractWindows, vipHolderSpans } from '../../../sim/scenario/analysis.js';
import type { TraceEvent } from '../../../sim/trace.js';

const vip = (t: number, node: string, action: 'add' | 'remove'): TraceEvent => ({ t, type: 'vip', node, instance: 'VI_1', vip: '192.0.2.101', action });
const probe = (t: number, sent: number, ok: boolean): TraceEvent => ({ t, type: 'probe', probe: 'p', ok, via: ok ? 'a' : null, reason: ok ? 'connected' : 'timeout', sent });

describe('analysis', () => {
  it('holder spans start at the first add, so startup is not an outage', () => {
    const spans = vipHolderSpans([vip(3, 'a', 'add'), vip(10, 'a', 'remove'), vip(13, 'b', 'add'), vip(20, 'a', 'add')], 30);
    expect(spans.get('192.0.2.101')).toEqual([
      { from: 3, to: 10, holders: ['a'] },
      { from: 10, to: 13, holders: [] },
      { from: 13, to: 20, holders: ['b'] },
      { from: 20, to: 30, holders: ['a', 'b'] },
    ]);
    expect(outages(spans.get('192.0.2.101') ?? [])).toEqual([{ from: 10, to: 13 }]);
  });

  it('dates a probe outage from the attempt that failed, not from its timeout', () => {
    // An attempt sent at 10 times out at 11; the next success was sent at 13.
    const a = probeAvailability([probe(4, 4, true), probe(11, 10, false), probe(13.5, 13, true)], 'p', 24);
    expect(a.outages).toEqual([{ from: 0, to: 4 }, { from: 10, to: 13 }]);
    expect(a.firstOk).toBe(4);
    expect(a.ratio).toBeCloseTo(17 / 24, 10);
  });

  it('counts the time before the first success as an outage, and a probe that never succeeds as 0%', () => {
    // 100 s of outage then service is not "100% from 100s".
    const late = probeAvailability([probe(0, 0, false), probe(100, 100, true)], 'p', 200);
    expect(late.ratio).toBeCloseTo(0.5, 10);
    expect(late.outages).toEqual([{ from: 0, to: 100 }]);
    expect(probeAvailability([probe(0, 0, false)], 'p', 200).ratio).toBe(0);
    // An explicit window starts later: what happened before it does not count.
    expect(probeAvailability([probe(0, 0, false), probe(100, 100, true)], 'p', 200, 150).ratio).toBe(1);
  });

  it('allows dual holders during a partition until the heal, and during a freeze until thaw or crash', () => {
    const t: TraceEvent[] = [
      { t: 5, type: 'fault', fault: { kind: 'partition', groups: [['a'], ['b']] } },
      { t: 9, type: 'fault', fault: { kind: 'heal' } },
      { t: 12, type: 'fault', fault: { kind: 'freeze', node: 'a' } },
      { t: 15, type: 'fault', fault: { kind: 'crash', node: 'a' } },
      { t: 20, type: 'fault', fault: { kind: 'block-multicast' } },
    ];
    expect(faultAllowanceWindows(t, 30)).toEqual([{ from: 5, to: 9 }, { from: 12, to: 15 }, { from: 20, to: 30 }]);
    expect(subtractWindows({ from: 0, to: 25 }, faultAllowanceWindows(t, 30))).toEqual([{ from: 0, to: 5 }, { from: 9, to: 12 }, { from: 15, to: 20 }]);
  });
});
