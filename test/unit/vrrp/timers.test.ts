import { describe, expect, it } from 'vitest';
import { masterDownInterval, skewTime, skewTimeMin } from '../../../src/vrrp/timers.js';

// keepalived-state-machine.md §2, worked values with N = 3.
describe('§2 timer formulas in exact integer microseconds', () => {
  it.each([
    [2, 1_000_000, 100, 609_375, 3_609_375],
    [2, 1_000_000, 200, 218_750, 3_218_750],
    [2, 1_000_000, 50, 804_687, 3_804_687],
    [2, 2_000_000, 100, 609_375, 6_609_375],
    [2, 1_000_000, 255, 3_906, 3_003_906],
    [2, 5_000_000, 255, 3_906, 15_003_906],
    [3, 500_000, 200, 109_375, 1_609_375],
    [3, 500_000, 100, 304_687, 1_804_687],
    [3, 1_000_000, 100, 609_375, 3_609_375],
  ] as const)('v%i adv %i prio %i: skew %i, Master_Down_Interval %i', (v, adv, prio, skew, down) => {
    expect(skewTime(v, prio, adv)).toBe(skew);
    expect(masterDownInterval(v, prio, adv)).toBe(down);
    expect(Number.isInteger(skewTime(v, prio, adv))).toBe(true);
  });

  it('§2 v2 skew is independent of the advert interval', () => {
    expect(skewTime(2, 100, 7_000_000)).toBe(skewTime(2, 100, 1_000_000));
  });

  it('§2 v3 skew cuts the interval to whole centiseconds first', () => {
    // 0.505 s -> 50 cs, same as 0.5 s.
    expect(skewTime(3, 100, 505_000)).toBe(skewTime(3, 100, 500_000));
  });

  it('§2 down_timer_adverts replaces the 3', () => {
    expect(masterDownInterval(2, 100, 1_000_000, 5)).toBe(5_609_375);
    expect(masterDownInterval(2, 100, 1_000_000, 1)).toBe(1_609_375);
  });

  it('§2 skew_min is the skew of priority 255', () => {
    expect(skewTimeMin(2, 1_000_000)).toBe(3_906);
    expect(skewTimeMin(3, 1_000_000)).toBe(3_906);
    expect(skewTimeMin(3, 10_000)).toBe(39);
  });
});
