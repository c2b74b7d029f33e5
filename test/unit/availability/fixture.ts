// Scenarios for the availability tests: the two-node fixture file, and a single node whose
// analytic availability is known.
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { loadVariant, type Variant } from '../../../src/availability/variants.js';

export const TWO_NODES = 'test/fixtures/availability/two-nodes.yaml';

const read = (p: string): string => readFileSync(p, 'utf8');

export function twoNodes(): Variant {
  return loadVariant('two-nodes', read(TWO_NODES), TWO_NODES, read);
}

export function variantOf(name: string, text: string): Variant {
  return loadVariant(name, text, `${name}.yaml`, read);
}

/** One keepalived node, one VIP, a client every `every`; the host crashes and is repaired by exponential processes. */
export function singleNodeText(mtbf: string, mttr: string, every = '10ms'): string {
  return stringify({
    name: 'single-node', seed: 3, duration: '10s',
    nodes: [{
      name: 'solo', address: '192.0.2.1', services: [{ name: 'web', port: 80 }],
      keepalived: 'vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 7\n  priority 100\n  advert_int 1\n  virtual_ipaddress {\n    192.0.2.100/24\n  }\n}\n',
    }],
    probes: [{ name: 'web', target: '192.0.2.100', port: 80, every }],
    failures: [{ crash: 'solo', mtbf: { exponential: mtbf }, mttr: { exponential: mttr } }],
  });
}
