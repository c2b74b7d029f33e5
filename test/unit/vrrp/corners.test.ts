import { describe, expect, it } from 'vitest';
import { instanceStatus } from '../../../src/vrrp/router.js';
import { defaultInstanceConfig } from '../../../src/vrrp/defaults.js';
import { advertFrom, config, feed, fire, instanceTimer, master, notifies, ofType, started } from './harness.js';
import { instanceAt } from '../../../src/vrrp/state.js';

const T = 10_000_000;

describe('corner rules', () => {
  it('§14 a delayed GARP round that comes due after leaving MASTER sends nothing', () => {
    let r = feed(master(), advertFrom('192.0.2.2', { priority: 200 }), T + 1_000);
    r = feed(r, { type: 'timer', key: { kind: 'garpDelay', instance: 'VI_1' } }, T + 5_000_000);
    expect(ofType(r.effects, 'garp')).toEqual([]);
  });

  it('§4 a member wanting MASTER in a BACKUP sync group waits one advert interval plus skew_min', () => {
    const cfg = config(
      [defaultInstanceConfig({ name: 'A', vrid: 1, priority: 255, initialState: 'MASTER' }), defaultInstanceConfig({ name: 'B', vrid: 2 })],
      [],
      [{ name: 'G', instances: ['A', 'B'] }],
    );
    const s = started(cfg, 0);
    expect(instanceTimer(s.effects, 'A')).toBe(1_000_000 + 3_906);
    expect(instanceTimer(s.effects, 'B')).toBe(3_609_375);
  });

  it('§17 a sync group of owners with state MASTER starts MASTER: each member takes its own 1 µs tick, no GROUP notify', () => {
    const owner = { priority: 255, initialState: 'MASTER' as const };
    const cfg = config(
      [defaultInstanceConfig({ name: 'A', vrid: 1, ...owner }), defaultInstanceConfig({ name: 'B', vrid: 2, ...owner })],
      [],
      [{ name: 'G', instances: ['A', 'B'] }],
    );
    const s = started(cfg, 0);
    expect(notifies(s.effects)).toEqual([]);
    expect(instanceTimer(s.effects, 'B')).toBe(1);
    const a = fire(fire(s, 'A', 1), 'B', 1);
    expect(instanceStatus(a.router, 'A').state).toBe('MASTER');
    expect(instanceStatus(a.router, 'B').state).toBe('MASTER');
    // vrrp_sync_master() returns early for a group already MASTER, so only instances notify.
    expect(notifies(a.effects)).toEqual(['INSTANCE B MASTER 255']);
  });

  it('§6 a BACKUP keeps the remaining down timer after ignoring an advert; a later priority change shifts from that remainder', () => {
    let r = started({ track: [{ kind: 'interface', name: 'eth1', weight: -50, reverse: false }] }, 0);
    r = feed(r, advertFrom('192.0.2.2', { priority: 50 }), 3_000_000);
    expect(instanceAt(r.router.instances, 0)?.msDownTimer).toBe(609_375);
    r = feed(r, { type: 'interface', iface: 'eth1', up: false }, 3_100_000);
    // keepalived shifts sands by (new full down timer − stored remainder): 3 804 687 − 609 375.
    expect(instanceTimer(r.effects)).toBe(3_609_375 + 3_804_687 - 609_375);
  });

  it('§5.8 a BACKUP in FAULT recovery order: interface flaps do not double-notify', () => {
    let r = feed(started({}), { type: 'interface', iface: 'eth0', up: false }, 1);
    r = feed(r, { type: 'interface', iface: 'eth0', up: false }, 2);
    expect(r.effects).toEqual([]);
    r = feed(r, { type: 'interface', iface: 'eth0', up: true }, 3);
    expect(notifies(r.effects)).toEqual(['INSTANCE VI_1 BACKUP 100']);
  });
});
