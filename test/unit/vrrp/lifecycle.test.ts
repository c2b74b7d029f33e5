import { describe, expect, it } from 'vitest';
import { instanceStatus } from '../../../src/vrrp/router.js';
import { defaultInstanceConfig, defaultScriptConfig } from '../../../src/vrrp/defaults.js';
import type { InstanceConfig, RouterConfig } from '../../../src/vrrp/types.js';
import { advertFrom, advertsSent, config, feed, fire, instanceTimer, master, notifies, ofType, started } from './harness.js';

describe('§13 shutdown (SIGTERM)', () => {
  it('§13 a MASTER sends one priority-0 advert, removes its VIPs and notifies STOP', () => {
    const r = feed(master(), { type: 'stop' }, 20_000_000);
    expect(advertsSent(r.effects)).toEqual([0]);
    expect(ofType(r.effects, 'removeVip')).toHaveLength(1);
    expect(notifies(r.effects)).toEqual(['INSTANCE VI_1 STOP 100']);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('STOP');
  });

  it('§13 a BACKUP sends nothing and notifies STOP; afterwards every input is ignored', () => {
    const r = feed(started({}), { type: 'stop' }, 5);
    expect(advertsSent(r.effects)).toEqual([]);
    expect(notifies(r.effects)).toEqual(['INSTANCE VI_1 STOP 100']);
    const after = fire(r, 'VI_1', 4_000_000);
    expect(after.effects).toEqual([]);
    expect(after.router).toBe(r.router);
  });
});

const inst = (name: string, vrid: number, p: Partial<InstanceConfig> = {}): InstanceConfig =>
  defaultInstanceConfig({ name, vrid, vips: [`192.0.2.${vrid}`], ...p });

