// Results must not depend on the order nodes are written in the spec where the protocol does
// not: with distinct priorities and a jitter-free network, permuting the nodes gives the same
// state transitions at the same times.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbFaultSchedule, arbTopology, simulate, withSchedule } from '../../src/testing/index.js';
import type { SimResult } from '../../src/testing/index.js';

function transitions(r: SimResult): string[] {
  return r.trace.flatMap((e) => (e.type === 'state' ? [`${e.t} ${e.node} ${e.instance} ${e.from}->${e.to} ${e.priority}`] : [])).sort();
}

describe('node order in the spec', () => {
  it('does not change state transitions (distinct priorities, zero jitter)', () => {
    const arb = arbTopology({ distinctPriorities: true, jitter: false, trackScripts: false, preemptOptions: false })
      .chain((spec) => fc.tuple(
        arbFaultSchedule(spec, { kinds: ['crash', 'stop', 'restart', 'partition', 'set-priority'], maxFaults: 3, horizon: 15_000_000 }).map((s) => withSchedule(spec, s)),
        fc.shuffledSubarray([...spec.nodes.keys()], { minLength: spec.nodes.length, maxLength: spec.nodes.length }),
      ));
    fc.assert(fc.property(arb, ([spec, order]) => {
      const permuted = { ...spec, nodes: order.map((i) => spec.nodes[i]!) };
      expect(transitions(simulate(permuted))).toEqual(transitions(simulate(spec)));
    }), { numRuns: 80, seed: 5 });
  });
});
