// Random routers and input schedules for the core's properties: two instances (one with a
// weighted or unweighted script, one tracking an interface), optionally a sync group, and
// adverts, timers, script results, carrier changes, reloads and a stop in random order.
import { fc } from '@fast-check/vitest';
import { createRouter, step } from '../../src/vrrp/router.js';
import type { RouterState } from '../../src/vrrp/state.js';
import { defaultInstanceConfig, defaultScriptConfig } from '../../src/vrrp/defaults.js';
import type { Effect, Input, RouterConfig } from '../../src/vrrp/types.js';

const NAMES = ['A', 'B'] as const;
const SRCS = ['192.0.2.1', '192.0.2.2', '192.0.2.3'] as const;

export const configArb = fc.record({
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

export const inputArb: fc.Arbitrary<Input> = fc.oneof(
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

export const scheduleArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 2_500_000 }), inputArb), { maxLength: 60 });

export function run(config: RouterConfig, schedule: readonly (readonly [number, Input])[], check?: (before: RouterState, snap: RouterState) => void): { states: RouterState[]; effects: Effect[][] } {
  let r = step(createRouter(config), { type: 'start', ifaceUp: new Map([['eth0', true], ['eth1', true], ['eth2', true]]) }, 0).router;
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


// The same routers and schedules over IPv6 (VRRPv3 to ff02::12 from link-local addresses, the
// VIPs as 2001:db8:: addresses), so every core property has an IPv6 counterpart. A tenth of the
// adverts arrive unicast, which an IPv6 multicast instance drops before any rule.
const v6 = (a: string): string => (a.startsWith('192.0.2.') ? `2001:db8::${a.slice(8)}` : a);
const ll = (a: string): string => (a.startsWith('192.0.2.') ? `fe80::${a.slice(8)}` : a);

function instances6(c: RouterConfig): RouterConfig {
  return {
    ...c,
    instances: c.instances.map((i) => ({
      ...i, family: 6, version: 3, srcAddr: ll(i.srcAddr), mcastGroup: 'ff02::12', vips: i.vips.map(v6), excludedVips: i.excludedVips.map(v6), auth: { type: 'none' },
    })),
  };
}

function input6(i: Input, unicast: boolean): Input {
  if (i.type === 'reload') return { ...i, config: instances6(i.config) };
  if (i.type !== 'advert') return i;
  const p = i.packet;
  return { ...i, packet: { ...p, advert: { ...p.advert, version: 3, vips: p.advert.vips.map(v6) }, src: ll(p.src), dst: unicast ? 'fe80::1' : 'ff02::12' } };
}

export const configArb6 = configArb.map(instances6);
export const scheduleArb6 = fc.array(fc.tuple(fc.integer({ min: 0, max: 2_500_000 }), inputArb, fc.integer({ min: 0, max: 9 })), { maxLength: 60 })
  .map((s) => s.map(([dt, i, k]) => [dt, input6(i, k === 0)] as const));
