import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, type Finding, type LintNode } from '../../../src/lint/lint.js';
import { parseKeepalivedConf } from '../../../src/keepalived/parse.js';
import { parseIpfailoverCommand } from '../../../src/ipfailover/parse-cli.js';
import { parseIpfailoverEnv } from '../../../src/ipfailover/parse-env.js';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';

function conf(file: string, body: string) {
  const r = parseKeepalivedConf(body, file);
  return { node: { name: file.replace(/\.conf$/, ''), interfaces: [], keepalived: r.config }, positions: r.positions, file };
}

function instance(fields: string, vrid = 51, vips = '192.0.2.100'): string {
  return `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id ${vrid}\n${fields}\n  virtual_ipaddress {\n    ${vips}\n  }\n}\n`;
}

const ipf = (cmd: string, nodes?: LintNode[]) => ({ parsed: parseIpfailoverCommand(cmd, 'ipf.sh'), ...(nodes !== undefined ? { nodes } : {}) });
const codes = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.severity}:${f.code}`);
const only = (fs: readonly Finding[], code: string): Finding[] => fs.filter((f) => f.code === code);

describe('ipfailover pitfalls', () => {
  it('VRID > 255 from offset + VIP count', () => {
    const fs = lint({ keepalived: [], ipfailover: [ipf('oc adm ipfailover --virtual-ips=192.0.2.101-102 --vrrp-id-offset=254')] });
    const f = only(fs, 'vrid-range');
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('error');
    expect(f[0]?.message).toMatch(/256/);
    expect(f[0]?.pos).toEqual({ file: 'ipf.sh', line: 1, col: 49 });
    expect(codes(lint({ keepalived: [], ipfailover: [ipf('oc adm ipfailover --virtual-ips=192.0.2.101-102 --vrrp-id-offset=253')] }))).not.toContain('error:vrid-range');
  });
  it.each([
    ['10.1.1.100-102 10.1.1.200', /space inside.*101 VIPs/],
    ['10.0.0.1/24', /\/prefix.*10\.0\.0\.124/],
    ['2001:db8::1f39-1f3b', /lower-case hex.*no VIP/],
    ['192.0.2.110-101', /runs backwards/],
  ])('VIP list %s is corrupted by the image', (vips, msg) => {
    const parsed = parseIpfailoverEnv(`OPENSHIFT_HA_VIRTUAL_IPS=${vips}\n`, 'e.env');
    const f = only(lint({ keepalived: [], ipfailover: [{ parsed }] }), 'vip-list');
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toMatch(msg);
    expect(f[0]?.pos).toEqual({ file: 'e.env', line: 1, col: 26 });
  });
  it('a clean VIP list has no VIP finding', () => {
    expect(codes(lint({ keepalived: [], ipfailover: [ipf('oc adm ipfailover --virtual-ips="1.2.3.4,10.1.1.100-104, 5.6.7.8"')] }))).not.toContain('error:vip-list');
  });
  it('node octets giving priority 255 and possibly 0', () => {
    const nodes = [{ name: 'a', address: '192.0.2.128' }, { name: 'b', address: '192.0.2.64' }];
    const f = only(lint({ keepalived: [], ipfailover: [ipf('oc adm ipfailover --virtual-ips=192.0.2.101 -r 2', nodes)] }), 'node-priority');
    expect(f.map((x) => x.severity)).toEqual(['error', 'warning']);
    expect(f[0]?.message).toMatch(/priority 255/);
    expect(f[1]?.message).toMatch(/priority is 0/);
  });
  it('replicas that do not match the selected nodes', () => {
    const nodes = [
      { name: 'a', address: '192.0.2.1', labels: new Map([['ha-router', 'primary']]) },
      { name: 'b', address: '192.0.2.2', labels: new Map([['ha-router', 'primary']]) },
      { name: 'c', address: '192.0.2.3', labels: new Map([['ha-router', 'secondary']]) },
    ];
    const bad = lint({ keepalived: [], ipfailover: [ipf('oc adm ipfailover --virtual-ips=192.0.2.101 -r 3 -l ha-router=primary', nodes)] });
    expect(only(bad, 'replicas')[0]?.message).toMatch(/replicas 3 but 2 node/);
    const good = lint({ keepalived: [], ipfailover: [ipf('oc adm ipfailover --virtual-ips=192.0.2.101 -r 2 -l ha-router=primary', nodes)] });
    expect(only(good, 'replicas')).toEqual([]);
  });
  it('preemption text keepalived discards', () => {
    const f = only(lint({ keepalived: [], ipfailover: [ipf('oc adm ipfailover --virtual-ips=1.2.3.4 --preemption-strategy="preempt_nodelay 300"')] }), 'preemption');
    expect(f[0]?.severity).toBe('error');
    expect(codes(lint({ keepalived: [], ipfailover: [ipf('oc adm ipfailover --virtual-ips=1.2.3.4 --preemption-strategy=nopreempt')] }))).not.toContain('error:preemption');
  });
  it('a config name longer than 8 characters is a truncated auth_pass', () => {
    expect(codes(lint({ keepalived: [], ipfailover: [ipf('oc adm ipfailover ipf-ha-router-primary --virtual-ips=1.2.3.4')] }))).toContain('warning:auth-pass');
    expect(codes(lint({ keepalived: [], ipfailover: [ipf('oc adm ipfailover short --virtual-ips=1.2.3.4')] }))).not.toContain('warning:auth-pass');
  });
  it('an empty interface and an unset offset in an env file', () => {
    const parsed = parseIpfailoverEnv('OPENSHIFT_HA_VIRTUAL_IPS=192.0.2.101\nOPENSHIFT_HA_NETWORK_INTERFACE=\n', 'e.env');
    const fs = lint({ keepalived: [], ipfailover: [{ parsed }] });
    expect(codes(fs)).toContain('warning:interface');
    expect(only(fs, 'interface')[0]?.pos?.line).toBe(2);
    expect(only(fs, 'vrid-offset-unset')[0]?.message).toMatch(/VRIDs 11\.\./);
    const set = parseIpfailoverEnv('OPENSHIFT_HA_VIRTUAL_IPS=192.0.2.101\nOPENSHIFT_HA_NETWORK_INTERFACE=eth0\nOPENSHIFT_HA_VRRP_ID_OFFSET=20\n', 'e.env');
    expect(codes(lint({ keepalived: [], ipfailover: [{ parsed: set }] }))).not.toContain('warning:vrid-offset-unset');
    expect(codes(lint({ keepalived: [], ipfailover: [{ parsed: set }] }))).not.toContain('warning:interface');
  });
  it('unicast peers that leave a node out', () => {
    const parsed = parseIpfailoverEnv('OPENSHIFT_HA_VIRTUAL_IPS=192.0.2.101\nOPENSHIFT_HA_UNICAST_PEERS=192.0.2.1\nOPENSHIFT_HA_REPLICA_COUNT=2\n', 'e.env');
    const f = only(lint({ keepalived: [], ipfailover: [{ parsed, nodes: [{ name: 'a', address: '192.0.2.1' }, { name: 'b', address: '192.0.2.2' }] }] }), 'unicast-peers');
    expect(f[0]?.message).toMatch(/b \(192\.0\.2\.2\)/);
    expect(f[0]?.pos?.line).toBe(2);
  });
  it('VRID collisions between two ipfailover configs on one segment', () => {
    const a = ipf('oc adm ipfailover ipf-a --virtual-ips=192.0.2.101-103 --vrrp-id-offset=30');
    const b = { parsed: parseIpfailoverCommand('oc adm ipfailover ipf-b --virtual-ips=192.0.2.111-112 --vrrp-id-offset=31', 'b.sh') };
    const f = only(lint({ keepalived: [], ipfailover: [a, b] }), 'vrid-collision');
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toMatch(/VRID 32-33/);
    expect(f[0]?.pos?.file).toBe('b.sh');
  });
  it('VRID collision between ipfailover and a keepalived cluster', () => {
    const k = conf('lb1.conf', instance('  priority 100', 1));
    const f = only(lint({ keepalived: [k], ipfailover: [ipf('oc adm ipfailover --virtual-ips=192.0.2.101')] }), 'vrid-collision');
    expect(f[0]?.pos).toEqual({ file: 'lb1.conf', line: 3, col: 3 });
  });
});

describe('keepalived.conf pitfalls', () => {
  it('auth_pass longer than 8 characters', () => {
    const k = conf('a.conf', instance('  priority 100\n  authentication {\n    auth_type PASS\n    auth_pass 123456789\n  }'));
    expect(codes(lint({ keepalived: [k], ipfailover: [] }))).toEqual(['warning:auth-pass']);
  });
  it('state MASTER clearing nopreempt', () => {
    const k = conf('a.conf', instance('  state MASTER\n  priority 100\n  nopreempt'));
    const f = only(lint({ keepalived: [k], ipfailover: [] }), 'state-master-nopreempt');
    expect(f[0]?.pos).toEqual({ file: 'a.conf', line: 4, col: 3 });
  });
  it('v2 advert_int mismatch between peers', () => {
    const a = conf('a.conf', instance('  priority 100\n  advert_int 1'));
    const b = conf('b.conf', instance('  priority 90\n  advert_int 2'));
    expect(codes(lint({ keepalived: [a, b], ipfailover: [] }))).toEqual(['error:advert-int-mismatch']);
  });
  it('equal priorities', () => {
    const a = conf('a.conf', instance('  priority 100'));
    const b = conf('b.conf', instance('  priority 100'));
    expect(codes(lint({ keepalived: [a, b], ipfailover: [] }))).toEqual(['warning:equal-priority']);
  });
  it('a track weight too small to move mastership', () => {
    const script = 'vrrp_script chk {\n  script "/bin/true"\n  weight -10\n}\n';
    const a = conf('a.conf', script + instance('  priority 150\n  track_script {\n    chk\n  }'));
    const b = conf('b.conf', instance('  priority 100'));
    const f = only(lint({ keepalived: [a, b], ipfailover: [] }), 'track-weight');
    expect(f[0]?.message).toMatch(/between 140 and 150/);
    const c = conf('c.conf', script.replace('-10', '-60') + instance('  priority 150\n  track_script {\n    chk\n  }'));
    expect(only(lint({ keepalived: [c, b], ipfailover: [] }), 'track-weight')).toEqual([]);
  });
  it('unicast peer lists that do not match', () => {
    const a = conf('a.conf', instance('  priority 100\n  unicast_src_ip 192.0.2.1\n  unicast_peer {\n    192.0.2.2\n  }'));
    const b = conf('b.conf', instance('  priority 90\n  unicast_src_ip 192.0.2.2\n  unicast_peer {\n    192.0.2.3\n  }'));
    const f = only(lint({ keepalived: [a, b], ipfailover: [] }), 'unicast-peers');
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toMatch(/b:VI_1 does not list 192\.0\.2\.1/);
    const c = conf('c.conf', instance('  priority 90\n  unicast_src_ip 192.0.2.2\n  unicast_peer {\n    192.0.2.1\n  }'));
    expect(only(lint({ keepalived: [a, c], ipfailover: [] }), 'unicast-peers')).toEqual([]);
  });
  it('two clusters on one VRID with different VIPs', () => {
    const a = conf('a.conf', instance('  priority 100', 51, '192.0.2.100'));
    const b = conf('b.conf', instance('  priority 90', 51, '192.0.2.200'));
    expect(codes(lint({ keepalived: [a, b], ipfailover: [] }))).toEqual(['error:vrid-collision']);
  });
});

describe('vrrplab lint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vrrplab-lint-'));
  writeFileSync(join(dir, 'a.conf'), instance('  priority 100\n  advert_int 1'));
  writeFileSync(join(dir, 'b.conf'), instance('  priority 90\n  advert_int 2'));
  writeFileSync(join(dir, 'ok.sh'), 'oc adm ipfailover short --virtual-ips=192.0.2.101 --preemption-strategy=nopreempt --vrrp-id-offset=100\n');
  const run = async (argv: string[]) => {
    const io = bufferIo(dir);
    const code = await main(argv, io);
    return { code, out: io.stdout(), err: io.stderr() };
  };
  it('prints file:line:col: severity: message (fix: ...) and exits 1 on errors', async () => {
    const r = await run(['lint', 'a.conf', 'b.conf']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^b\.conf:\d+:3: error: VRID 51: advert_int 2 on b:VI_1 but 1 on a:VI_1; .* \(fix: use the same advert_int on every peer\)\n$/);
  });
  it('exits 0 when clean, and speaks JSON', async () => {
    const r = await run(['lint', 'ok.sh', '--format', 'json', '--node', 'n1,192.0.2.1']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([]);
  });
  it('exits 2 on bad input', async () => {
    expect((await run(['lint', 'missing.conf'])).code).toBe(2);
    expect((await run(['lint', 'ok.sh', '--node', 'n1'])).code).toBe(2);
  });
});