describe('§17 sync groups', () => {
  const twoMembers = (a: Partial<InstanceConfig> = {}, b: Partial<InstanceConfig> = {}): RouterConfig =>
    config([inst('A', 10, a), inst('B', 20, b)], [], [{ name: 'G', instances: ['A', 'B'] }]);

  it('§17 a BACKUP group notifies GROUP BACKUP at start', () => {
    const s = started(twoMembers());
    expect(notifies(s.effects)).toEqual(['GROUP G BACKUP 0', 'INSTANCE A BACKUP 100', 'INSTANCE B BACKUP 100']);
  });

  it('§17 a member whose timer expires alone is held in BACKUP with a fresh full down timer', () => {
    let r = started(twoMembers());
    r = feed(r, advertFrom('192.0.2.2', { vrid: 20, vips: ['192.0.2.20'] }), 1_000_000);
    r = fire(r, 'A', 3_609_375);
    expect(instanceStatus(r.router, 'A').state).toBe('BACKUP');
    expect(instanceTimer(r.effects, 'A')).toBe(2 * 3_609_375);
    expect(advertsSent(r.effects)).toEqual([]);
  });

  it('§17 when every member wants MASTER they all go MASTER together, with a GROUP MASTER notify', () => {
    let r = started(twoMembers());
    r = fire(r, 'A', 3_609_375);
    r = fire(r, 'B', 3_609_375);
    expect(instanceStatus(r.router, 'A').state).toBe('MASTER');
    expect(instanceStatus(r.router, 'B').state).toBe('MASTER');
    expect(notifies(r.effects)).toEqual(['INSTANCE B MASTER 100', 'INSTANCE A MASTER 100', 'GROUP G MASTER 0']);
  });

  it('§17 one member yielding to a higher master takes the whole group to BACKUP without priority-0 adverts', () => {
    let r = started(twoMembers());
    r = fire(fire(r, 'A', 3_609_375), 'B', 3_609_375);
    r = feed(r, advertFrom('192.0.2.2', { vrid: 10, vips: ['192.0.2.10'], priority: 200 }), 4_000_000);
    expect(instanceStatus(r.router, 'A').state).toBe('BACKUP');
    expect(instanceStatus(r.router, 'B').state).toBe('BACKUP');
    expect(advertsSent(r.effects)).toEqual([]);
    expect(notifies(r.effects)).toContain('GROUP G BACKUP 0');
  });

  it('§17 a member fault puts the whole group in FAULT; a master member sends one priority-0 advert', () => {
    let r = started(config([inst('A', 10, { iface: 'eth1' }), inst('B', 20)], [], [{ name: 'G', instances: ['A', 'B'] }]));
    r = fire(fire(r, 'A', 3_609_375), 'B', 3_609_375);
    r = feed(r, { type: 'interface', iface: 'eth1', up: false }, 5_000_000);
    expect(instanceStatus(r.router, 'A').state).toBe('FAULT');
    expect(instanceStatus(r.router, 'B').state).toBe('FAULT');
    expect(ofType(r.effects, 'sendAdvert').map((e) => `${e.instance}:${e.advert.priority}`)).toEqual(['A:0', 'A:0', 'B:0']);
    expect(notifies(r.effects)).toContain('GROUP G FAULT 0');
    r = feed(r, { type: 'interface', iface: 'eth1', up: true }, 6_000_000);
    expect(instanceStatus(r.router, 'A').state).toBe('BACKUP');
    expect(instanceStatus(r.router, 'B').state).toBe('BACKUP');
    expect(notifies(r.effects)).toContain('GROUP G BACKUP 0');
  });

  // vrrp_track.c:883-888 (initialise_tracking_priorities): a member waiting for an unweighted
  // script's first result puts its group in INIT; vrrp_sync.c vrrp_sync_backup() then brings
  // every member up when that result is a success.
  describe('a member tracking an unweighted script', () => {
    const tracked = (): RouterConfig => config(
      [inst('A', 10, { track: [{ kind: 'script', name: 'chk', weight: 0, reverse: false }] }), inst('B', 20)],
      [defaultScriptConfig({ name: 'chk' })],
      [{ name: 'G', instances: ['A', 'B'] }],
    );

    it('§17 holds the whole group in INIT (both members FAULT, silently) until the first result', () => {
      const s = started(tracked());
      expect(instanceStatus(s.router, 'A').state).toBe('FAULT');
      expect(instanceStatus(s.router, 'B').state).toBe('FAULT');
      expect(s.router.groups[0]?.state).toBe('INIT');
      expect(notifies(s.effects)).toEqual([]);
    });

    it('§17 the first success brings every member to BACKUP, and the group then goes MASTER', () => {
      let r = feed(started(tracked()), { type: 'scriptResult', script: 'chk', ok: true }, 10_000);
      expect(instanceStatus(r.router, 'A').state).toBe('BACKUP');
      expect(instanceStatus(r.router, 'B').state).toBe('BACKUP');
      expect(notifies(r.effects)).toEqual(['INSTANCE A BACKUP 100', 'INSTANCE B BACKUP 100', 'GROUP G BACKUP 0']);
      const down = 10_000 + 3_609_375;
      expect(instanceTimer(r.effects, 'A')).toBe(down);
      expect(instanceTimer(r.effects, 'B')).toBe(down);
      r = fire(fire(r, 'A', down), 'B', down);
      expect(instanceStatus(r.router, 'A').state).toBe('MASTER');
      expect(instanceStatus(r.router, 'B').state).toBe('MASTER');
    });

    it('a steady script result returns the very same state and no effects', () => {
      const r = feed(started(tracked()), { type: 'scriptResult', script: 'chk', ok: true }, 10_000);
      const again = feed(r, { type: 'scriptResult', script: 'chk', ok: true }, 2_010_000);
      expect(again.router).toBe(r.router);
      expect(again.effects).toEqual([]);
      // A result that changes the script (fall 1: one failure) is a new state.
      const dip = feed(r, { type: 'scriptResult', script: 'chk', ok: false }, 2_010_000);
      expect(dip.router).not.toBe(r.router);
      expect(dip.router.scripts[0]?.status).toBe('failed');
    });

    it('§17 a first failure takes the group to FAULT, a later success to BACKUP', () => {
      let r = feed(started(tracked()), { type: 'scriptResult', script: 'chk', ok: false }, 10_000);
      expect(r.router.groups[0]?.state).toBe('FAULT');
      expect(notifies(r.effects)).toContain('GROUP G FAULT 0');
      r = feed(r, { type: 'scriptResult', script: 'chk', ok: true }, 1_010_000);
      expect(instanceStatus(r.router, 'A').state).toBe('BACKUP');
      expect(instanceStatus(r.router, 'B').state).toBe('BACKUP');
      expect(r.router.groups[0]?.state).toBe('BACKUP');
    });
  });
});

