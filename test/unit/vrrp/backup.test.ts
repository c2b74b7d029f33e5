import { describe, expect, it } from 'vitest';
import { instanceStatus } from '../../../src/vrrp/router.js';
import { advertFrom, advertsSent, feed, fire, instanceTimer, started } from './harness.js';
import { instanceAt, sandsAt } from '../../../src/vrrp/state.js';

const PEER = '192.0.2.2';

describe('§6 BACKUP receiving an advert', () => {
  it('§6 BACKUP accepts an equal-priority advert and resets the down timer', () => {
    const r = feed(started({}), advertFrom(PEER, { priority: 100 }), 2_000_000);
    expect(instanceTimer(r.effects)).toBe(2_000_000 + 3_609_375);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('BACKUP');
  });

  it('§6 BACKUP accepts a higher-priority advert and resets the down timer', () => {
    const r = feed(started({}), advertFrom(PEER, { priority: 200 }), 1_000_000);
    expect(instanceTimer(r.effects)).toBe(1_000_000 + 3_609_375);
  });

  it('§6 BACKUP discards a lower-priority advert: its running down timer is kept', () => {
    const s = started({});
    const r = feed(s, advertFrom(PEER, { priority: 50 }), 1_000_000);
    expect(instanceTimer(r.effects)).toBeUndefined();
    expect(sandsAt(r.router, 0)).toBe(3_609_375);
    const m = fire(r, 'VI_1', 3_609_375);
    expect(instanceStatus(m.router, 'VI_1').state).toBe('MASTER');
  });

  it('§6 priority 0 advert sets the down timer to Skew_Time, even with nopreempt', () => {
    for (const nopreempt of [false, true]) {
      const r = feed(started({ nopreempt }), advertFrom(PEER, { priority: 0 }), 1_000_000);
      expect(instanceTimer(r.effects)).toBe(1_000_000 + 609_375);
    }
  });

  it('§10 nopreempt: a lower-priority advert is accepted and resets the timer', () => {
    const r = feed(started({ nopreempt: true }), advertFrom(PEER, { priority: 50 }), 1_000_000);
    expect(instanceTimer(r.effects)).toBe(1_000_000 + 3_609_375);
  });

  it('§10 preempt_delay: lower adverts are accepted until first-lower-advert + delay, then discarded', () => {
    let r = started({ preemptDelay: 10_000_000 });
    r = feed(r, advertFrom(PEER, { priority: 50 }), 1_000_000);
    expect(instanceAt(r.router.instances, 0)?.preemptTime).toBe(11_000_000);
    expect(instanceTimer(r.effects)).toBe(4_609_375);
    r = feed(r, advertFrom(PEER, { priority: 50 }), 10_999_999);
    expect(instanceTimer(r.effects)).toBe(10_999_999 + 3_609_375);
    r = feed(r, advertFrom(PEER, { priority: 50 }), 11_000_000);
    expect(instanceTimer(r.effects)).toBeUndefined();
    const m = fire(r, 'VI_1', 10_999_999 + 3_609_375);
    expect(instanceStatus(m.router, 'VI_1').state).toBe('MASTER');
  });

  it('§10 preempt_delay: an advert with priority >= ours cancels a started delay', () => {
    let r = started({ preemptDelay: 10_000_000 });
    r = feed(r, advertFrom(PEER, { priority: 50 }), 1_000_000);
    r = feed(r, advertFrom(PEER, { priority: 150 }), 2_000_000);
    expect(instanceAt(r.router.instances, 0)?.preemptTime).toBeNull();
    r = feed(r, advertFrom(PEER, { priority: 50 }), 3_000_000);
    expect(instanceAt(r.router.instances, 0)?.preemptTime).toBe(13_000_000);
  });

  it('§6 v3 BACKUP learns the master\'s interval for its down timer and skew', () => {
    const r = feed(started({ version: 3 }), advertFrom(PEER, { version: 3, priority: 150, advertInt: 500_000 }), 1_000_000);
    expect(instanceStatus(r.router, 'VI_1').masterAdvertInt).toBe(500_000);
    expect(instanceTimer(r.effects)).toBe(1_000_000 + 1_804_687);
  });

  it('§2 a BACKUP that became MASTER advertises at its own interval again (v3)', () => {
    const r = feed(started({ version: 3 }), advertFrom(PEER, { version: 3, priority: 150, advertInt: 500_000 }), 0);
    const m = fire(r, 'VI_1', 1_804_687);
    expect(instanceStatus(m.router, 'VI_1').masterAdvertInt).toBe(1_000_000);
    expect(instanceTimer(m.effects)).toBe(1_804_687 + 1_000_000);
  });

  it('§6 BACKUP times out into MASTER: advert first, then VIPs, GARPs and the MASTER notify', () => {
    const m = fire(started({}), 'VI_1', 3_609_375);
    expect(m.effects.map((e) => e.type)).toEqual(['sendAdvert', 'transition', 'addVip', 'garp', 'notify', 'setTimer', 'setTimer']);
    expect(advertsSent(m.effects)).toEqual([100]);
  });
});

