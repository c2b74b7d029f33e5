// keepalived 2.2.7's address-family rules for one instance (model/family.ts): the first
// family-bearing keyword in file order fixes the family, later addresses of the other family
// are skipped in keepalived's words; _excluded VIPs are never checked; an IPv6 instance is v3.
// test/conformance/keepalived-config-ipv6.test.ts checks each message against keepalived -t.
import { describe, expect, it } from 'vitest';
import { parseKeepalivedConf } from '../../../src/keepalived/parse.js';
import { buildRouterConfig } from '../../../src/model/build.js';
import type { NodeModel } from '../../../src/model/types.js';

const IFACES = [{ name: 'eth0', address: '192.0.2.11', prefix: 24 }];

function build(text: string) {
  const p = parseKeepalivedConf(text, 'k.conf');
  const node: NodeModel = { name: 'n1', interfaces: IFACES, keepalived: p.config };
  const r = buildRouterConfig(node, p.positions);
  return { ...r, messages: r.warnings.map((w) => w.message) };
}
const inst = (body: string, name = 'VI_1', vrid = 9): string => `vrrp_instance ${name} {\n interface eth0\n virtual_router_id ${vrid}\n${body}}\n`;
const vips = (...a: string[]): string => ` virtual_ipaddress {\n${a.map((x) => `  ${x}\n`).join('')} }\n`;
const IGNORED = '(VI_1): address family must match VRRP instance';

