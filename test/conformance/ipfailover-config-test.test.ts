// The per-node configs vrrplab renders for ipfailover must be accepted by the real keepalived
// 2.2.7 (`keepalived --config-test`), run inside a network namespace of our own that has the
// eth0 the configs name. The image's configs always draw some messages (auth_pass truncation,
// script security, preempt_delay cleared by state MASTER); anything beyond those is a failure.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { configTestLines, keepalivedMissing, realKeepalivedSuite, suiteNamespace } from '../support/keepalived-ns.js';
import { renderIpfailoverKeepalived } from '../../src/ipfailover/render-keepalived.js';
import { ipfailoverSpec, type IpfailoverSpec } from '../../src/ipfailover/spec.js';

const NS = `vrrplab-ipf-${process.pid}-${Math.floor(Date.now() % 100000)}`;

const why = keepalivedMissing();
const suite = realKeepalivedSuite(why, 'ipfailover keepalived --config-test conformance');

/** Messages keepalived 2.2.7 prints for every config the ipfailover image writes. */
const EXPECTED = [
  /Truncating auth_pass to 8 characters$/,
  /^SECURITY VIOLATION - scripts are being executed but script_security not enabled\.$/,
  /Warning - preempt delay will not work with initial state MASTER - clearing$/,
  /script '\S+' resolved by path search to '\S+'$/,
];


const base = ipfailoverSpec({ virtualIps: '192.0.2.101-102', replicas: 2, interface: 'eth0' });
const cases: Array<[string, IpfailoverSpec, string]> = [
  ['the seed/sample config on node .11', base, '192.0.2.11'],
  ['the seed/sample config on node .12 (flip-flop)', base, '192.0.2.12'],
  ['VIP groups, offset, exclusions', { ...base, virtualIps: '192.0.2.101-106,192.0.2.120', vipGroups: 3, vrrpIdOffset: 40, excludedVrrpIds: [42] }, '192.0.2.13'],
  ['nopreempt, notify, no port check, unicast', { ...base, preemptionStrategy: 'nopreempt', notifyScript: '/bin/true', watchPort: 0, unicastPeers: '192.0.2.11,192.0.2.12', name: 'ipf' }, '192.0.2.12'],
];

suite('ipfailover configs pass keepalived --config-test', () => {
  const scratch = suiteNamespace(NS, [{ name: 'eth0', addresses: ['192.0.2.11/24'] }], why);
  const configTest = (name: string, text: string): ReturnType<typeof configTestLines> => configTestLines(NS, join(scratch.dir(), `${name.replace(/\W+/g, '_')}.conf`), text, EXPECTED);

  it.each(cases)('%s', async (label, spec, address) => {
    const r = await configTest(label, renderIpfailoverKeepalived(spec, { name: 'n', address }, { seed: 7 }));
    expect(r.unexpected, r.all).toEqual([]);
    expect([0, 5, 6]).toContain(r.rc);
  });

  it('a VRID past 255 is caught (the check can fail)', async () => {
    const r = await configTest('vrid-256', renderIpfailoverKeepalived({ ...base, vrrpIdOffset: 254 }, { name: 'n', address: '192.0.2.11' }, 3));
    expect(r.unexpected.some((l) => /VRID '256' not valid/.test(l))).toBe(true);
  });
});
