import { describe, expect, it } from 'vitest';
import { instanceStatus } from '../../../src/vrrp/router.js';
import { advertFrom, advertsSent, feed, fire, instanceTimer, master, notifies, ofType } from './harness.js';
import { sandsAt } from '../../../src/vrrp/state.js';

const T = 10_000_000; // when master() timed out into MASTER
const LOW = '192.0.2.0';
const HIGH = '192.0.2.2';

describe('§7 MASTER sending', () => {
  it('§7 each Adver timer expiry sends one advert with the effective priority and re-arms at now + advert_int', () => {
    const r = fire(master(), 'VI_1', T + 1_000_000);
    expect(advertsSent(r.effects)).toEqual([100]);
    expect(instanceTimer(r.effects)).toBe(T + 2_000_000);
  });

  it('§7 second GARP round after garp_master_delay, via the garpDelay timer', () => {
    const m = master();
    const set = ofType(m.effects, 'setTimer').find((e) => e.key.kind === 'garpDelay');
    expect(set?.at).toBe(T + 5_000_000);
    const g = feed(m, { type: 'timer', key: { kind: 'garpDelay', instance: 'VI_1' } }, T + 5_000_000);
    expect(ofType(g.effects, 'garp')).toEqual([{ type: 'garp', instance: 'VI_1', iface: 'eth0', addrs: ['192.0.2.100'], count: 5 }]);
  });

  it('§14 GARPs cover VIPs and excluded VIPs; only VIPs are advertised', () => {
    const m = master({ excludedVips: ['198.51.100.7'] });
    expect(ofType(m.effects, 'garp')[0]?.addrs).toEqual(['192.0.2.100', '198.51.100.7']);
    expect(ofType(m.effects, 'sendAdvert')[0]?.advert.vips).toEqual(['192.0.2.100']);
    expect(ofType(m.effects, 'addVip').map((e) => e.vip)).toEqual(['192.0.2.100', '198.51.100.7']);
  });

  it('§7 garp_master_refresh is checked only at advert time', () => {
    const garp = { masterDelay: 0, masterRepeat: 1, masterRefresh: 2_500_000, masterRefreshRepeat: 2, lowerPrioDelay: 0, lowerPrioRepeat: 0 };
    let r = master({ garp });
    r = fire(r, 'VI_1', T + 1_000_000);
    r = fire(r, 'VI_1', T + 2_000_000);
    expect(ofType(r.effects, 'garp')).toEqual([]);
    r = fire(r, 'VI_1', T + 3_000_000);
    expect(ofType(r.effects, 'garp').map((e) => e.count)).toEqual([2]);
  });

  it('§20 unicast: one advert per peer in config order with unicast_ttl', () => {
    const m = master({ unicastPeers: ['192.0.2.9', '192.0.2.3'], unicastTtl: 64 });
    expect(ofType(m.effects, 'sendAdvert').map((e) => [e.dst, e.ttl])).toEqual([['192.0.2.9', 64], ['192.0.2.3', 64]]);
  });

  it('§7 multicast adverts go to the mcast group with TTL 255', () => {
    expect(ofType(master().effects, 'sendAdvert').map((e) => [e.dst, e.ttl, e.src])).toEqual([['224.0.0.18', 255, '192.0.2.1']]);
  });
});

