import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';
import { runLoaded } from '../../../sim/scenario/run.js';

const golden = (f: string): string => readFileSync(new URL(`../../fixtures/openshift4/onprem/golden/${f}`, import.meta.url), 'utf8');

const installConfig = (name: string, platform: string, net: string, vips: string): string => `apiVersion: v1
baseDomain: example.com
metadata:
  name: ${name}
networking:
  networkType: OVNKubernetes
  machineNetwork:
    - cidr: ${net}.0/24
controlPlane:
  name: master
  replicas: 3
compute:
  - name: worker
    replicas: 2
platform:
  ${platform}:
${vips}
`;

async function importScenario(text: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vrrplab-ocp4-'));
  writeFileSync(join(dir, 'install-config.yaml'), text);
  const io = bufferIo(dir);
  const code = await main(['import', 'openshift-install', 'install-config.yaml', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('vrrplab import openshift-install', () => {
  it('4.14 bare metal: nodes run the golden unicast configs and the scenario runs', async () => {
    const r = await importScenario(installConfig('ostest', 'baremetal', '192.0.2', '    apiVIPs: [192.0.2.5]\n    ingressVIPs: [192.0.2.6]'), []);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = parse(r.out) as { nodes: Array<{ name: string; keepalived: string }> };
    expect(doc.nodes.find((n) => n.name === 'master-0')?.keepalived).toBe(golden('ostest-master-0.conf'));
    expect(doc.nodes.find((n) => n.name === 'worker-0')?.keepalived).toBe(golden('ostest-worker-0.conf'));
    const s = loadScenarioText(r.out, 's.yaml');
    expect(runLoaded(s).ok).toBe(true);
  });
  it('4.10 vSphere with the pre-4.12 single VIP fields: multicast, as the lab golden', async () => {
    const r = await importScenario(installConfig('lab', 'vsphere', '198.51.100', '    apiVIP: 198.51.100.5\n    ingressVIP: 198.51.100.6'), ['--openshift', '4.10', '--interface', 'ens192']);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('unicast_peer');
    expect(r.out).toContain('virtual_router_id 51');
  });
  it('bad input is one positioned line, exit 2', async () => {
    const r = await importScenario(installConfig('ostest', 'aws', '192.0.2', '    region: x'), []);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/install-config\.yaml:16:3: platform aws runs no keepalived/);
  });
});
