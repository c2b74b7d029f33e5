// use_vmac / vmac_xmit_base as keepalived 2.2.7 completes them (vrrp_vmac.c, vrrp.c
// create_vmac_name() and vrrp_complete_instance(), vrrp_parser.c vrrp_end_handler()).
import { describe, expect, it } from 'vitest';
import { parseKeepalivedConf } from '../../../src/keepalived/parse.js';
import { buildRouterConfig } from '../../../src/model/build.js';
import type { NodeModel } from '../../../src/model/types.js';

const IFACES = [{ name: 'eth0', address: '192.0.2.11', prefix: 24 }];

function build(body: string, vrid = 102) {
  const text = `vrrp_instance VI_1 {\n interface eth0\n virtual_router_id ${vrid}\n virtual_ipaddress {\n  192.0.2.100\n }\n${body}\n}\n`;
  const p = parseKeepalivedConf(text, 'k.conf');
  const node: NodeModel = { name: 'n1', interfaces: IFACES, keepalived: p.config };
  const r = buildRouterConfig(node, p.positions);
  return { vmac: r.config.instances[0]?.vmac, messages: r.warnings.map((w) => w.message) };
}

describe('use_vmac', () => {
  it('names the macvlan vrrp.VRID and gives it 00:00:5e:00:01:VRID (hex)', () => {
    expect(build(' use_vmac')).toEqual({ vmac: { ifname: 'vrrp.102', mac: '00:00:5e:00:01:66', xmitBase: false }, messages: [] });
    expect(build(' use_vmac', 7).vmac?.mac).toBe('00:00:5e:00:01:07');
  });

  it('keeps a name given to use_vmac, and vmac_xmit_base', () => {
    expect(build(' use_vmac vrrp-web\n vmac_xmit_base').vmac).toEqual({ ifname: 'vrrp-web', mac: '00:00:5e:00:01:66', xmitBase: true });
  });

  it('sets vmac_xmit_base for unicast, in keepalived\'s words', () => {
    const r = build(' use_vmac\n unicast_peer {\n  192.0.2.12\n }');
    expect(r.vmac?.xmitBase).toBe(true);
    expect(r.messages).toContain('(VI_1) unicast with use_vmac requires vmac_xmit_base - setting');
  });

  it('drops vmac_xmit_base without use_vmac, and clears it in strict mode', () => {
    const alone = build(' vmac_xmit_base');
    expect(alone.vmac).toBeUndefined();
    expect(alone.messages).toContain('(VI_1) vmac_xmit_base is only valid with a vmac');
    const strict = build(' use_vmac\n vmac_xmit_base\n strict_mode on');
    expect(strict.vmac?.xmitBase).toBe(false);
    expect(strict.messages).toContain('(VI_1) xmit_base is incompatible with strict mode - resetting');
  });
});
