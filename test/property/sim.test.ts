// Engine properties over generated worlds and fault timelines (real core): time never runs
// backwards, timers fire when armed, a seed replays a run exactly, and seeds matter only
// where randomness is configured.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateWith } from '../../sim/engine.js';
import { createPrng, nextIntInclusive } from '../../sim/prng.js';
import { createQueue, pop, push } from '../../sim/queue.js';
import { vrrpCore, type RouterState } from '../../sim/simulate.js';
import type { Fault, SimSpec, TimelineEvent } from '../../sim/spec.js';
import type { VrrpCore } from '../../sim/world.js';
import { timerKeyId } from '../../sim/world.js';
import { node, probe, SEC, segment, spec } from '../unit/sim/fixtures.js';
import { asIpv6World } from '../../src/testing/ipv6.js';

const NAMES = ['a', 'b', 'c', 'd'];

function faultArb(n: number): fc.Arbitrary<Fault> {
  const who = fc.constantFrom(...NAMES.slice(0, n));
  const nodeFault = fc.constantFrom('crash', 'stop', 'start', 'restart', 'freeze', 'thaw', 'link-down', 'link-up', 'service-down', 'service-up') as fc.Arbitrary<
    'crash' | 'stop' | 'start' | 'restart' | 'freeze' | 'thaw' | 'link-down' | 'link-up' | 'service-down' | 'service-up'>;
  return fc.oneof(
    fc.record({ kind: nodeFault, node: who }),
    fc.record({ kind: fc.constant('set-priority' as const), node: who, instance: fc.constant('VI_1'), priority: fc.integer({ min: 1, max: 254 }) }),
    fc.shuffledSubarray(NAMES.slice(0, n), { minLength: 1 }).map((g): Fault => ({ kind: 'partition', groups: [g] })),
    fc.tuple(who, who).map(([f, t]): Fault => ({ kind: 'partition-oneway', from: [f], to: [t] })),
    fc.constantFrom<Fault>({ kind: 'heal' }, { kind: 'block-multicast' }, { kind: 'unblock-multicast' }),
  );
}

interface WorldOpts { readonly jitter: boolean; readonly loss: boolean }

function specArb(o: WorldOpts): fc.Arbitrary<SimSpec> {
  return fc.integer({ min: 2, max: 4 }).chain((n) =>
    fc.record({
      prios: fc.uniqueArray(fc.integer({ min: 1, max: 254 }), { minLength: n, maxLength: n }),
      latency: fc.integer({ min: 0, max: 5_000 }),
      jitter: o.jitter ? fc.integer({ min: 1, max: 20_000 }) : fc.constant(0),
      loss: o.loss ? fc.double({ min: 0.01, max: 0.3, noNaN: true }) : fc.constant(0),
      timeline: fc.array(fc.record({ at: fc.integer({ min: 0, max: 20 * SEC }), fault: faultArb(n) }), { maxLength: 6 }),
      withProbe: fc.boolean(),
      seed: fc.integer(),
    }).map((r) => spec({
      seed: r.seed, until: 25 * SEC,
      segments: [segment({ latency: r.latency, jitter: r.jitter, loss: r.loss })],
      nodes: r.prios.map((p, i) => node({ name: NAMES[i]!, address: `192.0.2.${i + 1}`, priority: p })),
      probes: r.withProbe ? [probe({ interval: 250_000 })] : [],
      timeline: [...r.timeline].sort((x, y) => x.at - y.at) as TimelineEvent[],
    })),
  );
}

/** Wraps the real core to check, at every step, that time never goes back and timers are on time. */
function checkingCore(violations: string[], exact: boolean): VrrpCore<{ inner: RouterState; armed: Map<string, number> }> {
  let lastNow = -1;
  return {
    createRouter: (c) => ({ inner: vrrpCore.createRouter(c), armed: new Map() }),
    step: (r, input, now) => {
      if (now < lastNow) violations.push(`now went back from ${lastNow} to ${now}`);
      lastNow = now;
      if (input.type === 'timer') {
        const due = r.armed.get(timerKeyId(input.key));
        if (due === undefined) violations.push(`timer ${timerKeyId(input.key)} fired unarmed at ${now}`);
        else if (now < due || (exact && now !== due)) violations.push(`timer ${timerKeyId(input.key)} due ${due} fired at ${now}`);
      }
      const out = vrrpCore.step(r.inner, input, now);
      const armed = new Map(r.armed);
      if (input.type === 'timer') armed.delete(timerKeyId(input.key));
      for (const e of out.effects) {
        if (e.type === 'setTimer') armed.set(timerKeyId(e.key), Math.max(e.at, now));
        else if (e.type === 'cancelTimer') armed.delete(timerKeyId(e.key));
      }
      return { router: { inner: out.router, armed }, effects: out.effects };
    },
  };
}

