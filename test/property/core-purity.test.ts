// The core is a pure function: step never mutates the state it is given, and the same inputs
// give the same outputs. Hosts keep old states (replay, shrinking), so both must hold always.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createRouter, step } from '../../src/vrrp/router.js';
import type { RouterState } from '../../src/vrrp/state.js';
import { defaultInstanceConfig, defaultScriptConfig } from '../../src/vrrp/defaults.js';
import type { Effect, Input, RouterConfig } from '../../src/vrrp/types.js';

const NAMES = ['A', 'B'] as const;
const SRCS = ['192.0.2.1', '192.0.2.2', '192.0.2.3'] as const;

const configArb = fc.record({
  pa: fc.integer({ min: 1, max: 255 }),
  pb: fc.integer({ min: 1, max: 254 }),
  nopreempt: fc.boolean(),
  preemptDelay: fc.constantFrom(0, 2_000_000),
  weight: fc.integer({ min: -60, max: 60 }),
  grouped: fc.boolean(),
}).map(({ pa, pb, nopreempt, preemptDelay, weight, grouped }): RouterConfig => ({
  instances: [
    defaultInstanceConfig({ name: 'A', vrid: 1, priority: pa, initialState: pa === 255 ? 'MASTER' : 'BACKUP', vips: ['192.0.2.101'],
      track: [{ kind: 'script', name: 'chk', weight: pa === 255 ? 0 : weight, reverse: false }] }),
    defaultInstanceConfig({ name: 'B', vrid: 2, priority: pb, nopreempt, preemptDelay, vips: ['192.0.2.102'], iface: 'eth1',
      track: [{ kind: 'interface', name: 'eth2', weight: -10, reverse: false }] }),
  ],
  scripts: [defaultScriptConfig({ name: 'chk', rise: 2, fall: 2 })],
  syncGroups: grouped ? [{ name: 'G', instances: ['A', 'B'] }] : [],
}));

const inputArb: fc.Arbitrary<Input> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ i: fc.constantFrom(...NAMES), kind: fc.constantFrom('instance', 'garpDelay') as fc.Arbitrary<'instance' | 'garpDelay'> })
    .map(({ i, kind }): Input => ({ type: 'timer', key: { kind, instance: i } })) },
  { weight: 1, arbitrary: fc.constant<Input>({ type: 'timer', key: { kind: 'script', script: 'chk' } }) },
  { weight: 5, arbitrary: fc.record({
    vrid: fc.constantFrom(1, 2), priority: fc.integer({ min: 0, max: 255 }), src: fc.constantFrom(...SRCS),
    ttl: fc.constantFrom(255, 255, 1), adv: fc.constantFrom(1_000_000, 1_000_000, 2_000_000),
  }).map(({ vrid, priority, src, ttl, adv }): Input => ({
    type: 'advert',
    packet: { advert: { version: 2, vrid, priority, advertInt: adv, vips: [`192.0.2.10${vrid}`], auth: { type: 'none' } },
      src, dst: '224.0.0.18', ttl, iface: vrid === 1 ? 'eth0' : 'eth1' },
  })) },
  { weight: 2, arbitrary: fc.boolean().map((ok): Input => ({ type: 'scriptResult', script: 'chk', ok })) },
  { weight: 2, arbitrary: fc.record({ iface: fc.constantFrom('eth0', 'eth1', 'eth2'), up: fc.boolean() })
    .map(({ iface, up }): Input => ({ type: 'interface', iface, up })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 254 }).map((p): Input => ({ type: 'reload', config: {
    instances: [defaultInstanceConfig({ name: 'A', vrid: 1, priority: p, vips: ['192.0.2.101'] })], scripts: [], syncGroups: [],
  } })) },
  { weight: 1, arbitrary: fc.constant<Input>({ type: 'stop' }) },
);

const scheduleArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 2_500_000 }), inputArb), { maxLength: 60 });

function run(config: RouterConfig, schedule: readonly (readonly [number, Input])[], check?: (before: RouterState, snap: RouterState) => void): { states: RouterState[]; effects: Effect[][] } {
  let r = step(createRouter(config), { type: 'start', ifaceUp: { eth0: true, eth1: true, eth2: true } }, 0).router;
  let now = 0;
  const states = [r];
  const effects: Effect[][] = [];
  for (const [dt, input] of schedule) {
    now += dt;
    const snap = check === undefined ? r : structuredClone(r);
    const out = step(r, input, now);
    check?.(r, snap);
    r = out.router;
    states.push(r);
    effects.push(out.effects);
  }
  return { states, effects };
}

describe('core purity', () => {
  test.prop([configArb, scheduleArb], { numRuns: 150 })('step never mutates the router it is given', (config, schedule) => {
    run(config, schedule, (before, snap) => expect(before).toEqual(snap));
  });

  test.prop([configArb, scheduleArb], { numRuns: 150 })('step is deterministic: the same inputs give the same states and effects', (config, schedule) => {
    const a = run(config, schedule);
    const b = run(config, schedule);
    expect(b.effects).toEqual(a.effects);
    expect(b.states).toEqual(a.states);
  });

  test.prop([configArb, scheduleArb], { numRuns: 150 })('every time in state and effects is an integer number of microseconds', (config, schedule) => {
    const { effects } = run(config, schedule);
    for (const e of effects.flat()) {
      if (e.type === 'setTimer') expect(Number.isInteger(e.at)).toBe(true);
    }
  });
});
