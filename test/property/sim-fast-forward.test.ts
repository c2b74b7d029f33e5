// Fast-forward (sim/fast-forward.ts) is only a speed-up: for random deployments, fault
// schedules and clients, the whole SimResult (every trace line, `order` lines included, and
// the stats) is the same with it on and off. Runs are long enough (minutes of steady state
// between faults) that most of them do skip periods; the second property makes sure of that,
// so the first cannot pass by never jumping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSim, result, runUntil } from '../../sim/simulate.js';
import type { SimSpec } from '../../sim/spec.js';
import { withExtras } from '../support/fast-forward-worlds.js';
import { arbFaultSchedule, arbTopology, asIpv6World, withSchedule } from '../../src/testing/index.js';
import { loadScenarioText } from '../../sim/scenario/load.js';

const SEC = 1_000_000;
const MIN = 60 * SEC;

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

  // A client failing the same way every tick (refused by the holder, or its holder down) leaves
  // its ARP entry's times where they are: the world repeats only until that entry goes stale, so
  // these outages (minutes, longer than reachableTime) must be skipped up to there and no further.
  it.each([
    ['refused by the holder', 'service-down: { node: a }', 'service-up: { node: a }'],
    ['client cut off (ARP entry goes stale, then unanswered)', 'partition: [[a, b], [web]]', 'heal: null'],
  ])('a long outage, %s: the same SimResult, mostly skipped', (_name, down, up) => {
    const conf = (prio: number): string => `      vrrp_instance VI_1 {\n        state BACKUP\n        interface eth0\n        virtual_router_id 51\n        priority ${prio}\n        advert_int 1\n        virtual_ipaddress {\n          192.0.2.100/24\n        }\n      }`;
    const text = [
      'name: outage', 'seed: 1', 'duration: 20m',
      'nodes:',
      `  - { name: a, address: 192.0.2.1, services: [{ name: web, port: 80 }], keepalived: "${conf(200).replace(/\n/g, '\\n')}" }`,
      `  - { name: b, address: 192.0.2.2, services: [{ name: web, port: 80 }], keepalived: "${conf(100).replace(/\n/g, '\\n')}" }`,
      'probes: [{ name: web, target: 192.0.2.100, port: 80, every: 100ms }]',
      'timeline:',
      `  - { at: 2m, ${down} }`,
      `  - { at: 12m, ${up} }`,
    ].join('\n');
    const spec = loadScenarioText(text, 'outage.yaml').spec;
    const on = run(spec, true);
    const off = run(spec, false);
    expect(on.result).toEqual(off.result);
    expect(on.result.trace.some((e) => e.type === 'probe' && !e.ok)).toBe(true);
    expect(on.skipped).toBeGreaterThan(0.8 * 20 * MIN);
  });
});
