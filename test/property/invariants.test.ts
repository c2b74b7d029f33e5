// The invariants of vrrplab/testing over random deployments and random healed fault schedules:
// the real core must satisfy all of them. Each invariant is also shown to fail on a run built
// to break it, so a pass here is evidence, not an invariant that cannot fail.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbFaultSchedule, arbTopology, asIpv6World, boundedDualMastership, checkInvariants, formatReport, oneMasterAfterHeal,
  preferredMaster, runWithInvariants, simulate, vipHeldWhileEligible, vipsOnlyOnMaster, withSchedule,
} from '../../src/testing/index.js';
import type { SimSpec } from '../../src/testing/index.js';

const caseArb = (jitter: boolean): fc.Arbitrary<SimSpec> =>
  arbTopology({ jitter }).chain((spec) => arbFaultSchedule(spec, { maxFaults: 4, horizon: 20_000_000 }).map((s) => withSchedule(spec, s)));

describe('invariants hold for the real core', () => {
  it('on random topologies and healed fault schedules (deterministic network)', () => {
    fc.assert(fc.property(caseArb(false), (spec) => {
      const { report } = runWithInvariants(spec);
      if (!report.ok) throw new Error(formatReport(report));
    }), { numRuns: 120, seed: 20261126 });
  });

  it('with jitter', () => {
    fc.assert(fc.property(caseArb(true), (spec) => {
      const { report } = runWithInvariants(spec);
      if (!report.ok) throw new Error(formatReport(report));
    }), { numRuns: 60, seed: 7 });
  });

  it('the same deployments over IPv6 (VRRPv3 to ff02::12, ties on link-local addresses)', () => {
    fc.assert(fc.property(caseArb(false), fc.boolean(), (spec, jitter) => {
      const v6 = asIpv6World(jitter ? { ...spec, segments: spec.segments.map((s) => ({ ...s, jitter: 2_000 })) } : spec);
      const { report } = runWithInvariants(v6);
      if (!report.ok) throw new Error(formatReport(report));
    }), { numRuns: 40, seed: 6 });
  });
});

describe('each invariant can fail', () => {
  const base = fc.sample(arbTopology({ minNodes: 2, maxNodes: 2, distinctPriorities: true, preemptOptions: false, trackScripts: false, transport: 'multicast', versions: [2] }), { numRuns: 1, seed: 3 })[0]!;

  it('v2 advert_int mismatch: two MASTERs forever, bounded dual mastership broken', () => {
    const spec: SimSpec = { ...base, nodes: base.nodes.map((n, i) => ({ ...n, router: { ...n.router!, instances: n.router!.instances.map((x) => ({ ...x, advertInt: (i + 1) * 1_000_000 })) } })) };
    const r = simulate(spec);
    expect(oneMasterAfterHeal(spec, r).ok).toBe(false);
    expect(boundedDualMastership(spec, r).ok).toBe(false);
    expect(checkInvariants(spec, r).ok).toBe(false);
  });

  it('a trace with a VIP on a BACKUP, a lower MASTER, and a long outage is caught', () => {
    const spec: SimSpec = { ...base, until: 30_000_000 };
    const r = simulate(spec);
    expect(checkInvariants(spec, r).ok).toBe(true);
    const [hi, lo] = [...spec.nodes].sort((a, b) => b.router!.instances[0]!.priority - a.router!.instances[0]!.priority).map((n) => n.name);
    const at = 20_000_000;
    // Forged traces: the invariants judge traces, so a wrong trace must be rejected.
    const vipOnBackup = { ...r, trace: [...r.trace, { t: at, type: 'vip' as const, node: lo!, instance: 'VI_1', vip: '192.0.2.100', action: 'add' as const }] };
    expect(vipsOnlyOnMaster(spec, vipOnBackup).ok).toBe(false);
    const swapped = { ...r, trace: [...r.trace,
      { t: at, type: 'state' as const, node: hi!, instance: 'VI_1', from: 'MASTER' as const, to: 'BACKUP' as const, priority: spec.nodes.find((n) => n.name === hi)!.router!.instances[0]!.priority, reason: 'forged' },
      { t: at, type: 'state' as const, node: lo!, instance: 'VI_1', from: 'BACKUP' as const, to: 'MASTER' as const, priority: spec.nodes.find((n) => n.name === lo)!.router!.instances[0]!.priority, reason: 'forged' }] };
    expect(preferredMaster(spec, swapped).ok).toBe(false);
    const dropped = { ...r, trace: [...r.trace.filter((e) => !(e.type === 'vip' && e.t > 5_000_000)), { t: at, type: 'vip' as const, node: hi!, instance: 'VI_1', vip: '192.0.2.100', action: 'remove' as const }] };
    expect(vipHeldWhileEligible(spec, dropped).ok).toBe(false);
  });
});
