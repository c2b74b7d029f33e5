// The on-prem OpenShift 4 and keepalived-operator configs vrrplab renders (and the goldens they
// equal) must be accepted by the real keepalived 2.2.7 (`keepalived --config-test`), in a network
// namespace of our own holding the devices the configs name. Both always draw known messages
// (auth_pass "<cluster>_api_vip" truncated to 8, script security off in the operator's config);
// anything else is a failure.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { configTestLines, keepalivedMissing, realKeepalivedSuite, suiteNamespace } from '../support/keepalived-ns.js';

const NS = `vrrplab-ocp4-${process.pid}-${Math.floor(Date.now() % 100000)}`;
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

const why = keepalivedMissing();
const suite = realKeepalivedSuite(why, 'OpenShift 4 keepalived --config-test conformance');

const EXPECTED = [
  /Truncating auth_pass to 8 characters$/,
  /^SECURITY VIOLATION - scripts are being executed but script_security not enabled\.$/,
];

const goldens = (sub: string): string[] => readdirSync(join(fixtures, sub)).filter((f) => f.endsWith('.conf')).map((f) => join(sub, f));

suite('OpenShift 4 configs pass keepalived --config-test', () => {
  const scratch = suiteNamespace(NS, [{ name: 'br-ex', addresses: ['192.0.2.11/24'] }, { name: 'ens192' }, { name: 'ens3' }], why);
  const configTest = (name: string, text: string, configId?: string): ReturnType<typeof configTestLines> =>
    configTestLines(NS, join(scratch.dir(), `${name.replace(/\W+/g, '_')}.conf`), text, EXPECTED, configId !== undefined ? ['--config-id', configId] : []);

  it.each(goldens('openshift4/onprem/golden'))('%s', async (f) => {
    const r = await configTest(f, readFileSync(join(fixtures, f), 'utf8'));
    expect(r.unexpected, r.all).toEqual([]);
    expect([0, 5, 6]).toContain(r.rc);
  });

  it.each(goldens('keepalived-operator/golden'))('%s (as pod edge-p1 and edge-p2)', async (f) => {
    for (const id of ['edge-p1', 'edge-p2']) {
      const r = await configTest(`${f}-${id}`, readFileSync(join(fixtures, f), 'utf8'), id);
      expect(r.unexpected, r.all).toEqual([]);
      expect([0, 5, 6]).toContain(r.rc);
    }
  });

  it('a broken config is caught (the check can fail)', async () => {
    const text = readFileSync(join(fixtures, 'openshift4/onprem/golden/ostest-worker-0.conf'), 'utf8').replace('virtual_router_id 93', 'virtual_router_id 300');
    expect((await configTest('vrid-300', text)).unexpected.some((l) => /VRID '300' not valid/.test(l))).toBe(true);
  });
});
