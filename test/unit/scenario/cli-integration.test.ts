// The keepalived commands accept scenarios, and `import keepalived` writes a scenario that runs.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';

const conf = (prio: number, pidof: boolean): string => `
${pidof ? 'vrrp_script chk_haproxy {\n  script "pidof haproxy"\n  weight -60\n}\n' : ''}vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority ${prio}
  unicast_src_ip 198.51.100.${prio === 150 ? 1 : 2}
  unicast_peer {
    198.51.100.${prio === 150 ? 2 : 1}
  }
  virtual_ipaddress {
    198.51.100.10
  }
${pidof ? '  track_script {\n    chk_haproxy\n  }\n' : ''}}
`;

describe('scenario inputs of the keepalived commands', () => {
  it('import keepalived of IPv6 unicast configs gives each node its IPv6 address, and the skeleton runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-import6-'));
    const conf6 = (prio: number, me: number, peer: number): string => `vrrp_instance VI_6 {\n  interface eth0\n  virtual_router_id 61\n  priority ${prio}\n  unicast_src_ip 2001:db8::${me}\n  unicast_peer {\n    2001:db8::${peer}\n  }\n  virtual_ipaddress {\n    2001:db8::101/64\n  }\n}\n`;
    writeFileSync(join(dir, 'lb1.conf'), conf6(150, 1, 2));
    writeFileSync(join(dir, 'lb2.conf'), conf6(100, 2, 1));
    const io = bufferIo(dir);
    expect(await main(['import', 'keepalived', 'lb1.conf', 'lb2.conf', '--out', 'site.yaml'], io), io.stderr()).toBe(0);
    const yaml = readFileSync(join(dir, 'site.yaml'), 'utf8');
    expect(yaml).toContain('address6: 2001:db8::1\n');
    const run = bufferIo(dir);
    expect(await main(['run', 'site.yaml'], run), run.stderr()).toBe(0);
    expect(run.stdout()).toMatch(/lb1 +VI_6 +BACKUP -> MASTER/);
  });

  it('import keepalived writes a skeleton that vrrplab run accepts, with what it had to assume marked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-import-'));
    writeFileSync(join(dir, 'lb1.conf'), conf(150, true));
    writeFileSync(join(dir, 'lb2.conf'), conf(100, false));
    const io = bufferIo(dir);
    expect(await main(['import', 'keepalived', 'lb1.conf', 'lb2.conf', '--out', 'site.yaml'], io), io.stderr()).toBe(0);
    const yaml = readFileSync(join(dir, 'site.yaml'), 'utf8');
    expect(yaml).toContain('address: 198.51.100.1');
    expect(yaml).toContain('keepalived: "./lb1.conf"');
    expect(yaml).toMatch(/process: "haproxy" \}\s+# ASSUMED port/);
    const run = bufferIo(dir);
    expect(await main(['run', 'site.yaml'], run), run.stderr()).toBe(0);
    expect(run.stdout()).toMatch(/3 passed, 0 failed/);
  });

  it('render keepalived takes a scenario and renders each keepalived node', async () => {
    const io = bufferIo();
    expect(await main(['render', 'keepalived', 'scenarios/openshift-ha-router.yaml', '--node', 'ose-ha-node-02.example.com'], io)).toBe(0);
    expect(io.stdout()).toContain('vrrp_instance ipf_ha_router_primary_VIP_1');
    expect(io.stdout()).toMatch(/priority 253/);
  });

  it('check-config reports a scenario\'s findings at scenario positions', async () => {
    const io = bufferIo();
    expect(await main(['check-config', 'scenarios/openshift-ha-router.yaml'], io)).toBe(0);
    expect(io.stdout()).toMatch(/^scenarios\/openshift-ha-router\.yaml:\d+:\d+: warning: .*preempt delay will not work with initial state MASTER/m);
  });

  it('run reports a missing scenario as bad input (exit 2, one line)', async () => {
    const io = bufferIo();
    expect(await main(['run', 'scenarios/nope.yaml'], io)).toBe(2);
    expect(io.stderr()).toBe('vrrplab: scenarios/nope.yaml: no such file or folder, expected a scenario YAML file or a folder of them\n');
  });
});

describe('lint of scenarios', () => {
  it('lints an ipfailover block with the scenario nodes, and plain keepalived nodes by node', async () => {
    const ipf = bufferIo();
    expect(await main(['lint', 'scenarios/openshift-ha-router.yaml'], ipf)).toBe(0);
    expect(ipf.stdout()).toMatch(/^scenarios\/openshift-ha-router\.yaml:\d+:\d+: warning: 'preempt_delay 300' only holds on instances where the node is not master-designated/m);
    const eq = bufferIo();
    expect(await main(['lint', 'scenarios/equal-priorities.yaml'], eq)).toBe(0);
    expect(eq.stdout()).toMatch(/both have priority 100/);
  });

  it('fails (exit 1) on an error-level pitfall in a scenario', async () => {
    const io = bufferIo();
    expect(await main(['lint', 'scenarios/nopreempt.yaml'], io)).toBe(1);
    expect(io.stdout()).toMatch(/^scenarios\/nopreempt\.yaml:\d+:\d+: error: .*state MASTER clears nopreempt/m);
  });
});