describe('§9 MASTER receiving an advert', () => {
  it('§9 priority 0 advert: MASTER answers with an advert at once and stays MASTER', () => {
    const r = feed(master(), advertFrom(HIGH, { priority: 0 }), T + 300_000);
    expect(advertsSent(r.effects)).toEqual([100]);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('MASTER');
    expect(instanceTimer(r.effects)).toBe(T + 1_300_000);
  });

  it('§9 lower priority: advert at once plus the garp_lower_prio rounds', () => {
    const r = feed(master(), advertFrom(HIGH, { priority: 50 }), T + 300_000);
    expect(advertsSent(r.effects)).toEqual([100]);
    expect(ofType(r.effects, 'garp').map((e) => e.count)).toEqual([5]);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('MASTER');
    // The delayed lower-priority round joins the pending master-entry round; neither replaces the other.
    const key = { kind: 'garpDelay', instance: 'VI_1' } as const;
    const first = feed(r, { type: 'timer', key }, T + 5_000_000);
    expect(ofType(first.effects, 'garp').map((e) => e.count)).toEqual([5]);
    expect(ofType(first.effects, 'setTimer').map((e) => e.at)).toEqual([T + 5_300_000]);
    const second = feed(first, { type: 'timer', key }, T + 5_300_000);
    expect(ofType(second.effects, 'garp').map((e) => e.count)).toEqual([5]);
  });

  it('§9 equal priority from a lower address counts as lower', () => {
    const r = feed(master(), advertFrom(LOW, { priority: 100 }), T + 1);
    expect(advertsSent(r.effects)).toEqual([100]);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('MASTER');
  });

  it('§18 lower_prio_no_advert: no advert, and the advert timer is not reset by packets', () => {
    const r = feed(master({ lowerPrioNoAdvert: true }), advertFrom(HIGH, { priority: 50 }), T + 300_000);
    expect(advertsSent(r.effects)).toEqual([]);
    expect(instanceTimer(r.effects)).toBeUndefined();
    expect(sandsAt(r.router, 0)).toBe(T + 1_000_000);
  });

  it('§9 higher priority: BACKUP without a priority-0 advert, VIPs removed, BACKUP notify, full down timer', () => {
    const r = feed(master(), advertFrom(HIGH, { priority: 200 }), T + 300_000);
    expect(advertsSent(r.effects)).toEqual([]);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('BACKUP');
    expect(ofType(r.effects, 'removeVip').map((e) => e.vip)).toEqual(['192.0.2.100']);
    expect(notifies(r.effects)).toEqual(['INSTANCE VI_1 BACKUP 100']);
    expect(instanceTimer(r.effects)).toBe(T + 300_000 + 3_609_375);
    expect(ofType(r.effects, 'transition')[0]?.reason).toMatch(/higher priority/);
  });

  it('§9 equal priority from a numerically higher address wins (10.0.0.10 > 10.0.0.9)', () => {
    const m = master({ srcAddr: '10.0.0.9' });
    const r = feed(m, advertFrom('10.0.0.10', { priority: 100 }), T + 1);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('BACKUP');
    const k = feed(master({ srcAddr: '10.0.0.10' }), advertFrom('10.0.0.9', { priority: 100 }), T + 1);
    expect(instanceStatus(k.router, 'VI_1').state).toBe('MASTER');
  });

  it('§18 higher_prio_send_advert: one advert with our priority before going BACKUP', () => {
    const r = feed(master({ higherPrioSendAdvert: true }), advertFrom(HIGH, { priority: 200 }), T + 1);
    expect(advertsSent(r.effects)).toEqual([100]);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('BACKUP');
  });

  it('§9 v3 MASTER yielding adopts the new master\'s interval', () => {
    const r = feed(master({ version: 3 }), advertFrom(HIGH, { version: 3, priority: 200, advertInt: 500_000 }), T);
    expect(instanceStatus(r.router, 'VI_1').masterAdvertInt).toBe(500_000);
    expect(instanceTimer(r.effects)).toBe(T + 1_804_687);
  });

  it('§9 two address owners: both drop to 254 and the higher address wins', () => {
    const owner = { priority: 255, initialState: 'MASTER' as const };
    const m = master(owner, 1);
    const r = feed(m, advertFrom(HIGH, { priority: 255 }), 100);
    expect(ofType(r.effects, 'priorityChange')).toEqual([{ type: 'priorityChange', instance: 'VI_1', from: 255, to: 254 }]);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('BACKUP');
    expect(instanceStatus(r.router, 'VI_1').effectivePriority).toBe(254);
  });

  it('§5.8 any packet for the VRID, even an invalid one, postpones the next advert', () => {
    const r = feed(master(), advertFrom(HIGH, { priority: 200, advertInt: 3_000_000 }), T + 700_000);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('MASTER');
    expect(advertsSent(r.effects)).toEqual([]);
    expect(instanceTimer(r.effects)).toBe(T + 1_700_000);
  });

  it('§23.7 v2 interval mismatch: a lower master never yields to a higher one (both stay MASTER)', () => {
    const r = feed(master(), advertFrom(HIGH, { priority: 250, advertInt: 2_000_000 }), T + 1);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('MASTER');
  });
});