describe('reload (SIGHUP)', () => {
  const cfg = (priority: number): RouterConfig => config([defaultInstanceConfig({ priority })]);

  it('reload of a MASTER first sends one advert with the pre-reload priority (sigreload_vrrp)', () => {
    const r = feed(fire(started(cfg(200)), 'VI_1', 3_218_750), { type: 'reload', config: cfg(50) }, 4_500_000);
    expect(r.effects[0]).toMatchObject({ type: 'sendAdvert', instance: 'VI_1', advert: { priority: 200 } });
    expect(advertsSent(r.effects)).toEqual([200]);
    expect(instanceStatus(r.router, 'VI_1').effectivePriority).toBe(50);
    expect(advertsSent(fire(r, 'VI_1', 4_500_000).effects)).toEqual([50]);
  });

  it('reload sends no pre-reload advert for a BACKUP', () => {
    const r = feed(started(cfg(100)), { type: 'reload', config: cfg(50) }, 1_000_000);
    expect(advertsSent(r.effects)).toEqual([]);
  });

  it('reload keeps a MASTER in MASTER and advertises the new priority at once', () => {
    let r = fire(started(cfg(100)), 'VI_1', 3_609_375);
    r = feed(r, { type: 'reload', config: cfg(150) }, 4_000_000);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('MASTER');
    expect(instanceStatus(r.router, 'VI_1').effectivePriority).toBe(150);
    expect(instanceTimer(r.effects)).toBe(4_000_000);
    expect(notifies(r.effects)).toEqual([]);
    r = fire(r, 'VI_1', 4_000_000);
    expect(advertsSent(r.effects)).toEqual([150]);
  });

  it('reload of a BACKUP restarts the down timer with the new priority, without a notify', () => {
    const r = feed(started(cfg(100)), { type: 'reload', config: cfg(200) }, 1_000_000);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('BACKUP');
    expect(instanceTimer(r.effects)).toBe(1_000_000 + 3_218_750);
    expect(notifies(r.effects)).toEqual([]);
  });

  it('reload that removes an instance resigns it like a stopping master', () => {
    const two = config([defaultInstanceConfig(), defaultInstanceConfig({ name: 'VI_2', vrid: 52 })]);
    let r = fire(started(two), 'VI_2', 3_609_375);
    r = feed(r, { type: 'reload', config: config([defaultInstanceConfig()]) }, 4_000_000);
    // The pre-reload advert of every master (sigreload_vrrp), then clear_diff_vrrp()'s priority 0.
    expect(ofType(r.effects, 'sendAdvert').map((e) => `${e.instance}:${e.advert.priority}`)).toEqual(['VI_2:100', 'VI_2:0']);
    expect(ofType(r.effects, 'removeVip')).toHaveLength(1);
    // keepalived notifies DELETED as FAULT unless notify_deleted is set.
    expect(notifies(r.effects)).toEqual(['INSTANCE VI_2 FAULT 100']);
    expect(() => instanceStatus(r.router, 'VI_2')).toThrow();
  });

  it('reload that gives a MASTER a new VIP adds it and sends a GARP round for all its addresses', () => {
    let r = fire(started(cfg(100)), 'VI_1', 3_609_375);
    const more = config([defaultInstanceConfig({ vips: ['192.0.2.100', '192.0.2.101'] })]);
    r = feed(r, { type: 'reload', config: more }, 4_000_000);
    expect(ofType(r.effects, 'addVip').map((e) => e.vip)).toEqual(['192.0.2.101']);
    expect(ofType(r.effects, 'garp').map((e) => [e.addrs, e.count])).toEqual([[['192.0.2.100', '192.0.2.101'], 5]]);
    expect(instanceStatus(r.router, 'VI_1').vipsHeld).toEqual(['192.0.2.100', '192.0.2.101']);
  });

  it('reload that lowers a MASTER below a BACKUP peer: the peer still preempts only after its own down timer', () => {
    let r = fire(started(cfg(200)), 'VI_1', 3_218_750);
    r = feed(r, { type: 'reload', config: cfg(50) }, 4_000_000);
    expect(ofType(r.effects, 'priorityChange')).toEqual([{ type: 'priorityChange', instance: 'VI_1', from: 200, to: 50 }]);
    r = feed(r, advertFrom('192.0.2.2', { priority: 100 }), 4_100_000);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('BACKUP');
  });

  it('reload that adds an instance starts it as at startup', () => {
    const r = feed(started(cfg(100)), { type: 'reload', config: config([defaultInstanceConfig(), defaultInstanceConfig({ name: 'VI_2', vrid: 52 })]) }, 7);
    expect(instanceStatus(r.router, 'VI_2').state).toBe('BACKUP');
    expect(instanceTimer(r.effects, 'VI_2')).toBe(7 + 3_609_375);
  });
});