describe('address family of an instance', () => {
  it('the first VIP decides; a VIP of the other family is skipped with its text as written', () => {
    const r = build(inst(vips('2001:db8::10/64', '192.0.2.10')));
    expect(r.messages).toContain(`${IGNORED} [192.0.2.10] - ignoring`);
    expect(r.messages).not.toContain(`${IGNORED} [2001:db8::10/64] - ignoring`);
    // The IPv4 VIP is gone, as in keepalived; the instance is IPv6, VRRPv3, to ff02::12.
    expect(r.config.instances[0]).toMatchObject({ vips: ['2001:db8::10'], family: 6, version: 3, mcastGroup: 'ff02::12' });
  });

  it('an IPv4 first VIP makes a later IPv6 VIP the ignored one', () => {
    const r = build(inst(vips('192.0.2.10', '2001:db8::10/64')));
    expect(r.messages).toContain(`${IGNORED} [2001:db8::10/64] - ignoring`);
    expect(r.config.instances[0]?.vips).toEqual(['192.0.2.10']);
  });

  it('unicast_src_ip earlier in the file decides before the VIPs', () => {
    const r = build(inst(` unicast_src_ip 192.0.2.11\n unicast_peer {\n  2001:db8::2\n  192.0.2.12\n }\n${vips('2001:db8::10/64', '192.0.2.10')}`));
    expect(r.messages).toContain('Configuration error: VRRP instance[VI_1] and unicast peer address[2001:db8::2] MUST be of the same family !!! Skipping...');
    expect(r.messages).toContain(`${IGNORED} [2001:db8::10/64] - ignoring`);
    expect(r.config.instances[0]).toMatchObject({ vips: ['192.0.2.10'], unicastPeers: ['192.0.2.12'] });
  });

  it('file order, not field order: VIPs before unicast_src_ip make the source the skipped one', () => {
    const r = build(inst(`${vips('192.0.2.10')} unicast_src_ip 2001:db8::1\n unicast_peer {\n  192.0.2.12\n }\n`));
    expect(r.messages).toContain('Configuration error: VRRP instance[VI_1] and src address[2001:db8::1] MUST be of the same family !!! Skipping...');
    expect(r.config.instances[0]?.srcAddr).toBe('192.0.2.11');
  });

  it('mcast_src_ip of IPv6 first makes the instance IPv6 (v3), so no VIP is left and that is an error', () => {
    const r = build(inst(` mcast_src_ip 2001:db8::1\n${vips('192.0.2.10')}`));
    expect(r.messages).toContain(`${IGNORED} [192.0.2.10] - ignoring`);
    expect(r.messages).toContain('(VI_1) No VIP specified; at least one is required');
    expect(r.config.instances).toEqual([]);
  });

  it('virtual_ipaddress_excluded may hold the other family (dual stack in one instance)', () => {
    const r = build(inst(`${vips('192.0.2.10')} virtual_ipaddress_excluded {\n  2001:db8::10/64\n }\n`));
    expect(r.messages.filter((m) => !m.startsWith('vrrplab:'))).toEqual([]);
    expect(r.config.instances[0]?.vips).toEqual(['192.0.2.10']);
  });

  it('version 2 after IPv6 VIPs is ignored in keepalived\'s words (it prints the unset version 0)', () => {
    const r = build(inst(`${vips('fe80::10', '2001:db8::10')} version 2\n`));
    expect(r.messages).toContain('(VI_1) vrrp_version 2 conflicts with configured or deduced version 0; ignoring.');
    expect(r.config.instances[0]?.version).toBe(3);
  });

  it('an IPv6 instance is VRRPv3 even when vrrp_version 2 is the global default', () => {
    const r = build(`global_defs {\n vrrp_version 2\n}\n${inst(vips('fe80::10'))}`);
    expect(r.config.instances[0]?.version).toBe(3);
  });

  it('strict mode turns an explicit version 2 IPv6 instance to 3 and requires a link-local first VIP', () => {
    const r = build(`global_defs {\n vrrp_strict\n}\n${inst(` priority 100\n version 2\n${vips('2001:db8::10')}`)}`);
    expect(r.messages).toContain('(VI_1) cannot use IPv6 with VRRP version 2; setting version 3');
    expect(r.messages).toContain('(VI_1) the first IPv6 VIP address must be link local');
    expect(r.config.instances[0]?.version).toBe(3);
  });

  it('outside strict mode keepalived keeps version 2 and only logs that the first VIP should be link local', () => {
    const r = build(inst(` version 2\n${vips('2001:db8::10')}`));
    expect(r.messages).toContain('(VI_1) the first IPv6 VIP address should be link local');
    expect(r.messages.some((m) => m.startsWith('vrrplab: (VI_1) keepalived keeps VRRP version 2'))).toBe(true);
  });

  it('a unicast IPv6 instance needs no link-local VIP', () => {
    const r = build(inst(` unicast_src_ip 2001:db8::1\n unicast_peer {\n  2001:db8::2\n }\n${vips('2001:db8::10')}`));
    expect(r.messages.some((m) => m.includes('link local'))).toBe(false);
  });

  it('an IPv4 and an IPv6 instance may share a VRID on one interface; two of one family may not', () => {
    const dual = build(inst(vips('192.0.2.10'), 'VI_4') + inst(vips('fe80::10', '2001:db8::10'), 'VI_6'));
    expect(dual.messages.some((m) => m.includes('both use VRID'))).toBe(false);
    const two6 = build(inst(vips('fe80::10'), 'VI_A') + inst(vips('fe80::11'), 'VI_B'));
    expect(two6.messages).toContain('VI_A and VI_B both use VRID 9 with IPv6 on interface eth0');
  });

  it('native_ipv6 makes the instance IPv6 and VRRPv3 before any address (vrrp_native_ipv6_handler)', () => {
    const r = build(inst(` native_ipv6\n${vips('192.0.2.10', '2001:db8::10')}`));
    expect(r.messages).toContain(`${IGNORED} [192.0.2.10] - ignoring`);
    expect(r.config.instances[0]).toMatchObject({ family: 6, version: 3, vips: ['2001:db8::10'] });
  });

  it('native_ipv6 after an IPv4 address is refused in keepalived\'s words', () => {
    const r = build(inst(`${vips('192.0.2.10')} native_ipv6\n`));
    expect(r.messages).toContain('(VI_1) Cannot specify native_ipv6 with IPv4 addresses');
    expect(r.config.instances[0]?.family).toBeUndefined();
  });

  it('version 2 after native_ipv6 conflicts with the deduced version 3', () => {
    const r = build(inst(` native_ipv6\n version 2\n${vips('2001:db8::10')}`));
    expect(r.messages).toContain('(VI_1) vrrp_version 2 conflicts with configured or deduced version 3; ignoring.');
    expect(r.config.instances[0]?.version).toBe(3);
  });
});
