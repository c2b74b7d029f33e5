// Scenario files with IPv6: addresses in any text form come out RFC 5952, link-local addresses
// are declared or derived, and mistakes are one file:line:col line.
import { describe, expect, it } from 'vitest';
import { InputError, formatInputError } from '../../../src/cli/errors.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';

const conf = `
      vrrp_instance VI_6 {
        interface eth0
        virtual_router_id 61
        priority 100
        virtual_ipaddress {
          2001:DB8:0::101/64
        }
      }`;

const scenario = (node2: string, probe: string): string => `name: t
duration: 10s
nodes:
  - name: n1
    address6: 2001:DB8::0001
    linkLocal: FE80::A
    keepalived: |${conf}
  - name: n2
${node2}
    keepalived: |${conf}
probes:
  - ${probe}
`;

function errorOf(text: string): string {
  try {
    loadScenarioText(text, 's.yaml');
  } catch (e) {
    if (e instanceof InputError) return formatInputError(e);
    throw e;
  }
  throw new Error('loaded');
}

describe('IPv6 in scenario files', () => {
  it('canonical addresses; a link-local address declared, or derived from address6, or from the IPv4 address', () => {
    const s = loadScenarioText(scenario('    address: 192.0.2.2', '{ name: c, target: 2001:db8::0101, port: 80 }'), 's.yaml').spec;
    expect(s.nodes[0]?.interfaces[0]).toMatchObject({ address6: '2001:db8::1', linkLocal: 'fe80::a' });
    expect(s.nodes[1]?.interfaces[0]).toMatchObject({ address: '192.0.2.2', linkLocal: 'fe80::c000:202' });
    expect(s.nodes[0]?.router?.instances[0]).toMatchObject({ family: 6, srcAddr: 'fe80::a', vips: ['2001:db8::101'] });
    // The client gets an address in the /64 of the segment's first IPv6 address.
    expect(s.probes[0]).toMatchObject({ target: '2001:db8::101', address: '2001:db8::fa' });
  });

  it('a client whose address and target are of different families is refused', () => {
    expect(errorOf(scenario('    address6: 2001:db8::2', '{ name: c, target: 2001:db8::101, port: 80, address: 192.0.2.9 }')))
      .toMatch(/^s\.yaml:\d+:\d+: probe 'c': address 192\.0\.2\.9 and target 2001:db8::101 are of different families, expected an IPv6 address$/);
  });

  it('a link-local address outside fe80::/10 is refused with what is expected', () => {
    expect(errorOf(scenario('    address6: 2001:db8::2\n    linkLocal: 2001:db8::99', '{ name: c, target: 2001:db8::101, port: 80 }')))
      .toMatch(/^s\.yaml:\d+:\d+: .*expected a link-local IPv6 address \(fe80::\/10\)/);
  });

  it('the same address twice (here a declared link-local address) is refused', () => {
    expect(errorOf(scenario('    address6: 2001:db8::2\n    linkLocal: fe80::a', '{ name: c, target: 2001:db8::101, port: 80 }')))
      .toMatch(/^s\.yaml:\d+:\d+: address fe80::a is used twice$/);
  });
});
