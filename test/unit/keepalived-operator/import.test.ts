import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { parseKeepalivedOperator } from '../../../src/keepalived-operator/parse.js';
import { renderKeepalivedOperatorConf } from '../../../src/keepalived-operator/render.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';
import { runLoaded } from '../../../sim/scenario/run.js';

const fx = (p: string): string => readFileSync(new URL(`../../fixtures/keepalived-operator/${p}`, import.meta.url), 'utf8');
const manifest = fx('manifests/workers.yaml');

async function cli(files: Record<string, string>, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vrrplab-ka-'));
  for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
  const io = bufferIo(dir);
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('keepalived-operator manifests', () => {
  it('the CR + Services manifest renders the golden ConfigMap text', () => {
    const [p] = parseKeepalivedOperator([{ file: 'workers.yaml', text: manifest }]);
    if (p === undefined) throw new Error('no group');
    const pods = [{ name: 'workers-b7x2k', hostIp: '192.0.2.22' }, { name: 'workers-4mzq9', hostIp: '192.0.2.21' }];
    expect(renderKeepalivedOperatorConf(p.group, p.services, pods)).toBe(fx('golden/multicast-two-services.conf'));
  });
  it('import writes a scenario that runs, one keepalived pod per node', async () => {
    const r = await cli({ 'w.yaml': manifest }, ['import', 'keepalived-operator', 'w.yaml', '--node', 'workers-4mzq9=192.0.2.21', '--node', 'workers-b7x2k=192.0.2.22']);
    expect(r.code).toBe(0);
    const doc = parse(r.out) as { nodes: Array<{ keepalived: string }> };
    expect(doc.nodes).toHaveLength(2);
    expect(runLoaded(loadScenarioText(r.out, 's.yaml')).ok).toBe(true);
  });
  it('without status.routerIDs the VRIDs are numbered in name order, with a warning', async () => {
    const r = await cli({ 'w.yaml': manifest.replace(/status:\n {2}routerIDs:\n.*\n.*\n/, '') }, ['import', 'keepalived-operator', 'w.yaml']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('hash-set order');
    expect(r.out).toContain('VRIDs: default/web=1, shop/api=2');
  });
  it('a Service naming a group that is not given is one positioned error', async () => {
    const r = await cli({ 'w.yaml': manifest.replace('keepalivedgroup: keepalived-operator/workers\nspec:\n  type: LoadBalancer', 'keepalivedgroup: other/group\nspec:\n  type: LoadBalancer') }, ['import', 'keepalived-operator', 'w.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^vrrplab: w\.yaml:\d+:\d+: Service default\/web names KeepalivedGroup 'other\/group'/);
  });
});

describe('lint keepalived-operator groups', () => {
  it('two groups on one segment reuse VRIDs; multicast is a warning', async () => {
    const second = manifest.replace(/name: workers\n {2}namespace: keepalived-operator/, 'name: infra\n  namespace: keepalived-operator').replace(/keepalived-operator\/workers/g, 'keepalived-operator/infra').replace(/name: web/, 'name: web2').replace(/name: api/, 'name: api2').replace(/default\/web: 1\n {4}shop\/api: 2/, 'default/web2: 1\n    shop/api2: 2').replace(/192\.0\.2\.10(\d)/g, '192.0.2.12$1');
    const r = await cli({ 'a.yaml': manifest, 'b.yaml': second }, ['lint', 'a.yaml', 'b.yaml']);
    expect(r.out).toContain('KeepalivedGroups keepalived-operator/workers and keepalived-operator/infra both use VRID 1, 2');
    expect(r.out).toContain('advertises by multicast');
    expect(r.code).toBe(1);
  });
  it('more than 255 instances in one group', async () => {
    const services = Array.from({ length: 256 }, (_, i) => `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\n  annotations:\n    keepalived-operator.redhat-cop.io/keepalivedgroup: keepalived-operator/workers\nspec:\n  type: LoadBalancer\nstatus:\n  loadBalancer:\n    ingress: [{ ip: 198.51.100.${i % 250} }]\n`).join('');
    const r = await cli({ 'a.yaml': manifest.replace(/unicastEnabled.*\n/, '') + services }, ['lint', 'a.yaml']);
    expect(r.out).toContain('needs 258 VRRP instances but VRIDs 1..255 leave 255');
  });
});
