// Issue 14 item 13 (peers and sources): speak refuses to send off its link or as another host.
import { describe, expect, it } from 'vitest';
import { offLinkProblems } from '../../../src/live/peers.js';
import { defaultInstanceConfig } from '../../../src/vrrp/defaults.js';
import type { RouterConfig } from '../../../src/vrrp/types.js';

const router = (srcAddr: string, unicastPeers: string[]): RouterConfig => ({
  instances: [defaultInstanceConfig({ name: 'VI_1', iface: 'eth0', srcAddr, unicastPeers })], scripts: [], syncGroups: [],
});
const own = [{ address: '192.0.2.11', prefix: 24 }];

describe('speak: peers and sources on the interface\'s own link', () => {
  it('accepts peers in the subnet and the interface\'s own source', () => {
    expect(offLinkProblems(router('192.0.2.11', ['192.0.2.12', '192.0.2.254']), 'eth0', own)).toEqual([]);
  });
  it('refuses a peer outside the subnet (8.8.8.8 was ARPed for)', () => {
    expect(offLinkProblems(router('192.0.2.11', ['8.8.8.8']), 'eth0', own)).toEqual([
      "instance VI_1: unicast_peer 8.8.8.8 is outside eth0's subnets (192.0.2.11/24); speak would send off the link",
    ]);
  });
  it('refuses a source that is not the interface\'s address', () => {
    expect(offLinkProblems(router('198.51.100.7', []), 'eth0', own)).toEqual([
      'instance VI_1: source 198.51.100.7 is not an address of eth0 (192.0.2.11/24); speak would send as another host',
    ]);
  });
  it('over IPv6: the link-local or global source, peers on the interface\'s prefixes', () => {
    const own6 = [{ address: 'fe80::11', prefix: 64 }, { address: '2001:db8::11', prefix: 64 }];
    expect(offLinkProblems(router('fe80::11', []), 'eth0', own6)).toEqual([]);
    expect(offLinkProblems(router('2001:db8:0::11', ['2001:db8::12', 'fe80::12']), 'eth0', own6)).toEqual([]);
    expect(offLinkProblems(router('fe80::99', ['2001:db8:1::12']), 'eth0', own6)).toEqual([
      'instance VI_1: source fe80::99 is not an address of eth0 (fe80::11/64, 2001:db8::11/64); speak would send as another host',
      "instance VI_1: unicast_peer 2001:db8:1::12 is outside eth0's subnets (fe80::11/64, 2001:db8::11/64); speak would send off the link",
    ]);
  });
});
