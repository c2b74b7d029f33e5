import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';

const fixtures = new URL('../../fixtures/ipfailover/', import.meta.url).pathname;
const fixture = (f: string): string => readFileSync(join(fixtures, f), 'utf8');

async function run(argv: string[], cwd = fixtures): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo(cwd);
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('vrrplab render ipfailover', () => {
  it('renders the sample keepalived.conf from the env file', async () => {
    const r = await run(['render', 'ipfailover', 'sample.env', '--format', 'keepalived', '--node', 'n11', '--address', '192.0.2.11', '--seed', '42']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(fixture('node-192.0.2.11.conf'));
  });
  it('renders the seed command as the env and back as a command', async () => {
    const env = await run(['render', 'ipfailover', 'seed-command.sh', '--format', 'env']);
    expect(env.out).toContain('OPENSHIFT_HA_CONFIG_NAME=ipf-ha-router-primary\n');
    const cli = await run(['render', 'ipfailover', '--args', 'oc adm ipfailover x --virtual-ips=1.2.3.4', '--format', 'cli', '--legacy']);
    // oc adm's interface defaults to eth0, oadm's to "": the oadm command must say eth0.
    expect(cli.out).toBe('oadm ipfailover x \\\n    --replicas=1 \\\n    --watch-port=80 \\\n    --virtual-ips="1.2.3.4" \\\n    --interface="eth0"\n');
  });
  it('writes a Deployment to a file atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-ipf-'));
    const r = await run(['render', 'ipfailover', join(fixtures, 'seed-command.sh'), '--format', 'deployment', '--out', 'd.yaml'], dir);
    expect(r.code).toBe(0);
    expect(parseAllDocuments(readFileSync(join(dir, 'd.yaml'), 'utf8')).map((d) => d.get('kind'))).toEqual(['ServiceAccount', 'ClusterRole', 'RoleBinding', 'Deployment']);
  });
  it('bad input: one line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-ipf-'));
    writeFileSync(join(dir, 'bad.sh'), 'oc adm ipfailover --replicas=two\n');
    const r = await run(['render', 'ipfailover', 'bad.sh', '--format', 'cli'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe('vrrplab: bad.sh:1:19: --replicas=two: expected a whole number\n');
    const noRandom = await run(['render', 'ipfailover', 'sample.env', '--address', '192.0.2.11']);
    expect(noRandom.code).toBe(2);
    expect(noRandom.err).toMatch(/--random/);
    const missing = await run(['render', 'ipfailover', 'nope.env', '--format', 'env']);
    expect(missing.err).toMatch(/^vrrplab: nope.env: cannot read/);
  });
});

describe('vrrplab import ipfailover', () => {
  it('prints the spec as a scenario ipfailover: block', async () => {
    const r = await run(['import', 'ipfailover', 'seed-command.sh']);
    expect(r.code).toBe(0);
    const doc = parse(r.out) as { ipfailover: Record<string, unknown> };
    expect(doc.ipfailover).toMatchObject({ name: 'ipf-ha-router-primary', replicas: 2, virtualIps: '192.0.2.101-102', legacy: true });
  });
});

describe('vrrplab render ipfailover SCENARIO', () => {
  const scenario = new URL('../../../scenarios/openshift-ha-router.yaml', import.meta.url).pathname;
  const node = 'ose-ha-node-01.example.com';
  it("renders each pod's keepalived.conf with the priorities `run` simulates", async () => {
    const trace = await run(['run', scenario]);
    const simulated = new Map<string, number>();
    for (const m of trace.out.matchAll(/ (\S+) {2}(\S+) {2}INIT -> \S+ {2}prio (\d+)/g)) {
      if (m[1] === node && m[2] !== undefined) simulated.set(m[2], Number(m[3]));
    }
    expect(simulated.size).toBe(2);
    const r = await run(['render', 'ipfailover', scenario, '--node', node]);
    expect(r.code).toBe(0);
    const rendered = new Map<string, number>();
    for (const m of r.out.matchAll(/vrrp_instance (\S+) \{[^}]*?\n\s*priority (\d+)/g)) {
      if (m[1] !== undefined) rendered.set(m[1], Number(m[2]));
    }
    expect(rendered).toEqual(simulated);
    // The block itself renders as the other formats, as the scenario states it.
    const cli = await run(['render', 'ipfailover', scenario, '--format', 'cli']);
    expect(cli.out).toContain('--watch-port=80');
  });
  it('refuses --seed/--random with a scenario: the scenario fixes each pod\'s $RANDOM', async () => {
    const r = await run(['render', 'ipfailover', scenario, '--seed', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^vrrplab: --seed: a scenario fixes .*\n$/);
    const help = await run(['render', 'ipfailover', '--help']);
    expect(help.out.replace(/\s+/g, ' ')).toMatch(/Not a scenario's seed: a scenario gives node i/);
  });
});
