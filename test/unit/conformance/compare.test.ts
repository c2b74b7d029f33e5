import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../sim/trace.js';
import type { VrrpState } from '../../../src/vrrp/types.js';
import { compareTraces, MAX_DRIFT, reportedTransitions, tolerancesFor, TIMER_TOLERANCE, type Tolerances } from '../../../src/conformance/compare.js';
import { formatComparisonText } from '../../../src/conformance/compare-text.js';
import { twoNodeSpec } from './twoNodeSpec.js';

const TOL: Tolerances = { timer: 50_000, check: 1_060_000, carrier: 1_050_000, checkWindow: 5_000_000, pairWindow: 2_200_000 };

const st = (t: number, node: string, from: VrrpState, to: VrrpState, reason = 'timer', instance = 'VI_1'): TraceEvent =>
  ({ t, type: 'state', node, instance, from, to, priority: node === 'a' ? 200 : 100, reason });
const vip = (t: number, node: string, action: 'add' | 'remove'): TraceEvent =>
  ({ t, type: 'vip', node, instance: 'VI_1', vip: '192.0.2.100', action });

/** Election, then a's crash and b's takeover. */
function world(shift: (node: string, t: number) => number = (_n, t) => t): TraceEvent[] {
  const s = (t: number, node: string): number => shift(node, t);
  return [
    st(s(0, 'a'), 'a', 'INIT', 'BACKUP'), st(s(0, 'b'), 'b', 'INIT', 'BACKUP'),
    st(s(3_218_750, 'a'), 'a', 'BACKUP', 'MASTER'), vip(s(3_218_750, 'a'), 'a', 'add'),
    st(s(5_000_000, 'a'), 'a', 'MASTER', 'STOP', 'host crashed'), vip(s(5_000_000, 'a'), 'a', 'remove'),
    st(s(7_828_000, 'b'), 'b', 'BACKUP', 'MASTER'), vip(s(7_828_000, 'b'), 'b', 'add'),
  ];
}

/** b flapping every 10 s over a minute (a partition/heal cycle), as network-faults.yaml does. */
function flaps(late: (t: number) => number = () => 0): TraceEvent[] {
  const out: TraceEvent[] = [st(0, 'a', 'INIT', 'BACKUP'), st(0, 'b', 'INIT', 'BACKUP'), st(3_218_750 + late(3_218_750), 'a', 'BACKUP', 'MASTER')];
  for (let k = 1; k <= 5; k++) {
    const up = k * 10_000_000 - 172_000;
    const down = up + 2_000_000;
    out.push(st(up + late(up), 'b', 'BACKUP', 'MASTER'), st(down + late(down), 'b', 'MASTER', 'BACKUP'));
  }
  return out;
}

describe('compareTraces: the real run\'s timer drift (keepalived re-arms from when it woke)', () => {
  it('allows a steady drift of 1.2 ms a second that the fixed tolerance alone would refuse', () => {
    const c = compareTraces(flaps(), flaps((t) => Math.round(t * 0.0012)), TOL);
    expect(c.maxAbsError).toBeGreaterThan(TIMER_TOLERANCE);
    expect(c.drift).toBeCloseTo(0.0012, 4);
    expect(c.verdict).toBe('agree');
    expect(formatComparisonText(c)).toContain('each + 1.20 ms per second elapsed');
  });

  it('does not excuse one transition that is really late: the drift is a median', () => {
    const c = compareTraces(flaps(), flaps((t) => (t === 30_000_000 - 172_000 ? 120_000 : 0)), TOL);
    expect(c.drift).toBe(0);
    expect(c.verdict).toBe('differ');
    expect(c.outOfTolerance).toBe(1);
  });

  it('refuses a drift faster than MAX_DRIFT: a wrong rate is a disagreement', () => {
    const c = compareTraces(flaps(), flaps((t) => Math.round(t * 0.004)), TOL);
    expect(c.drift).toBe(MAX_DRIFT);
    expect(c.verdict).toBe('differ');
  });

  it('allows nothing for runs without drift, or drifting early', () => {
    expect(compareTraces(flaps(), flaps(), TOL).drift).toBe(0);
    expect(compareTraces(flaps(), flaps((t) => -Math.round(t * 0.0012)), TOL).drift).toBe(0);
  });
});

