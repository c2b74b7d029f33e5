// Fast-forward (sim/fast-forward.ts) is only a speed-up: for random deployments, fault
// schedules and clients, the whole SimResult (every trace line, `order` lines included, and
// the stats) is the same with it on and off. Runs are long enough (minutes of steady state
// between faults) that most of them do skip periods; the second property makes sure of that,
// so the first cannot pass by never jumping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSim, result, runUntil } from '../../sim/simulate.js';
import type { NodeSpec, SimSpec } from '../../sim/spec.js';
import { arbFaultSchedule, arbTopology, asIpv6World, withSchedule } from '../../src/testing/index.js';

const SEC = 1_000_000;
const MIN = 60 * SEC;

/** A client of the VIP and, sometimes, a node that runs no keepalived (it still hears adverts). */
function withExtras(spec: SimSpec, extras: { readonly client: boolean; readonly appNode: boolean; readonly adverts: boolean }): SimSpec {
  const app: NodeSpec = {
    name: 'app-1', labels: new Map(), interfaces: [{ name: 'eth0', segment: 'lan', address: '192.0.2.50', prefix: 24 }],
    router: null, scripts: new Map(), services: [], scriptRuntime: 10_000,
  };
  return {
    ...spec,
    nodes: extras.appNode ? [...spec.nodes, app] : spec.nodes,
    probes: extras.client ? [{ name: 'client', segment: 'lan', address: '192.0.2.60', target: '192.0.2.100', port: 80, interval: 500_000, timeout: 2 * SEC }] : [],
    traceAdverts: extras.adverts,
  };
}

const arbRun: fc.Arbitrary<SimSpec> = fc.record({
  base: arbTopology({ jitter: false, until: 10 * MIN }),
  jitter: fc.boolean(),
  client: fc.boolean(),
  appNode: fc.boolean(),
  adverts: fc.boolean(),
}).chain(({ base, jitter, ...extras }) => {
  // Mostly a deterministic network (where fast-forward can apply), sometimes jitter (where it must not).
  const spec = withExtras(jitter ? { ...base, segments: base.segments.map((s) => ({ ...s, jitter: 2_000 })) } : base, extras);
  return arbFaultSchedule(spec, { maxFaults: 4, horizon: 5 * MIN }).map((s) => ({ ...withSchedule(spec, s), until: Math.max(withSchedule(spec, s).until, 10 * MIN) }));
});

function run(spec: SimSpec, fastForward: boolean): { readonly result: ReturnType<typeof result>; readonly jumps: number; readonly skipped: number } {
  const w = createSim({ ...spec, fastForward });
  runUntil(w, spec.until);
  return { result: result(w), jumps: w.ff.jumps, skipped: w.ff.skippedMicros };
}

describe('fast-forward is exact', () => {
  it('random deployments, clients and fault schedules: the same SimResult on and off', () => {
    fc.assert(fc.property(arbRun, (spec) => {
      const on = run(spec, true);
      const off = run(spec, false);
      expect(off.jumps).toBe(0);
      expect(on.result).toEqual(off.result);
    }), { numRuns: 40, seed: 16 });
  });

  it('the same worlds over IPv6 (clients with a neighbour cache): the same SimResult on and off', () => {
    fc.assert(fc.property(arbRun, (spec) => {
      const v6 = asIpv6World(spec);
      const on = run(v6, true);
      const off = run(v6, false);
      expect(off.jumps).toBe(0);
      expect(on.result).toEqual(off.result);
    }), { numRuns: 20, seed: 19 });
    // Not vacuous either: IPv6 worlds skip periods too.
    const jumped = fc.sample(arbRun, { numRuns: 20, seed: 19 }).filter((s) => run(asIpv6World(s), true).jumps > 0).length;
    expect(jumped).toBeGreaterThan(20 / 3);
  });

  it('those runs do skip periods (so the comparison above is not vacuous)', () => {
    const specs = fc.sample(arbRun, { numRuns: 40, seed: 16 });
    const jumped = specs.filter((s) => run(s, true).jumps > 0).length;
    expect(jumped).toBeGreaterThan(specs.length / 3);
  });

  it('a steady hour of a two-node deployment is mostly skipped', () => {
    const [spec] = fc.sample(arbTopology({ jitter: false, until: 60 * MIN, trackScripts: false, preemptOptions: false }), { numRuns: 1, seed: 3 });
    const on = run(spec!, true);
    const off = run(spec!, false);
    expect(on.result).toEqual(off.result);
    expect(on.skipped).toBeGreaterThan(0.9 * 60 * MIN);
  });
});
