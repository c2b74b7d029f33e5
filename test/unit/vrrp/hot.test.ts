// The receive path's dense config table (hot.ts): which instance an advert is for, found from
// the table alone, and the values it cannot hold, which must send the advert to the general
// rules rather than be read as something else.
import { describe, expect, it } from 'vitest';
import { buildHotConfig } from '../../../src/vrrp/hot.js';
import { defaultInstanceConfig } from '../../../src/vrrp/defaults.js';
import { createRouter } from '../../../src/vrrp/router.js';
import { instanceStatus } from '../../../src/vrrp/router.js';
import { plainAdvert } from '../../../src/vrrp/validate.js';
import type { ReceivedAdvert } from '../../../src/vrrp/types.js';
import { advertFrom, config, feed, instanceTimer, started } from './harness.js';

describe('dense receive table', () => {
  it('chains the instances of one VRID in config order, and keeps a VRID outside 0..255 apart', () => {
    const hot = buildHotConfig([
      defaultInstanceConfig({ name: 'A', vrid: 7 }),
      defaultInstanceConfig({ name: 'B', vrid: 300 }),
      defaultInstanceConfig({ name: 'C', vrid: 7, iface: 'eth1' }),
      defaultInstanceConfig({ name: 'D', vrid: 7, family: 6 }),
    ]);
    expect(hot.firstByVrid[7]).toBe(0);
    expect(hot.nextSameVrid).toEqual([2, -1, 3, -1]);
    expect(hot.firstByVrid[300 & 255]).toBeUndefined();
    expect(Object.keys(hot.firstByVrid)).toEqual(['7']);
    expect(hot.firstByOtherVrid.get(300)).toBe(1);
    expect(hot.iface).toEqual(['eth0', 'eth0', 'eth1', 'eth0']);
  });

  it('an instance of VRID 300 (a config keepalived warns about) still hears its peers', () => {
    const s = started(config([defaultInstanceConfig({ name: 'X', vrid: 300, vips: ['192.0.2.100'] })]), 0);
    const r = feed(s, advertFrom('192.0.2.9', { vrid: 300, priority: 200 }), 1_000_000);
    expect(instanceTimer(r.effects, 'X')).toBe(1_000_000 + 3_609_375);
    expect(instanceStatus(r.router, 'X').state).toBe('BACKUP');
  });

  it('holds no duration and no value it cannot keep exactly: those read -1, which no advert matches', () => {
    const hot = buildHotConfig([
      defaultInstanceConfig({ name: 'A', advertInt: 1_000_000, downTimerAdverts: 3, preemptDelay: 300_000_000 }),
      defaultInstanceConfig({ name: 'B', advertInt: 300_000_000, downTimerAdverts: 1000 }),
      defaultInstanceConfig({ name: 'C', advertInt: 1_000_000, downTimerAdverts: 2.5 }),
    ]);
    expect(hot.advertSecs).toEqual([1, -1, 1]);
    expect(hot.downTimerAdverts).toEqual([3, -1, -1]);
    // Fast-forward reads any larger number of a state as a possible deadline (hot.ts).
    expect(Math.max(...hot.advertSecs, ...hot.downTimerAdverts, ...hot.nextSameVrid, ...hot.flags)).toBeLessThanOrEqual(255);
  });

  it('plainAdvert passes only the receiver\'s own VIP list and auth objects, at its interval', () => {
    const c = defaultInstanceConfig({ name: 'A', vrid: 1, auth: { type: 'PASS', pass: 'secret' }, advertInt: 2_000_000 });
    const hot = createRouter(config([c])).index.hot;
    const pkt = (over: Partial<ReceivedAdvert['advert']> = {}, ip: Partial<ReceivedAdvert> = {}): ReceivedAdvert => ({
      advert: { version: 2, vrid: 1, priority: 100, advertInt: 2_000_000, vips: c.vips, auth: c.auth, ...over },
      src: '192.0.2.9', dst: '224.0.0.18', ttl: 255, iface: 'eth0', ...ip,
    });
    expect(plainAdvert(hot, 0, pkt())).toBe(true);
    expect(plainAdvert(hot, 0, pkt({ advertInt: 2_500_000 }))).toBe(true); // whole seconds, as the v2 field
    expect(plainAdvert(hot, 0, pkt({ vips: [...c.vips] }))).toBe(false); // equal, not the same: advertRejection() decides
    expect(plainAdvert(hot, 0, pkt({ auth: { type: 'PASS', pass: 'secret' } }))).toBe(false);
    expect(plainAdvert(hot, 0, pkt({ advertInt: 1_000_000 }))).toBe(false);
    expect(plainAdvert(hot, 0, pkt({ version: 3 }))).toBe(false);
    expect(plainAdvert(hot, 0, pkt({}, { ttl: 254 }))).toBe(false);
    expect(plainAdvert(hot, 0, pkt({}, { dst: '192.0.2.1' }))).toBe(false);
  });
});