describe('compareTraces', () => {
  it('agrees with itself, with zero error', () => {
    const c = compareTraces(world(), world(), TOL);
    expect(c.verdict).toBe('agree');
    expect(c.matched).toBe(5);
    expect(c.maxAbsError).toBe(0);
    expect(c.ownership.totalDisagreement).toBe(0);
  });

  it('accepts timer-driven errors within 50 ms and flags larger ones', () => {
    const late30 = compareTraces(world(), world((n, t) => (n === 'b' && t > 0 ? t + 30_000 : t)), TOL);
    expect(late30.verdict).toBe('agree');
    expect(late30.maxAbsError).toBe(30_000);
    const late80 = compareTraces(world(), world((n, t) => (n === 'b' && t > 0 ? t + 80_000 : t)), TOL);
    expect(late80.verdict).toBe('differ');
    expect(late80.outOfTolerance).toBe(1);
    expect(late80.missing + late80.extra).toBe(0);
    // 80 ms with nobody holding the VIP in one trace and b in the other.
    expect(late80.ownership.disagreements).toHaveLength(1);
    expect(late80.ownership.disagreements[0]).toMatchObject({ subject: '192.0.2.100', from: 7_828_000, to: 7_908_000, sim: ['b'], real: [] });
  });

  it('gives check-driven transitions one check interval', () => {
    const sim = [st(0, 'a', 'INIT', 'BACKUP'), st(2_000_000, 'a', 'BACKUP', 'FAULT', 'script chk failed')];
    const real = [st(0, 'a', 'INIT', 'BACKUP'), st(2_900_000, 'a', 'BACKUP', 'FAULT', 'keepalived notify_fifo')];
    const c = compareTraces(sim, real, TOL);
    expect(c.verdict).toBe('agree');
    const row = c.rows.find((r) => r.kind === 'matched' && r.sim.to === 'FAULT');
    expect(row).toMatchObject({ checkDriven: true, withinTolerance: true, error: 900_000 });
    const timer = compareTraces([st(2_000_000, 'a', 'BACKUP', 'FAULT')], [st(2_900_000, 'a', 'BACKUP', 'FAULT')], TOL);
    expect(timer.verdict).toBe('differ');
  });

  it('gives transitions after a carrier change the kernel linkwatch delay', () => {
    const fault: TraceEvent = { t: 10_000_000, type: 'fault', fault: { kind: 'link-down', node: 'a' } };
    const sim = [fault, st(10_000_000, 'a', 'MASTER', 'FAULT'), st(13_609_375, 'b', 'BACKUP', 'MASTER')];
    const real = [st(10_400_000, 'a', 'MASTER', 'FAULT'), st(14_010_000, 'b', 'BACKUP', 'MASTER')];
    const c = compareTraces(sim, real, TOL);
    expect(c.rows.every((r) => r.kind === 'matched' && r.carrierDriven && r.withinTolerance)).toBe(true);
    expect(c.verdict).toBe('agree');
    expect(compareTraces(sim.slice(1), real, TOL).verdict).toBe('differ');
  });

  it('excuses an ownership gap only as far as the matched transition around it is excused', () => {
    const script: TraceEvent = { t: 22_000_000, type: 'script', node: 'a', script: 'chk', ok: false };
    const sim = [script, st(23_000_000, 'b', 'BACKUP', 'MASTER'), vip(23_000_000, 'b', 'add')];
    const real = [st(23_300_000, 'b', 'BACKUP', 'MASTER'), vip(23_300_000, 'b', 'add')];
    const c = compareTraces(sim, real, TOL, 30_000_000);
    expect(c.ownership.totalDisagreement).toBe(300_000);
    expect(c.ownership.disagreements).toEqual([]);
    expect(c.verdict).toBe('agree');
    const unexplained = compareTraces(sim, [...real, vip(26_000_000, 'a', 'add'), vip(26_300_000, 'a', 'remove')], TOL, 30_000_000);
    expect(unexplained.ownership.disagreements).toHaveLength(1);
  });

  it('shows an equal-priority race decided below the tolerance without counting it', () => {
    const sim = [st(3_609_375, 'a', 'BACKUP', 'MASTER'), st(3_609_375, 'b', 'BACKUP', 'MASTER'), st(3_609_475, 'a', 'MASTER', 'BACKUP')];
    const real = [st(3_608_000, 'b', 'BACKUP', 'MASTER')];
    const c = compareTraces(sim, real, TOL);
    expect(c.verdict).toBe('agree');
    expect(c.rows.filter((r) => r.kind === 'blip')).toMatchObject([{ node: 'a', side: 'sim' }]);
    expect(formatComparisonText(c)).toMatch(/~\s+a\s+VI_1\s+3\.609 BACKUP->MASTER->BACKUP/);
    // Undone only after the tolerance: a real difference.
    const slow = [st(3_609_375, 'a', 'BACKUP', 'MASTER'), st(3_609_375, 'b', 'BACKUP', 'MASTER'), st(3_709_375, 'a', 'MASTER', 'BACKUP')];
    expect(compareTraces(slow, real, TOL).missing).toBe(2);
  });

  it('shows an instance name from keepalived.conf escaped, columns aligned', () => {
    const name = 'V\u001b[2JI';
    const sim = [st(3_000_000, 'a', 'BACKUP', 'MASTER', 'timer', name)];
    const text = formatComparisonText(compareTraces(sim, [], TOL));
    expect(text).not.toContain('\u001b');
    expect(text).toMatch(/^!\s+a\s+V\\x1b\[2JI\s+3\.000 BACKUP->MASTER/m);
  });

  it('reports missing and extra transitions and pairs the nearest equal ones', () => {
    const sim = [st(3_000_000, 'a', 'BACKUP', 'MASTER'), st(6_000_000, 'a', 'MASTER', 'BACKUP'), st(10_000_000, 'a', 'BACKUP', 'MASTER')];
    const real = [st(10_010_000, 'a', 'BACKUP', 'MASTER'), st(12_000_000, 'a', 'MASTER', 'FAULT')];
    const c = compareTraces(sim, real, TOL);
    expect(c.verdict).toBe('differ');
    expect(c.matched).toBe(1);
    expect(c.rows.find((r) => r.kind === 'matched')).toMatchObject({ error: 10_000 });
    expect(c.missing).toBe(2);
    expect(c.extra).toBe(1);
    const text = formatComparisonText(c);
    expect(text).toMatch(/missing in real run/);
    expect(text).toMatch(/extra in real run/);
    expect(text).toMatch(/DIFFER \(4 difference/);
  });

  it('does not order simultaneous transitions of different instances or nodes', () => {
    const sim = [st(5_000_000, 'a', 'MASTER', 'BACKUP'), st(5_000_000, 'b', 'BACKUP', 'MASTER'), st(5_000_000, 'a', 'BACKUP', 'MASTER', 'timer', 'VI_2')];
    const real = [st(5_001_000, 'a', 'BACKUP', 'MASTER', 'fifo', 'VI_2'), st(5_000_500, 'b', 'BACKUP', 'MASTER'), st(5_000_200, 'a', 'MASTER', 'BACKUP')];
    const c = compareTraces(sim, real, TOL);
    expect(c.verdict).toBe('agree');
    expect(c.matched).toBe(3);
  });

  it('shows but does not fail a differing inferred from-state', () => {
    const c = compareTraces([st(9_000_000, 'a', 'STOP', 'BACKUP')], [st(9_040_000, 'a', 'INIT', 'BACKUP')], TOL);
    expect(c.verdict).toBe('agree');
    expect(formatComparisonText(c)).toMatch(/real from INIT/);
  });

  it('reads ownership from MASTER states when a side has no VIP events', () => {
    const sim = world().filter((e) => e.type === 'state');
    const real = world().filter((e) => e.type === 'state').map((e) => (e.type === 'state' && e.node === 'b' && e.to === 'MASTER' ? { ...e, t: e.t + 40_000 } : e));
    const c = compareTraces(sim, real, TOL);
    expect(c.ownership.basis).toBe('state');
    expect(c.ownership.totalDisagreement).toBe(40_000);
    expect(c.verdict).toBe('agree');
  });

  it('flags a dual master the simulation did not have', () => {
    const sim = world();
    const real = [...world(), vip(8_000_000, 'a', 'add')];
    const c = compareTraces(sim, real, TOL, 10_000_000);
    expect(c.ownership.disagreements).toEqual([{ subject: '192.0.2.100', from: 8_000_000, to: 10_000_000, sim: ['b'], real: ['a', 'b'] }]);
    expect(c.verdict).toBe('differ');
    expect(formatComparisonText(c)).toMatch(/! 192\.0\.2\.100 8\.000-10\.000s: simulated b, real a,b/);
  });
});

describe('tolerancesFor', () => {
  it('is 50 ms plus start latency for timers, and adds interval and runtime for checks', () => {
    const spec = twoNodeSpec([], 10_000_000);
    expect(tolerancesFor(spec).timer).toBe(TIMER_TOLERANCE);
    expect(tolerancesFor(spec, 30_000).timer).toBe(80_000);
    const withScript = {
      ...spec,
      nodes: spec.nodes.map((n) => ({ ...n, scriptRuntime: 20_000, router: n.router && { ...n.router, scripts: [{ name: 'chk', script: '/bin/true', interval: 2_000_000, timeout: 2_000_000, rise: 1, fall: 1, weight: 0, reverse: false, initFail: false }] } })),
    };
    expect(tolerancesFor(withScript).check).toBe(TIMER_TOLERANCE + 2_000_000 + 20_000);
  });
});

describe('reportedTransitions', () => {
  const notify = (t: number, node: string, state: VrrpState): TraceEvent =>
    ({ t, type: 'notify', node, scope: 'INSTANCE', name: 'VI_1', state, priority: 100 });

  it('drops the silent FAULT of an instance waiting for its scripts at start, keeps a notified one', () => {
    const sim = [
      st(0, 'a', 'INIT', 'FAULT', 'init (waiting for track scripts)'),
      st(0, 'b', 'INIT', 'FAULT', 'init (tracked object down)'), notify(0, 'b', 'FAULT'),
      st(10_000, 'a', 'FAULT', 'BACKUP', 'tracking ready'), notify(10_000, 'a', 'BACKUP'),
    ];
    const kept = reportedTransitions(sim).filter((e) => e.type === 'state').map((e) => e.type === 'state' ? `${e.node} ${e.to}` : '');
    expect(kept).toEqual(['b FAULT', 'a BACKUP']);
    // The real side starts from INIT: the silent FAULT is no longer "missing in real run".
    const c = compareTraces(reportedTransitions(sim), [st(0, 'b', 'INIT', 'FAULT'), st(12_000, 'a', 'INIT', 'BACKUP')], TOL);
    expect(c.missing).toBe(0);
    expect(c.verdict).toBe('agree');
  });
});
