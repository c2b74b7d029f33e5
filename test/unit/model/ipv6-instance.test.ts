// What the model builder hands the core for an IPv6 instance: family 6, VRRPv3, ff02::12, the
// interface's link-local address as source and tie-break address (vrrp.c set_vrrp_src_addr()),
// unicast peers over IPv6 with the kernel's default hop limit, addresses in RFC 5952 form; and
// no "not simulated" warning for IPv6 any more.
import { describe, expect, it } from 'vitest';
import { parseKeepalivedConf } from '../../../src/keepalived/parse.js';
import { buildRouterConfig } from '../../../src/model/build.js';
import type { InterfaceModel, NodeModel } from '../../../src/model/types.js';

const ETH0: InterfaceModel = { name: 'eth0', address: '192.0.2.11', prefix: 24, address6: '2001:db8::11', linkLocal: 'fe80::11' };

function build(text: string, ifaces: readonly InterfaceModel[] = [ETH0]) {
  const p = parseKeepalivedConf(text, 'k.conf');
  const node: NodeModel = { name: 'n1', interfaces: ifaces, keepalived: p.config };
  const r = buildRouterConfig(node, p.positions);
  return { ...r, messages: r.warnings.map((w) => w.message) };
}
const inst = (body: string): string => `vrrp_instance VI_6 {\n interface eth0\n virtual_router_id 9\n priority 100\n${body}}\n`;

describe('an IPv6 instance in the core configuration', () => {
  it('multicast: VRRPv3 to ff02::12 from the interface\'s link-local address, VIPs in RFC 5952 text', () => {
    const r = build(inst(' virtual_ipaddress {\n  2001:DB8:0:0::101/64\n }\n'));
    expect(r.config.instances[0]).toMatchObject({
      family: 6, version: 3, mcastGroup: 'ff02::12', srcAddr: 'fe80::11', vips: ['2001:db8::101'], unicastPeers: [],
    });
    expect(r.messages.filter((m) => m.includes('not simulated') || m.includes('only IPv4'))).toEqual([]);
  });

  it('unicast: IPv6 peers, the link-local source, hop limit 64 unless unicast_ttl says otherwise', () => {
    const body = ' unicast_peer {\n  2001:db8::12\n }\n virtual_ipaddress {\n  2001:db8::101\n }\n';
    expect(build(inst(body)).config.instances[0]).toMatchObject({ unicastPeers: ['2001:db8::12'], srcAddr: 'fe80::11', unicastTtl: 64 });
    expect(build(inst(` unicast_ttl 9\n${body}`)).config.instances[0]?.unicastTtl).toBe(9);
    expect(build(inst(` unicast_src_ip 2001:db8::11\n${body}`)).config.instances[0]?.srcAddr).toBe('2001:db8::11');
  });

  it('use_vmac on an IPv6 instance gets the IPv6 virtual MAC 00:00:5e:00:02:VRID (RFC 5798 §7.3)', () => {
    const r = build(inst(' use_vmac\n virtual_ipaddress {\n  2001:db8::101\n }\n'));
    expect(r.config.instances[0]?.vmac?.mac).toBe('00:00:5e:00:02:09');
    expect(r.messages.some((m) => m.startsWith('vrrplab: (VI_6) use_vmac on an IPv6 instance'))).toBe(true);
  });

  it('an interface without a link-local address is said so, and adverts are modelled from ::', () => {
    const r = build(inst(' virtual_ipaddress {\n  2001:db8::101\n }\n'), [{ name: 'eth0', address: '192.0.2.11', prefix: 24 }]);
    expect(r.config.instances[0]?.srcAddr).toBe('::');
    expect(r.messages).toContain('vrrplab: (VI_6) interface eth0 has no IPv6 link-local address on the host; not simulated faithfully, adverts are modelled from ::');
  });

  it('an IPv4 instance keeps 224.0.0.18, its IPv4 source and no family field; IPv6 excluded VIPs ride along', () => {
    const r = build(inst(' virtual_ipaddress {\n  192.0.2.101\n }\n virtual_ipaddress_excluded {\n  2001:db8::101\n }\n'));
    const c = r.config.instances[0]!;
    expect(c).toMatchObject({ version: 2, mcastGroup: '224.0.0.18', srcAddr: '192.0.2.11', vips: ['192.0.2.101'], excludedVips: ['2001:db8::101'] });
    expect(c.family).toBeUndefined();
  });
});
