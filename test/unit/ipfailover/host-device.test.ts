import { describe, expect, it } from 'vitest';
import { imageNetworkDevice } from '../../../src/ipfailover/host-device.js';
import { parseIpfailoverEnv } from '../../../src/ipfailover/parse-env.js';
import { lintIpfailover } from '../../../src/lint/ipfailover.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

describe('imageNetworkDevice (utils.sh get_network_device)', () => {
  const ovn = [{ name: 'ens3' }, { name: 'br-ex', address: '192.0.2.23', defaultRoute: true }];
  it('the configured name when the node has it', () => {
    expect(imageNetworkDevice('br-ex', ovn)).toEqual({ device: 'br-ex', address: '192.0.2.23', source: 'configured' });
  });
  it('else a probed name, even without an address, before the default route', () => {
    expect(imageNetworkDevice('eth0', ovn)).toEqual({ device: 'ens3', address: undefined, source: 'probed' });
  });
  it('else the default route, else nothing', () => {
    expect(imageNetworkDevice('eth0', [{ name: 'enp1s0', address: '192.0.2.22', defaultRoute: true }]).source).toBe('default-route');
    expect(imageNetworkDevice('', [{ name: 'enp9s0', address: '192.0.2.27' }])).toEqual({ device: '', address: undefined, source: 'none' });
  });
  it('an unquoted expansion: each word of the variable is a candidate', () => {
    expect(imageNetworkDevice('bond0 br-ex', ovn).device).toBe('br-ex');
  });
});

describe('lint: where the fallback lands', () => {
  const parsed = parseIpfailoverEnv('OPENSHIFT_HA_VIRTUAL_IPS=192.0.2.101\nOPENSHIFT_HA_NETWORK_INTERFACE=eth0\nOPENSHIFT_HA_REPLICA_COUNT=2\nOPENSHIFT_HA_VRRP_ID_OFFSET=0\n', 'p.env');
  const node = (name: string, last: number) => ({ name, address: `192.0.2.${last}`, interfaces: [{ name: 'ens3' }, { name: 'br-ex', address: `192.0.2.${last}`, defaultRoute: true }] });
  it('a probed device without IPv4 is a split-brain error on every such node', () => {
    const f = lintIpfailover({ parsed, nodes: [node('m1', 11), node('m2', 12)] }).filter((x) => x.code === 'interface-no-ipv4');
    expect(f.map((x) => x.severity)).toEqual(['error', 'error']);
    expect(f[0]?.message).toContain('binds ens3');
    expect(f[0]?.pos).toEqual({ file: 'p.env', line: 2, col: 32 });
  });
  it('a fallback onto an addressed device is a warning naming it; a present device is fine', () => {
    const f = lintIpfailover({ parsed, nodes: [{ name: 'w', address: '192.0.2.22', interfaces: [{ name: 'enp1s0', address: '192.0.2.22', defaultRoute: true }] }] });
    expect(f.filter((x) => x.code === 'interface-fallback').map((x) => x.severity)).toEqual(['warning']);
    const ok = lintIpfailover({ parsed, nodes: [{ name: 'w', address: '192.0.2.22', interfaces: [{ name: 'eth0', address: '192.0.2.22' }] }] });
    expect(ok.filter((x) => x.code.startsWith('interface'))).toEqual([]);
  });
  it('no device and no route: keepalived does not start', () => {
    const f = lintIpfailover({ parsed, nodes: [{ name: 'w', address: '192.0.2.22', interfaces: [{ name: 'enp9s0', address: '192.0.2.22', defaultRoute: false }] }] });
    expect(f.find((x) => x.code === 'interface-fallback')?.severity).toBe('error');
  });
  it('a monitor port with non-digits is accepted and warned about', () => {
    const p = parseIpfailoverEnv('OPENSHIFT_HA_MONITOR_PORT=8x0\n', 'p.env');
    expect(p.spec.watchPort).toBe(80);
    const f = lintIpfailover({ parsed: p }).filter((x) => x.code === 'monitor-port');
    expect(f[0]?.message).toContain('checks port 80');
    expect(f[0]?.pos).toEqual({ file: 'p.env', line: 1, col: 27 });
  });
});

