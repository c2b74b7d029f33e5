// The scenarios of issue 17's performance targets, shared by the bench and its profile.
import { stringify } from 'yaml';

/** (a) 2 nodes, 1 VIP, 1 probe, about one fault a week. */
export function pairText(): string {
  const conf = (prio: number): string => `vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority ${prio}\n  advert_int 1\n  virtual_ipaddress {\n    192.0.2.100/24\n  }\n}\n`;
  return stringify({
    name: 'bench-pair', seed: 1, duration: '10s',
    nodes: [
      { name: 'a', address: '192.0.2.1', services: [{ name: 'web', port: 80 }], keepalived: conf(200) },
      { name: 'b', address: '192.0.2.2', services: [{ name: 'web', port: 80 }], keepalived: conf(100) },
    ],
    probes: [{ name: 'web', target: '192.0.2.100', port: 80, every: '100ms' }],
    // About one fault a week across the pair: each node crashes every two weeks, its service every two weeks.
    failures: [
      { crash: ['a', 'b'], mtbf: '28d', mttr: { lognormal: { median: '30m', sigma: 1 } } },
      { 'service-down': ['a', 'b'], mtbf: '28d', mttr: { fixed: '1m' } },
    ],
  });
}
