// The core over IPv6: the tie-break on the link-local address as inet_inaddrcmp() orders it,
// family-separated sockets (dual stack: one VRID, two families), ff02::12, and the wrong-cast
// discard that keepalived applies to IPv6 only.
import { describe, expect, it } from 'vitest';
import { compareAddr, ipv4ToInt, isMulticast } from '../../../src/vrrp/address.js';
import { instanceStatus } from '../../../src/vrrp/router.js';
import type { InstanceConfig } from '../../../src/vrrp/types.js';
import { advertFrom, config, feed, fire, instanceTimer, master, ofType, started } from './harness.js';
import { defaultInstanceConfig } from '../../../src/vrrp/defaults.js';
import { masterDownInterval } from '../../../src/vrrp/timers.js';

const T = 10_000_000;
const V6: Partial<InstanceConfig> = {
  family: 6, version: 3, srcAddr: 'fe80::5', mcastGroup: 'ff02::12', vips: ['2001:db8::101'],
};
const adv6 = (src: string, priority = 100, dst = 'ff02::12') =>
  advertFrom(src, { version: 3, priority, vips: ['2001:db8::101'] }, { dst });

describe('inet_inaddrcmp() for IPv4', () => {
  it('orders by the 32-bit number, not the text', () => {
    expect(compareAddr('192.0.2.10', '192.0.2.9')).toBe(1);
    expect(compareAddr('192.0.2.9', '198.51.100.1')).toBe(-1);
    expect(compareAddr('192.0.2.1', '192.0.2.1')).toBe(0);
  });
  it('reads text that is not a dotted quad as split() does', () => {
    // In-place reading covers canonical quads; anything else keeps the split('.') reading:
    // missing parts count 0, an octet wraps at 256.
    expect(ipv4ToInt('192.0.2.1')).toBe(0xc0000201);
    expect(ipv4ToInt('1.2.3')).toBe(0x01020300);
    expect(ipv4ToInt('1.2.3.4.5')).toBe(0x01020304);
    expect(ipv4ToInt('1..2.3')).toBe(0x01000203);
    expect(ipv4ToInt('1.2.3.300')).toBe(0x0102032c);
  });
});

describe('inet_inaddrcmp() for IPv6 (vrrp.c vrrp_saddr_cmp())', () => {
  it('orders by the 128-bit number, not the text', () => {
    expect(compareAddr('fe80::10', 'fe80::9')).toBe(1);
    expect(compareAddr('fe80::9', 'fe80::a')).toBe(-1);
    expect(compareAddr('fe80::1:0', 'fe80::ffff')).toBe(1);
    expect(compareAddr('2001:db8::1', 'fe80::1')).toBe(-1);
    expect(compareAddr('fe80::5', 'fe80::5')).toBe(0);
  });
  it('compares across families as 0 ("simple sanity")', () => {
    expect(compareAddr('fe80::5', '192.0.2.1')).toBe(0);
  });
  it('ff00::/8 is multicast, fe80:: and 2001:db8:: are not', () => {
    expect(isMulticast('ff02::12')).toBe(true);
    expect(isMulticast('fe80::12')).toBe(false);
    expect(isMulticast('2001:db8::12')).toBe(false);
    // 0x00ff and 0x0fff are not in ff00::/8.
    expect(isMulticast('ff::1')).toBe(false);
    expect(isMulticast('fff::1')).toBe(false);
    expect(isMulticast('ff0e::1')).toBe(true);
    // IPv6 text that starts with decimal digits is read as IPv6, not as a first octet.
    expect(isMulticast('230::1')).toBe(false);
    expect(isMulticast('239:db8::1')).toBe(false);
    expect(isMulticast('224.0.0.18')).toBe(true);
    expect(isMulticast('239.255.255.250')).toBe(true);
    expect(isMulticast('192.0.2.1')).toBe(false);
  });
});

describe('an IPv6 MASTER', () => {
  it('advertises to ff02::12 from its link-local address with hop limit 255', () => {
    const m = master(V6);
    const sent = ofType(m.effects, 'sendAdvert');
    expect(sent.map((e) => [e.src, e.dst, e.ttl, e.advert.version])).toEqual([['fe80::5', 'ff02::12', 255, 3]]);
    expect(ofType(m.effects, 'garp')[0]?.addrs).toEqual(['2001:db8::101']);
  });
  it('yields to an equal priority from a higher link-local address and keeps MASTER against a lower one', () => {
    const up = feed(master(V6), adv6('fe80::10'), T + 1);
    expect(instanceStatus(up.router, 'VI_1')?.state).toBe('BACKUP');
    const down = feed(master(V6), adv6('fe80::4'), T + 1);
    expect(instanceStatus(down.router, 'VI_1')?.state).toBe('MASTER');
    expect(ofType(down.effects, 'sendAdvert')).toHaveLength(1);
  });
  it('drops a unicast advert on a multicast instance before any rule: not even the next advert moves', () => {
    const m = master(V6);
    const r = feed(m, adv6('fe80::10', 200, 'fe80::5'), T + 1);
    expect(r.router).toBe(m.router);
    expect(r.effects).toEqual([]);
  });
  it('an IPv4 advert with the same VRID is for the IPv4 instance, never the IPv6 one (dual stack)', () => {
    const v4 = defaultInstanceConfig({ name: 'V4', priority: 100 });
    const v6 = defaultInstanceConfig({ ...V6, name: 'V6', priority: 100 });
    let r = started(config([v4, v6]));
    r = fire(r, 'V4', T);
    r = fire(r, 'V6', T);
    const higher4 = feed(r, advertFrom('192.0.2.200', { priority: 200 }), T + 1);
    expect(instanceStatus(higher4.router, 'V4')?.state).toBe('BACKUP');
    expect(instanceStatus(higher4.router, 'V6')?.state).toBe('MASTER');
    const higher6 = feed(r, adv6('fe80::1', 200), T + 1);
    expect(instanceStatus(higher6.router, 'V4')?.state).toBe('MASTER');
    expect(instanceStatus(higher6.router, 'V6')?.state).toBe('BACKUP');
  });
});

describe('an IPv6 BACKUP', () => {
  it('accepts a higher-priority advert with hop limit 255 and ignores one with another hop limit', () => {
    const s = started(V6);
    const ok = feed(s, adv6('fe80::10', 200), 1_000);
    expect(instanceTimer(ok.effects)).toBe(1_000 + masterDownInterval(3, 100, 1_000_000, 3));
    const bad = feed(s, advertFrom('fe80::10', { version: 3, priority: 200, vips: ['2001:db8::101'] }, { dst: 'ff02::12', ttl: 64 }), 1_000);
    expect(instanceTimer(bad.effects)).toBeUndefined(); // "invalid TTL/HL": the running down timer keeps its deadline
  });
  it('unicast peers: adverts go to each IPv6 peer from the link-local address with the given hop limit', () => {
    const m = master({ ...V6, unicastPeers: ['2001:db8::2', '2001:db8::3'], unicastTtl: 64 });
    expect(ofType(m.effects, 'sendAdvert').map((e) => [e.src, e.dst, e.ttl])).toEqual([['fe80::5', '2001:db8::2', 64], ['fe80::5', '2001:db8::3', 64]]);
  });
});
