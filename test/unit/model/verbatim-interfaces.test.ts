// Interfaces named in blocks vrrplab keeps verbatim (routes, rules, static addresses, garp
// groups, the default interface): keepalived 2.2.7 looks each up as it does an instance's
// interface, so a missing one stops its VRRP process (see build-interfaces.ts for the sources).
import { describe, expect, it } from 'vitest';
import { parseKeepalivedConf } from '../../../src/keepalived/parse.js';
import { buildRouterConfig } from '../../../src/model/build.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';
import { runLoaded } from '../../../sim/scenario/run.js';

const INSTANCE = (extra = ''): string => `vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 200\n${extra}\n virtual_ipaddress {\n  192.0.2.100\n }\n}\n`;

function build(text: string, interfaces: string[] = ['eth0']): { exits: boolean; errors: string[] } {
  const r = parseKeepalivedConf(text, 'k.conf');
  const b = buildRouterConfig({ name: 'b', interfaces: interfaces.map((name) => ({ name, address: '192.0.2.2', prefix: 24 })), keepalived: r.config }, r.positions);
  return { exits: b.vrrpExits, errors: b.warnings.filter((w) => w.severity === 'error').map((w) => `${w.pos?.line}:${w.pos?.col}: ${w.message}`) };
}

describe('interfaces the host lacks, in verbatim blocks', () => {
  it.each([
    ['virtual_routes dev', INSTANCE(' virtual_routes {\n  192.0.2.0/24 via 192.0.2.254 dev eth1\n }'), "6:36: WARNING - interface eth1 for VROUTE nexthop doesn't exist"],
    ['virtual_rules iif', INSTANCE(' virtual_rules {\n  from 192.0.2.0/24 table 100 iif eth1\n }'), "6:35: WARNING - interface eth1 for rule doesn't exist"],
    ['static_routes oif', `static_routes {\n 198.51.100.0/24 oif eth1\n}\n${INSTANCE()}`, "2:22: WARNING - interface eth1 for VROUTE nexthop doesn't exist"],
    ['static_rules dev', `static_rules {\n from 198.51.100.1 table 7 dev eth1\n}\n${INSTANCE()}`, "2:32: WARNING - interface eth1 for rule doesn't exist"],
    ['static_ipaddress dev', `static_ipaddress {\n 198.51.100.1/24 dev eth1\n}\n${INSTANCE()}`, "2:22: WARNING - interface eth1 for ip address 198.51.100.1/24 doesn't exist"],
    ['garp_group interface', `garp_group {\n garp_interval 1\n interface eth1\n}\n${INSTANCE()}`, "3:12: WARNING - interface eth1 specified for garp_group doesn't exist"],
    ['garp_group interfaces', `garp_group {\n interfaces {\n  eth0\n  eth1\n }\n}\n${INSTANCE()}`, "4:3: WARNING - interface eth1 specified for garp_group doesn't exist"],
    ['static_ipaddress without dev, default_interface missing', `global_defs {\n default_interface eth9\n}\nstatic_ipaddress {\n 198.51.100.1/24\n}\n${INSTANCE()}`, '2:2: Static address 198.51.100.1/24 requires either an interface or default interface must exist'],
  ])('%s: keepalived\'s words, and its VRRP process exits', (_, text, message) => {
    const r = build(text);
    expect(r.errors).toContain(message);
    expect(r.errors).toContainEqual(expect.stringContaining('Non-existent interface specified in configuration'));
    expect(r.exits).toBe(true);
  });

  it('a static address without dev goes to eth0 when default_interface is not set', () => {
    const text = `static_ipaddress {\n 198.51.100.1/24\n}\n${INSTANCE().replace('eth0', 'ens3')}`;
    expect(build(text, ['ens3']).errors).toContainEqual(expect.stringContaining('Static address 198.51.100.1/24 requires either an interface or default interface must exist'));
    expect(build(text, ['ens3', 'eth0']).exits).toBe(false);
  });

  it('interfaces the host has, and a node whose interfaces are unknown, are not judged', () => {
    const text = `static_routes {\n 198.51.100.0/24 dev eth1\n}\n${INSTANCE()}`;
    expect(build(text, ['eth0', 'eth1'])).toEqual({ exits: false, errors: [] });
    expect(build(text, []).exits).toBe(false);
  });

  it('a scenario node whose static_routes name a missing interface runs no VRRP and holds no VIP', () => {
    const conf = `static_routes {\n  198.51.100.0/24 dev eth1\n}\n${INSTANCE()}`.split('\n').map((l) => `      ${l}`).join('\n');
    const s = loadScenarioText(`name: t\nduration: 10s\nnodes:\n  - name: b\n    interfaces: [{ name: eth0, address: 192.0.2.2 }]\n    keepalived: |\n${conf}\nexpect:\n  - at: 8s\n    holder: { vip: 192.0.2.100, node: null }\n`, 't.yaml');
    expect(s.spec.nodes[0]?.router).toBeNull();
    const run = runLoaded(s);
    expect(run.result.trace.some((e) => e.type === 'vip')).toBe(false);
    expect(run.verdicts[0]?.ok).toBe(true);
  });
});
