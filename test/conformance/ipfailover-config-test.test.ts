// The per-node configs vrrplab renders for ipfailover must be accepted by the real keepalived
// 2.2.7 (`keepalived --config-test`), run inside a network namespace of our own that has the
// eth0 the configs name. The image's configs always draw some messages (auth_pass truncation,
// script security, preempt_delay cleared by state MASTER); anything beyond those is a failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepalivedMissing } from '../support/keepalived-ns.js';
import { renderIpfailoverKeepalived } from '../../src/ipfailover/render-keepalived.js';
import { ipfailoverSpec, type IpfailoverSpec } from '../../src/ipfailover/spec.js';

const NS = `vrrplab-ipf-${process.pid}-${Math.floor(Date.now() % 100000)}`;

const why = keepalivedMissing();
if (why !== undefined && process.env['CI'] !== 'true') console.warn(`SKIPPING ipfailover keepalived --config-test conformance: ${why}`);

function ip(...args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
}

/** Messages keepalived 2.2.7 prints for every config the ipfailover image writes. */
const EXPECTED = [
  /Truncating auth_pass to 8 characters$/,
  /^SECURITY VIOLATION - scripts are being executed but script_security not enabled\.$/,
  /Warning - preempt delay will not work with initial state MASTER - clearing$/,
  /script '\S+' resolved by path search to '\S+'$/,
];

function configTest(text: string): { rc: number | null; unexpected: string[]; all: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vrrplab-ipf-kt-'));
  const file = join(dir, 'keepalived.conf');
  writeFileSync(file, text);
  const r = spawnSync('ip', ['netns', 'exec', NS, 'keepalived', '--config-test', '-f', file], { encoding: 'utf8' });
  const lines = `${r.stdout}${r.stderr}`.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return { rc: r.status, unexpected: lines.filter((l) => !EXPECTED.some((re) => re.test(l))), all: lines.join('\n') };
}

const base = ipfailoverSpec({ virtualIps: '192.0.2.101-102', replicas: 2, interface: 'eth0' });
const cases: Array<[string, IpfailoverSpec, string]> = [
  ['the seed/sample config on node .11', base, '192.0.2.11'],
  ['the seed/sample config on node .12 (flip-flop)', base, '192.0.2.12'],
  ['VIP groups, offset, exclusions', { ...base, virtualIps: '192.0.2.101-106,192.0.2.120', vipGroups: 3, vrrpIdOffset: 40, excludedVrrpIds: [42] }, '192.0.2.13'],
  ['nopreempt, notify, no port check, unicast', { ...base, preemptionStrategy: 'nopreempt', notifyScript: '/bin/true', watchPort: 0, unicastPeers: '192.0.2.11,192.0.2.12', name: 'ipf' }, '192.0.2.12'],
];

describe.skipIf(why !== undefined && process.env['CI'] !== 'true')('ipfailover configs pass keepalived --config-test', () => {
  beforeAll(() => {
    if (why !== undefined) throw new Error(`conformance test cannot run in CI: ${why}`);
    ip('netns', 'add', NS);
    ip('-n', NS, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0p');
    ip('-n', NS, 'addr', 'add', '192.0.2.11/24', 'dev', 'eth0');
    ip('-n', NS, 'link', 'set', 'eth0', 'up');
  });
  afterAll(() => {
    spawnSync('ip', ['netns', 'del', NS]);
  });

  it.each(cases)('%s', (_label, spec, address) => {
    const r = configTest(renderIpfailoverKeepalived(spec, { name: 'n', address }, { seed: 7 }));
    expect(r.unexpected, r.all).toEqual([]);
    expect([0, 5, 6]).toContain(r.rc);
  });

  it('a VRID past 255 is caught (the check can fail)', () => {
    const r = configTest(renderIpfailoverKeepalived({ ...base, vrrpIdOffset: 254 }, { name: 'n', address: '192.0.2.11' }, 3));
    expect(r.unexpected.some((l) => /VRID '256' not valid/.test(l))).toBe(true);
  });
});