describe('simulator engine properties', () => {
  it('no event runs before its time; timers fire exactly when armed unless keepalived was frozen', () => {
    fc.assert(fc.property(specArb({ jitter: true, loss: true }), (s) => {
      const violations: string[] = [];
      const frozen = s.timeline.some((t) => t.fault.kind === 'freeze');
      const r = simulateWith(s, checkingCore(violations, !frozen));
      expect(violations).toEqual([]);
      for (let i = 1; i < r.trace.length; i++) expect(r.trace[i]!.t).toBeGreaterThanOrEqual(r.trace[i - 1]!.t);
    }), { numRuns: 60 });
  });

  it('the same spec and seed give a byte-identical trace', () => {
    fc.assert(fc.property(specArb({ jitter: true, loss: true }), (s) => {
      expect(JSON.stringify(simulateWith(s, vrrpCore))).toBe(JSON.stringify(simulateWith(s, vrrpCore)));
    }), { numRuns: 40 });
  });

  it('without jitter or loss the seed changes nothing unless it chose a contended order', () => {
    fc.assert(fc.property(specArb({ jitter: false, loss: false }), fc.integer(), (s, other) => {
      const x = simulateWith(s, vrrpCore);
      const y = simulateWith({ ...s, seed: other }, vrrpCore);
      const contended = [...x.trace, ...y.trace].some((e) => e.type === 'order');
      fc.pre(!contended);
      expect(JSON.stringify(y.trace)).toBe(JSON.stringify(x.trace));
    }), { numRuns: 60 });
  });

  it('IPv6 worlds: the same spec and seed give a byte-identical trace', () => {
    fc.assert(fc.property(specArb({ jitter: true, loss: true }), (s) => {
      const v6 = asIpv6World(s);
      expect(JSON.stringify(simulateWith(v6, vrrpCore))).toBe(JSON.stringify(simulateWith(v6, vrrpCore)));
    }), { numRuns: 20 });
  });

  it('with jitter, different seeds give different runs', () => {
    const s = spec({ segments: [segment({ latency: 1_000, jitter: 5_000 })], traceAdverts: true, probes: [probe()] });
    const traces = new Set([1, 2, 3, 4, 5].map((seed) => JSON.stringify(simulateWith({ ...s, seed }, vrrpCore).trace)));
    expect(traces.size).toBe(5);
  });

  it('simultaneous arrivals at one node are ordered by the seed, and the choice is recorded', () => {
    // c hears a and b (equal priority, both MASTER behind a partition) at the same instant.
    const s = spec({
      until: 6 * SEC,
      nodes: [node({ name: 'a', address: '192.0.2.1', priority: 150 }), node({ name: 'b', address: '192.0.2.2', priority: 150 }), node({ name: 'c', address: '192.0.2.3', priority: 50 })],
      timeline: [{ at: 0, fault: { kind: 'partition-oneway', from: ['a'], to: ['b'] } }, { at: 0, fault: { kind: 'partition-oneway', from: ['b'], to: ['a'] } }],
    });
    const firsts = new Set<string>();
    for (let seed = 0; seed < 16; seed++) {
      const order = simulateWith({ ...s, seed }, vrrpCore).trace.find((e) => e.type === 'order');
      expect(order).toBeDefined();
      if (order?.type === 'order') firsts.add(order.chosen[0]!);
    }
    expect(firsts).toEqual(new Set(['c<a:advert:51', 'c<b:advert:51']));
  });
});

describe('queue and PRNG', () => {
  it('the heap pops in (time, class, insertion) order', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.constantFrom<0 | 1>(0, 1))), (items) => {
      const q = createQueue<number>();
      items.forEach(([at, cls], i) => push(q, at, cls, i));
      const out: number[] = [];
      for (let e = pop(q); e !== undefined; e = pop(q)) out.push(e.ev);
      const expected = items.map((x, i) => ({ at: x[0], cls: x[1], i })).sort((p, r) => p.at - r.at || p.cls - r.cls || p.i - r.i).map((x) => x.i);
      expect(out).toEqual(expected);
    }));
  });

  it('draws stay in range and a seed replays its stream', () => {
    fc.assert(fc.property(fc.integer(), fc.integer({ min: 0, max: 2 ** 40 }), (seed, max) => {
      const s1 = createPrng(seed), s2 = createPrng(seed);
      for (let i = 0; i < 20; i++) {
        const x = nextIntInclusive(s1, max);
        expect(x).toBe(nextIntInclusive(s2, max));
        expect(Number.isInteger(x) && x >= 0 && x <= max).toBe(true);
      }
    }));
  });
});