describe('vrrp-packets.md §5 validation: an invalid advert is ignored and the BACKUP timer keeps running', () => {
  const cases: [string, ReturnType<typeof advertFrom>][] = [
    ['TTL not 255 on multicast', advertFrom(PEER, { priority: 200 }, { ttl: 64 })],
    ['wrong version', advertFrom(PEER, { priority: 200, version: 3 })],
    ['auth type mismatch', advertFrom(PEER, { priority: 200, auth: { type: 'PASS', pass: 'secret' } })],
    ['v2 advert interval mismatch', advertFrom(PEER, { priority: 200, advertInt: 2_000_000 })],
    ['VIP count mismatch', advertFrom(PEER, { priority: 200, vips: ['192.0.2.100', '192.0.2.101'] })],
    ['VIP list mismatch', advertFrom(PEER, { priority: 200, vips: ['192.0.2.111'] })],
    ['unicast packet on a multicast instance', advertFrom(PEER, { priority: 200 }, { dst: '192.0.2.1' })],
  ];
  it.each(cases)('§5 %s', (_name, input) => {
    const r = feed(started({}), input, 1_000_000);
    expect(instanceTimer(r.effects)).toBeUndefined();
    expect(sandsAt(r.router, 0)).toBe(3_609_375);
  });

  it('§5 PASS auth must match the configured password', () => {
    const auth = { type: 'PASS', pass: 'secret' } as const;
    const ok = feed(started({ auth }), advertFrom(PEER, { priority: 200, auth }), 1_000_000);
    expect(instanceTimer(ok.effects)).toBe(4_609_375);
    const bad = feed(started({ auth }), advertFrom(PEER, { priority: 200, auth: { type: 'PASS', pass: 'other' } }), 1_000_000);
    expect(instanceTimer(bad.effects)).toBeUndefined();
  });

  it('§5 v3 does not check the advert interval', () => {
    const r = feed(started({ version: 3 }), advertFrom(PEER, { version: 3, priority: 200, advertInt: 2_000_000 }), 0);
    // Skew uses our own priority (100) and the learned 2 s: 156 · 200 cs · 10 000 / 256.
    expect(instanceTimer(r.effects)).toBe(6_000_000 + 1_218_750);
  });

  it('§5 skip_check_adv_addr: a different VIP list is accepted only from the master last accepted', () => {
    let r = started({ skipCheckAdvAddr: true });
    const other = { priority: 200, vips: ['192.0.2.111'] };
    r = feed(r, advertFrom(PEER, other), 100);
    expect(instanceTimer(r.effects)).toBeUndefined();
    r = feed(r, advertFrom(PEER, { priority: 200 }), 200);
    r = feed(r, advertFrom(PEER, other), 300);
    expect(instanceTimer(r.effects)).toBe(300 + 3_609_375);
  });

  it('§20 unicast: a multicast packet is ignored; TTL is not checked; check_unicast_src limits sources', () => {
    const base = { unicastPeers: ['192.0.2.2'], unicastTtl: 64 };
    const mc = feed(started(base), advertFrom(PEER, { priority: 200 }), 10);
    expect(instanceTimer(mc.effects)).toBeUndefined();
    const uc = feed(started(base), advertFrom(PEER, { priority: 200 }, { dst: '192.0.2.1', ttl: 7 }), 10);
    expect(instanceTimer(uc.effects)).toBe(10 + 3_609_375);
    const stranger = advertFrom('192.0.2.9', { priority: 200 }, { dst: '192.0.2.1' });
    expect(instanceTimer(feed(started(base), stranger, 10).effects)).toBe(10 + 3_609_375);
    expect(instanceTimer(feed(started({ ...base, checkUnicastSrc: true }), stranger, 10).effects)).toBeUndefined();
  });

  it('§5 an advert for an unknown VRID or another interface is ignored', () => {
    const s = started({});
    expect(feed(s, advertFrom(PEER, { vrid: 52, priority: 200 }), 10).effects).toEqual([]);
    expect(feed(s, advertFrom(PEER, { priority: 200 }, { iface: 'eth1' }), 10).effects).toEqual([]);
  });
});
