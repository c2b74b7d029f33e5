// A two-node pair on disk (pair.yaml, a.conf, b.conf) for CLI tests: one VRRPv2 instance per
// node, a and b at the given priorities, and an outage bound one crash respects.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PairOptions {
  readonly duration?: string;
  /** The instance's name in both files (keepalived takes any non-blank bytes). */
  readonly instance?: string;
  /** Extra lines inside a's / b's vrrp_instance. */
  readonly extraA?: string;
  readonly extraB?: string;
}

export function pairConf(prio: number, instance = 'VI_1', extra = ''): string {
  return `vrrp_instance ${instance} {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority ${prio}
  advert_int 1
${extra}  virtual_ipaddress {
    192.0.2.100/24
  }
}
`;
}

/** A fresh folder holding the pair; one crash costs about 4 s of the VIP, the bound is 8 s. */
export function pairDir(prefix: string, o: PairOptions = {}): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(d, 'a.conf'), pairConf(150, o.instance, o.extraA));
  writeFileSync(join(d, 'b.conf'), pairConf(100, o.instance, o.extraB));
  writeFileSync(join(d, 'pair.yaml'), `name: pair
duration: ${o.duration ?? '60s'}
nodes:
  - { name: a, address: 192.0.2.1, keepalived: a.conf }
  - { name: b, address: 192.0.2.2, keepalived: b.conf }
expect:
  - longestOutage: { max: 8s }
`);
  return d;
}
