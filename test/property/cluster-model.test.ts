// Model-based test (fc.commands) of a 2–3 node cluster driven step by step through the
// incremental simulator, against a reference model much simpler than the core: "after a quiet
// time with every live node connected, the MASTER is the highest-priority live node, unless a
// node has nopreempt (then: exactly one MASTER)".
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { applyFault, createSim, masters, runUntil, type RealSim } from '../../sim/simulate.js';
import { arbTopologyChoice, deriveBounds, topologySpec } from '../../src/testing/index.js';
import type { SimSpec } from '../../src/testing/index.js';

interface Model {
  readonly alive: Set<string>;
  partitioned: boolean;
  readonly prio: ReadonlyMap<string, number>;
  readonly nopreempt: boolean;
  readonly quiet: number;
}

interface Real {
  readonly sim: RealSim;
}

class Crash implements fc.Command<Model, Real> {
  constructor(readonly node: string) {}
  check = (m: Readonly<Model>): boolean => m.alive.has(this.node);
  run(m: Model, r: Real): void { applyFault(r.sim, { kind: 'crash', node: this.node }); m.alive.delete(this.node); }
  toString = (): string => `crash ${this.node}`;
}

class Start implements fc.Command<Model, Real> {
  constructor(readonly node: string) {}
  check = (m: Readonly<Model>): boolean => !m.alive.has(this.node);
  run(m: Model, r: Real): void { applyFault(r.sim, { kind: 'start', node: this.node }); m.alive.add(this.node); }
  toString = (): string => `start ${this.node}`;
}

class Partition implements fc.Command<Model, Real> {
  constructor(readonly side: readonly string[], readonly rest: readonly string[]) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void { applyFault(r.sim, { kind: 'partition', groups: [this.side, this.rest] }); m.partitioned = true; }
  toString = (): string => `partition [${this.side.join(',')}] | [${this.rest.join(',')}]`;
}

class Heal implements fc.Command<Model, Real> {
  check = (): boolean => true;
  run(m: Model, r: Real): void { applyFault(r.sim, { kind: 'heal' }); m.partitioned = false; }
  toString = (): string => 'heal';
}

class Wait implements fc.Command<Model, Real> {
  constructor(readonly micros: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    runUntil(r.sim, r.sim.now + this.micros);
    if (m.partitioned || this.micros < m.quiet || m.alive.size === 0) return;
    const ms = masters(r.sim, 'VI_1');
    if (ms.length !== 1) throw new Error(`after ${this.micros} µs quiet: MASTER on [${ms.join(', ')}], expected exactly one`);
    if (m.nopreempt) return;
    const best = [...m.alive].sort((a, b) => m.prio.get(b)! - m.prio.get(a)!)[0]!;
    if (ms[0] !== best) throw new Error(`after ${this.micros} µs quiet: MASTER ${ms[0]}, expected the highest-priority live node ${best}`);
  }
  toString = (): string => `wait ${this.micros / 1e6}s`;
}

describe('cluster against a reference model', () => {
  it('the quiet-time MASTER is the highest-priority live node (or unique, with nopreempt)', () => {
    const world = arbTopologyChoice({ minNodes: 2, maxNodes: 3, distinctPriorities: true, trackScripts: false, jitter: false })
      .filter((c) => c.nodes.every((n) => n.preempt.kind !== 'delay'))
      .map((c) => topologySpec(c, 3_600_000_000));
    const arb = world.chain((spec: SimSpec) => {
      const names = spec.nodes.map((n) => n.name);
      const quiet = 2 * deriveBounds(spec).convergence;
      return fc.tuple(fc.constant(spec), fc.commands([
        fc.constantFrom(...names).map((n) => new Crash(n)),
        fc.constantFrom(...names).map((n) => new Start(n)),
        fc.shuffledSubarray(names, { minLength: 1, maxLength: names.length - 1 }).map((side) => new Partition(side, names.filter((n) => !side.includes(n)))),
        fc.constant(new Heal()),
        fc.oneof(fc.integer({ min: 1, max: 3_000_000 }), fc.constant(quiet)).map((t) => new Wait(t)),
      ], { maxCommands: 12 }));
    });
    fc.assert(fc.property(arb, ([spec, cmds]) => {
      const sim = createSim(spec);
      runUntil(sim, 0);
      const model: Model = {
        alive: new Set(spec.nodes.map((n) => n.name)),
        partitioned: false,
        prio: new Map(spec.nodes.map((n) => [n.name, n.router!.instances[0]!.priority])),
        nopreempt: spec.nodes.some((n) => n.router!.instances[0]!.nopreempt),
        quiet: 2 * deriveBounds(spec).convergence,
      };
      fc.modelRun(() => ({ model, real: { sim } }), cmds);
    }), { numRuns: 80, seed: 11 });
  });
});
