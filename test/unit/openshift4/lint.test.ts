import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';

const ic = (name: string, platform: string, vip: number, workers = 2, masters = 3): string =>
  `baseDomain: example.com\nmetadata:\n  name: ${name}\nnetworking:\n  machineNetwork:\n    - cidr: 192.0.2.0/24\ncontrolPlane:\n  replicas: ${masters}\ncompute:\n  - replicas: ${workers}\nplatform:\n  ${platform}:\n    apiVIPs: [192.0.2.${vip}]\n    ingressVIPs: [192.0.2.${vip + 1}]\n`;

async function lint(files: Record<string, string>): Promise<{ code: number; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vrrplab-ocp4-lint-'));
  for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
  const io = bufferIo(dir);
  const code = await main(['lint', ...Object.keys(files)], io);
  return { code, out: io.stdout() + io.stderr() };
}

describe('vrrplab lint install-config.yaml ...', () => {
  it('two clusters whose names hash to the same VRIDs: an error naming them', async () => {
    const r = await lint({ 'a.yaml': ic('cluster-a', 'vsphere', 5), 'p.yaml': ic('cluster-p', 'vsphere', 7) });
    expect(r.code).toBe(1);
    expect(r.out).toContain('p.yaml: error: clusters cluster-a (VRIDs api 12, ingress 203) and cluster-p (api 12, ingress 203)');
    expect(r.out).toContain("auth_pass also agrees ('cluster-')");
  });
  it('names that do not collide: nothing; bare metal pairs: only a warning', async () => {
    expect((await lint({ 'a.yaml': ic('ostest', 'vsphere', 5), 'b.yaml': ic('lab', 'vsphere', 7) })).out).toBe('0 findings, 0 errors\n');
    const r = await lint({ 'a.yaml': ic('cluster-a', 'baremetal', 5), 'p.yaml': ic('cluster-p', 'baremetal', 7) });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/warning: clusters cluster-a/);
  });
  it('one compute node: the ingress VIP has one router node; one master: the API VIP cannot move', async () => {
    const r = await lint({ 'a.yaml': ic('ostest', 'baremetal', 5, 1, 1) });
    expect(r.out).toContain('router-default pods (2 replicas by default) fit on 1 node');
    expect(r.out).toContain('the API VIP 192.0.2.5 has no second node');
    expect(r.code).toBe(1);
  });
});
