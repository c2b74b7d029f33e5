// The on-prem keepalived.conf, byte for byte against the upstream templates rendered with the
// same node data (fixtures/openshift4/onprem/README.md says how the goldens were made).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderOnPremKeepalived } from '../../../src/openshift4/keepalived-conf.js';
import { fletcher8, onPremVrids } from '../../../src/openshift4/vrid.js';

const dir = fileURLToPath(new URL('../../fixtures/openshift4/onprem/', import.meta.url));

interface CaseNode {
  Cluster: { Name: string; APIVIP: string; IngressVIP: string };
  LBConfig: { Backends: Array<{ Address: string }> };
  NonVirtualIP: string; VRRPInterface: string; EnableUnicast: boolean;
  IngressConfig: { Peers: string[] };
}
interface Case { role: 'master' | 'worker'; Configs: CaseNode[] }

describe('renderOnPremKeepalived equals the rendered MCO template', () => {
  const names = readdirSync(join(dir, 'cases')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
  it('has goldens for two clusters, both roles, unicast and multicast', () => {
    expect(names.length).toBeGreaterThanOrEqual(4);
  });
  it.each(names)('%s', (name) => {
    const c = JSON.parse(readFileSync(join(dir, 'cases', `${name}.json`), 'utf8')) as Case;
    const n = c.Configs[0];
    if (n === undefined) throw new Error('case without Configs');
    const text = renderOnPremKeepalived({
      clusterName: n.Cluster.Name, role: c.role, vrids: onPremVrids(n.Cluster.Name),
      configs: c.Configs.map((x) => ({ apiVip: x.Cluster.APIVIP, ingressVip: x.Cluster.IngressVIP })),
      address: n.NonVirtualIP, interface: n.VRRPInterface, unicast: n.EnableUnicast,
      backends: n.LBConfig.Backends.map((b) => b.Address), peers: n.IngressConfig.Peers,
    });
    expect(text).toBe(readFileSync(join(dir, 'golden', `${name}.conf`), 'utf8'));
  });
});

describe('on-prem VRIDs (runtimecfg PopulateVRIDs)', () => {
  it('match the goldens and stay within 1..239', () => {
    expect(onPremVrids('ostest')).toEqual({ api: 14, ingress: 93 });
    expect(onPremVrids('lab')).toEqual({ api: 51, ingress: 146 });
    for (const name of ['a', 'zz', 'prod-east-1', 'x'.repeat(63)]) {
      const v = onPremVrids(name);
      expect(v.api).toBeGreaterThanOrEqual(1);
      expect(Math.max(v.api, v.ingress)).toBeLessThanOrEqual(240);
    }
  });
  it('Fletcher-8 wraps like Go uint8 arithmetic (a byte past 0xf0 after a sum of 14)', () => {
    // bytes 0e f2 80 80 80: Go computes 14+242 = 0 (mod 256), not 256; worked by hand: 0x29.
    expect(fletcher8('\u000e\u{80000}')).toBe(0x29);
    expect(fletcher8('')).toBe(0);
  });
});
