// Model-based test of one VRRPv2 instance against a small independent model of RFC 3768 /
// keepalived's accept-discard rules (keepalived-state-machine.md §6, §9, §5.8): after every
// command the core and the model agree on the state, the timer deadline and what was sent.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createRouter, instanceStatus, step } from '../../src/vrrp/router.js';
import type { RouterState } from '../../src/vrrp/state.js';
import { defaultInstanceConfig } from '../../src/vrrp/defaults.js';
import type { Effect, Input } from '../../src/vrrp/types.js';
import { sandsAt } from '../../src/vrrp/state.js';

const ADV = 1_000_000;
const OWN = '192.0.2.5';

interface Model {
  state: 'BACKUP' | 'MASTER';
  deadline: number;
  now: number;
  readonly prio: number;
  readonly nopreempt: boolean;
  sent: number[];
}

interface Real {
  router: RouterState;
  sent: number[];
}

// Written from the RFC text, not from the core: v2 skew = (256 − p)/256 s in whole µs.
const skew = (p: number): number => Math.floor(((256 - p) * 1_000_000) / 256);
const down = (p: number): number => 3 * ADV + skew(p);

function apply(real: Real, input: Input, now: number): void {
  const out = step(real.router, input, now);
  real.router = out.router;
  real.sent = out.effects.filter((e): e is Extract<Effect, { type: 'sendAdvert' }> => e.type === 'sendAdvert').map((e) => e.advert.priority);
}

function check(m: Model, r: Real): void {
  expect(instanceStatus(r.router, 'VI_1').state).toBe(m.state);
  expect(sandsAt(r.router, 0)).toBe(m.deadline);
  expect(r.sent).toEqual(m.sent);
}

class Expire implements fc.Command<Model, Real> {
  check(): boolean { return true; }
  run(m: Model, r: Real): void {
    m.now = m.deadline;
    apply(r, { type: 'timer', key: { kind: 'instance', instance: 'VI_1' } }, m.now);
    m.sent = [m.prio];
    m.state = 'MASTER';
    m.deadline = m.now + ADV;
    check(m, r);
  }
  toString(): string { return 'Expire'; }
}

class Receive implements fc.Command<Model, Real> {
  constructor(readonly dt: number, readonly prio: number, readonly srcHigher: boolean, readonly valid: boolean) {}
  check(): boolean { return true; }
  run(m: Model, r: Real): void {
    m.now = Math.max(m.now, Math.min(m.now + this.dt, m.deadline - 1));
    const src = this.srcHigher ? '192.0.2.9' : '192.0.2.1';
    apply(r, { type: 'advert', packet: {
      advert: { version: 2, vrid: 51, priority: this.prio, advertInt: this.valid ? ADV : 2 * ADV, vips: ['192.0.2.100'], auth: { type: 'none' } },
      src, dst: '224.0.0.18', ttl: 255, iface: 'eth0',
    } }, m.now);
    m.sent = [];
    const p = this.prio;
    if (m.state === 'BACKUP') {
      if (!this.valid) { /* ignored: timer keeps running */ }
      else if (p === 0) m.deadline = m.now + skew(m.prio);
      else if (m.nopreempt || p >= m.prio) m.deadline = m.now + down(m.prio);
      // else: lower priority discarded, timer keeps running
    } else if (!this.valid) {
      m.deadline = m.now + ADV;
    } else if (p === 0) {
      m.sent = [m.prio];
      m.deadline = m.now + ADV;
    } else if (p < m.prio || (p === m.prio && !this.srcHigher)) {
      m.sent = [m.prio];
      m.deadline = m.now + ADV;
    } else {
      m.state = 'BACKUP';
      m.deadline = m.now + down(m.prio);
    }
    check(m, r);
  }
  toString(): string { return `Receive(+${this.dt}, p=${this.prio}, ${this.srcHigher ? 'higher' : 'lower'} src, ${this.valid ? 'valid' : 'invalid'})`; }
}

const commandsArb = fc.commands([
  fc.constant(new Expire()),
  fc.record({
    dt: fc.integer({ min: 0, max: 4_000_000 }),
    prio: fc.oneof(fc.constantFrom(0, 99, 100, 101), fc.integer({ min: 0, max: 254 })),
    srcHigher: fc.boolean(),
    valid: fc.boolean(),
  }).map(({ dt, prio, srcHigher, valid }) => new Receive(dt, prio, srcHigher, valid)),
], { maxCommands: 40 });

describe('model-based: one instance against an independent model of the accept/discard rules', () => {
  test.prop([fc.boolean(), fc.integer({ min: 1, max: 254 }), commandsArb], { numRuns: 200 })(
    'core and model agree after every command',
    (nopreempt, prio, cmds) => {
      const cfg = defaultInstanceConfig({ priority: prio, nopreempt, srcAddr: OWN });
      const router = step(createRouter({ instances: [cfg], scripts: [], syncGroups: [] }), { type: 'start', ifaceUp: new Map() }, 0).router;
      const model: Model = { state: 'BACKUP', deadline: down(prio), now: 0, prio, nopreempt, sent: [] };
      fc.modelRun(() => ({ model, real: { router, sent: [] } }), cmds);
    },
  );
});
