// Structural invariants of the core over random schedules: what the effects did to a host
// always matches the state the core reports (VIPs held exactly while MASTER, the instance
// timer armed exactly in BACKUP/MASTER, a transition effect for every state change).
import { describe, expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { instanceStatus } from '../../src/vrrp/router.js';
import type { Effect } from '../../src/vrrp/types.js';
import { configArb as configArb4, configArb6, run, scheduleArb as scheduleArb4, scheduleArb6 } from './core-arbitraries.js';
import type { fc } from '@fast-check/vitest';
import type { Input, RouterConfig } from '../../src/vrrp/types.js';
import { instanceAt, instanceList, sandsAt } from '../../src/vrrp/state.js';

type Schedule = readonly (readonly [number, Input])[];
const FAMILIES: readonly [string, fc.Arbitrary<RouterConfig>, fc.Arbitrary<Schedule>][] = [
  ['IPv4', configArb4, scheduleArb4],
  ['IPv6', configArb6, scheduleArb6],
];

describe.each(FAMILIES)('core invariants (%s)', (_family, configArb, scheduleArb) => {
  test.prop([configArb, scheduleArb], { numRuns: 200 })('VIPs are held exactly while MASTER and the host sees the same set', (config, schedule) => {
    const { states, effects } = run(config, schedule);
    const held = new Map<string, Set<string>>(config.instances.map((c) => [c.name, new Set<string>()]));
    effects.forEach((es, k) => {
      for (const e of es) {
        if (e.type === 'addVip') held.get(e.instance)?.add(e.vip);
        if (e.type === 'removeVip') held.get(e.instance)?.delete(e.vip);
      }
      const r = states[k + 1];
      if (r === undefined) return;
      for (const c of r.config.instances) {
        const s = instanceStatus(r, c.name);
        expect([...s.vipsHeld].sort()).toEqual([...(held.get(c.name) ?? [])].sort());
        expect(s.vipsHeld.length > 0).toBe(s.state === 'MASTER');
      }
    });
  });

  test.prop([configArb, scheduleArb], { numRuns: 200 })('the instance timer is armed exactly in BACKUP and MASTER, and the host learns every deadline', (config, schedule) => {
    const { states, effects } = run(config, schedule);
    const armed = new Map<string, number | null>();
    const first = states[0];
    if (first !== undefined) instanceList(first.instances).forEach((v, i) => armed.set(v.config.name, sandsAt(first, i)));
    effects.forEach((es, k) => {
      for (const e of es) {
        if (e.type === 'setTimer' && e.key.kind === 'instance') armed.set(e.key.instance, e.at);
        if (e.type === 'cancelTimer' && e.key.kind === 'instance') armed.set(e.key.instance, null);
      }
      const r = states[k + 1];
      if (r === undefined) return;
      instanceList(r.instances).forEach((v, i) => {
        expect(armed.get(v.config.name) ?? null).toBe(sandsAt(r, i));
        expect(sandsAt(r, i) !== null).toBe(v.state === 'BACKUP' || v.state === 'MASTER');
      });
    });
  });

  test.prop([configArb, scheduleArb], { numRuns: 200 })('every state change comes with one transition effect naming it', (config, schedule) => {
    const { states, effects } = run(config, schedule);
    effects.forEach((es, k) => {
      const before = states[k];
      const after = states[k + 1];
      if (before === undefined || after === undefined || before.config !== after.config) return;
      instanceList(before.instances).forEach((v, i) => {
        const next = instanceAt(after.instances, i);
        const ts = es.filter((e): e is Extract<Effect, { type: 'transition' }> => e.type === 'transition' && e.instance === v.config.name);
        if (next === undefined || next.state === v.state) return;
        expect(ts.length).toBeGreaterThan(0);
        expect(ts[0]?.from).toBe(v.state);
        expect(ts.at(-1)?.to).toBe(next.state);
      });
    });
  });
});