describe('scenario nodes: the image picks among node.interfaces', () => {
  const scenario = (ifaces: string): string => `name: t
seed: 1
duration: 5s
segments: [{ name: lan }]
nodes:
  - name: n1
    labels: { ipf: 'yes' }
    interfaces:
${ifaces}
ipfailover:
  virtualIps: 192.0.2.101
  interface: eth0
  selector: ipf=yes
  replicas: 1
  random: 3
`;
  it('eth1 from the probe list, with its own address', () => {
    const s = loadScenarioText(scenario('      - { name: enp7s0, address: 198.51.100.21, defaultRoute: true }\n      - { name: eth1, address: 192.0.2.21 }'), 's.yaml');
    const conf = s.nodes[0]?.keepalived.instances[0];
    expect(conf?.interface).toBe('eth1');
  });
  it('the default-route device when nothing is probed', () => {
    const s = loadScenarioText(scenario('      - { name: enp7s0, address: 198.51.100.21 }\n      - { name: enp1s0, address: 192.0.2.22, defaultRoute: true }'), 's.yaml');
    expect(s.nodes[0]?.keepalived.instances[0]?.interface).toBe('enp1s0');
  });
  it('lint of a scenario sees the node devices', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-i18-'));
    writeFileSync(join(dir, 's.yaml'), scenario('      - { name: enp1s0, address: 192.0.2.22, defaultRoute: true }'));
    const io = bufferIo(dir);
    await main(['lint', 's.yaml'], io);
    expect(io.stdout()).toContain('binds enp1s0 (OPENSHIFT_HA_NETWORK_INTERFACE \'eth0\' is not on node n1');
  });
});

describe('vrrplab render ipfailover --device', () => {
  it('renders the OVN golden from the node description', async () => {
    const { readFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-i18-'));
    writeFileSync(join(dir, 'p.env'), 'OPENSHIFT_HA_CONFIG_NAME=ipfailover\nOPENSHIFT_HA_VIRTUAL_IPS=192.0.2.101-103\nOPENSHIFT_HA_NETWORK_INTERFACE=eth0\nOPENSHIFT_HA_REPLICA_COUNT=2\nOPENSHIFT_HA_VRRP_ID_OFFSET=0\n');
    const io = bufferIo(dir);
    const code = await main(['render', 'ipfailover', 'p.env', '--device', 'ens3', '--device', 'br-ex=192.0.2.23', '--default-route', 'br-ex', '--seed', '42'], io);
    expect(io.stderr()).toBe('');
    expect(code).toBe(0);
    expect(io.stdout()).toBe(readFileSync(new URL('../../fixtures/ipfailover/image-runs/ovn-ens3-without-ipv4.conf', import.meta.url), 'utf8'));
    const bad = bufferIo(dir);
    expect(await main(['render', 'ipfailover', 'p.env', '--device', 'ens3', '--default-route', 'br-ex', '--seed', '1'], bad)).toBe(2);
    expect(bad.stderr().trim().split('\n')).toHaveLength(1);
  });
});

describe('--openshift: which generation an artefact is for', () => {
  const run = async (argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const io = bufferIo(process.cwd());
    const code = await main(argv, io);
    return { code, out: io.stdout(), err: io.stderr() };
  };
  const groups = ['--args', 'oc adm ipfailover x --virtual-ips=192.0.2.1-4 --virtual-ip-groups=2'];
  it('3.9 env sets have no VIP groups and say so; 3.11 ones do', async () => {
    const old = await run(['render', 'ipfailover', '--args', 'oc adm ipfailover x --virtual-ips=192.0.2.1-4', '--format', 'env', '--openshift', '3.9']);
    expect(old.out.split('\n')[0]).toMatch(/^# OPENSHIFT_HA_\* as oadm ipfailover \(OpenShift 3\.9/);
    expect(old.out).not.toContain('OPENSHIFT_HA_VIP_GROUPS=');
    const now = await run(['render', 'ipfailover', ...groups, '--format', 'env', '--openshift', '3.11']);
    expect(now.out).toContain('OPENSHIFT_HA_VIP_GROUPS=2\n');
  });
  it('3.9 cannot express groups, 4 has no command; oadm keeps an explicit eth0', async () => {
    expect((await run(['render', 'ipfailover', ...groups, '--format', 'cli', '--openshift', '3.9'])).code).toBe(2);
    expect((await run(['render', 'ipfailover', ...groups, '--format', 'cli', '--openshift', '4'])).code).toBe(2);
    const cli = await run(['render', 'ipfailover', '--args', 'oc adm ipfailover x --virtual-ips=192.0.2.1', '--format', 'cli', '--openshift', '3.9']);
    expect(cli.out).toMatch(/^oadm ipfailover x/);
    expect(cli.out).toContain('--interface="eth0"');
  });
  it('an oadm command without -i leaves the interface to the image', () => {
    expect(parseIpfailoverEnv('OPENSHIFT_HA_NETWORK_INTERFACE=\n', 'e').spec.interface).toBe('');
  });
});
