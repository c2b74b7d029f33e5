// The harness's IPv6 rules, before anything is created: global addresses only from RFC 3849's
// 2001:db8::/32, link-local ones from fe80::/64, and every interface's link-local known in
// advance (the simulator breaks ties on it).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/cli/errors.js';
import { isIpv6Interface, linkLocalOf, validateTopology, type TopologyInterface } from '../../../src/netns/topology.js';

const one = (itf: Partial<TopologyInterface>): void => validateTopology({
  segments: ['lan'], nodes: [{ name: 'n', interfaces: [{ name: 'eth0', segment: 'lan', prefix: 24, ...itf }] }],
});

describe('netns topology over IPv6', () => {
  it('accepts documentation and link-local addresses', () => {
    expect(() => one({ address6: '2001:db8:1::5', linkLocal: 'fe80::5' })).not.toThrow();
    expect(() => one({ address: '192.0.2.5', address6: '2001:DB8::5', prefix6: 120 })).not.toThrow();
  });

  it('refuses global addresses outside 2001:db8::/32 and link-locals outside fe80::/64', () => {
    expect(() => one({ address6: '2001:db9::5' })).toThrow(/IPv6 address 2001:db9::5 is outside the test range; expected an address in 2001:db8::\/32/);
    expect(() => one({ address6: 'fe80::5' })).toThrow(InputError);
    expect(() => one({ linkLocal: 'fe80:1::5' })).toThrow(/link-local address fe80:1::5 is not in fe80::\/64/);
    expect(() => one({ address6: '2001:db8::5', prefix6: 8 })).toThrow(/IPv6 prefix \/8 is invalid/);
  });

  it('refuses one IPv6 address on two interfaces', () => {
    expect(() => validateTopology({
      segments: ['lan'],
      nodes: [
        { name: 'a', interfaces: [{ name: 'eth0', segment: 'lan', prefix: 24, address6: '2001:db8::5' }] },
        { name: 'b', interfaces: [{ name: 'eth0', segment: 'lan', prefix: 24, address6: '2001:db8::5' }] },
      ],
    })).toThrow(/used twice/);
  });

  it('gives an IPv6 interface without a link-local one derived from its place', () => {
    const itf: TopologyInterface = { name: 'eth1', segment: 'lan', prefix: 24, address6: '2001:db8::5' };
    expect(isIpv6Interface(itf)).toBe(true);
    expect(isIpv6Interface({ name: 'eth0', segment: 'lan', prefix: 24, address: '192.0.2.5' })).toBe(false);
    expect(linkLocalOf(itf, 2, 1)).toBe('fe80::3:2');
    expect(linkLocalOf({ ...itf, linkLocal: 'fe80::99' }, 2, 1)).toBe('fe80::99');
  });
});
