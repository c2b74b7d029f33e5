// The namespaces refuse IPv6 addresses outside 2001:db8::/32 that the simulator accepts; the
// complaint points at the scenario line that gives the address.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../sim/scenario/load.js';
import { assertTopologyAt } from '../../../src/conformance/topology-at.js';

const TEXT = `name: v6
seed: 1
duration: 5s
nodes:
  - name: a
    address6: 2001:db9::1
    linkLocal: fe80::1
    keepalived: |
      vrrp_instance VI_1 {
          state BACKUP
          interface eth0
          virtual_router_id 1
          priority 100
          virtual_ipaddress {
              2001:db8::100
          }
      }
`;

describe('assertTopologyAt over IPv6', () => {
  it('names the line and column of an IPv6 address outside the test range', () => {
    const { spec } = loadScenario('v6.yaml', { readFile: () => TEXT });
    expect(() => assertTopologyAt(spec, TEXT, 'v6.yaml')).toThrow(/IPv6 address 2001:db9::1 is outside the test range/);
    try {
      assertTopologyAt(spec, TEXT, 'v6.yaml');
    } catch (e) {
      expect(e).toMatchObject({ pos: { file: 'v6.yaml', line: 6, col: 15 } });
    }
  });

  it('passes a scenario within the ranges', () => {
    const ok = TEXT.replace('2001:db9::1', '2001:db8::1');
    const { spec } = loadScenario('v6.yaml', { readFile: () => ok });
    expect(() => assertTopologyAt(spec, ok, 'v6.yaml')).not.toThrow();
  });
});
