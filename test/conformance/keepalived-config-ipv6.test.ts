// keepalived 2.2.7 judges IPv6 configurations as keepalived-config.test.ts has it judge IPv4
// ones: what we parse and render with IPv6 VIPs (virtual_ipaddress and _excluded) and IPv6
// unicast_src_ip / unicast_peer must pass `keepalived -t` without a message, and for every
// way of mixing families in one instance, each line keepalived prints must be among the
// builder's findings, word for word (model/family.ts). Runs in a namespace of our own; the
// IPv6 addresses are added nodad, so no DAD runs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { keepalivedConfigTest, keepalivedMissing, realKeepalivedSuite, suiteNamespace } from '../support/keepalived-ns.js';
import { parseKeepalivedConf } from '../../src/keepalived/parse.js';
import { renderKeepalivedConf } from '../../src/keepalived/render.js';
import { buildRouterConfig } from '../../src/model/build.js';

const NS = `vrrplab-kconf6-${process.pid}`;
const why = keepalivedMissing();
const suite = realKeepalivedSuite(why, 'real-keepalived IPv6 config tests');
const configTest = (file: string): Promise<{ rc: number; output: string }> => keepalivedConfigTest(NS, file);

const inst = (name: string, vrid: number, body: string): string => `vrrp_instance ${name} {\n interface vk0\n virtual_router_id ${vrid}\n priority 100\n${body}}\n`;
const vips = (kw: string, ...a: string[]): string => ` ${kw} {\n${a.map((x) => `  ${x}\n`).join('')} }\n`;
const V = 'virtual_ipaddress';
const X = 'virtual_ipaddress_excluded';

const CLEAN: Record<string, string> = {
  'IPv6 multicast, link-local first VIP': inst('VI_6', 60, vips(V, 'fe80::60/64', '2001:db8::60/64', '2001:DB8::61')),
  'IPv6 unicast src and peers': inst('VI_U', 61, ` unicast_src_ip 2001:db8::1\n unicast_peer {\n  2001:db8::2\n  2001:db8::3 min_ttl 1 max_ttl 255\n }\n${vips(V, '2001:db8::62/128')}`),
  'IPv4 VIPs with IPv6 excluded (dual stack in one instance)': inst('VI_D', 62, vips(V, '192.0.2.62') + vips(X, '2001:db8::62/64', 'fe80::62/64 dev vk0')),
  'IPv6 VIPs with IPv4 excluded': inst('VI_E', 63, vips(V, 'fe80::63/64', '2001:db8::63') + vips(X, '192.0.2.63/32')),
  'an IPv4 and an IPv6 instance on one VRID': inst('VI_4', 64, vips(V, '192.0.2.64')) + inst('VI_6b', 64, vips(V, 'fe80::64', '2001:db8::64')),
  'native_ipv6 before IPv6 VIPs': inst('VI_N', 65, ` native_ipv6
${vips(V, 'fe80::65', '2001:db8::65')}`),
};

const GOTCHAS: Record<string, string> = {
  'IPv4 VIP after an IPv6 one': inst('VI_1', 9, vips(V, '2001:db8::10/64', '192.0.2.10')),
  'mixed peers and VIPs after an IPv4 unicast_src_ip': inst('VI_1', 9, ` unicast_src_ip 192.0.2.1\n unicast_peer {\n  2001:db8::2\n  192.0.2.2\n }\n${vips(V, '2001:db8::10/64', '192.0.2.10')}`),
  'IPv6 unicast_src_ip after IPv4 VIPs': inst('VI_1', 9, `${vips(V, '192.0.2.10')} unicast_src_ip 2001:db8::1\n unicast_peer {\n  192.0.2.2\n }\n`),
  'IPv6 mcast_src_ip before IPv4 VIPs': inst('VI_1', 9, ` mcast_src_ip 2001:db8::1\n${vips(V, '192.0.2.10')}`),
  'version 2 after IPv6 VIPs': inst('VI_1', 9, `${vips(V, 'fe80::10', '2001:db8::10')} version 2\n`),
  'strict version 2 IPv6 without a link-local first VIP': `global_defs {\n vrrp_strict\n}\n${inst('VI_1', 9, ` version 2\n${vips(V, '2001:db8::10')}`)}`,
  'native_ipv6 after IPv4 VIPs': inst('VI_1', 9, `${vips(V, '192.0.2.10')} native_ipv6\n`),
  'version 2 after native_ipv6': inst('VI_1', 9, ` native_ipv6\n version 2\n${vips(V, 'fe80::10', '2001:db8::10')}`),
  'two IPv6 instances on one VRID': inst('VI_A', 9, vips(V, 'fe80::10')) + inst('VI_B', 9, vips(V, 'fe80::11')),
  // What the ipfailover image writes for an IPv6 VIP: its PASS authentication on a VRRPv3 instance.
  'ipfailover-style PASS auth on an IPv6 instance': inst('VI_1', 9, ` authentication {\n  auth_type PASS\n  auth_pass ipfailover-config\n }\n${vips(V, '2001:DB8::101 dev vk0')}`),
};

suite('keepalived -t on IPv6 configurations (keepalived 2.2.7)', () => {
  const scratch = suiteNamespace(NS, [{ name: 'vk0', addresses: ['192.0.2.1/26', '2001:db8::1/64'] }], why);

  for (const [name, text] of Object.entries(CLEAN)) {
    it(`renders what keepalived accepts without a message: ${name}`, async () => {
      const parsed = parseKeepalivedConf(text, 'in.conf');
      expect(parsed.warnings).toEqual([]);
      const rendered = renderKeepalivedConf(parsed.config);
      // What we render reads back to the same model.
      expect(parseKeepalivedConf(rendered, 'out.conf').config).toEqual(parsed.config);
      const f = join(scratch.dir(), `clean-${name.replace(/\W+/g, '_')}.conf`);
      writeFileSync(f, rendered);
      expect(await configTest(f)).toEqual({ rc: 0, output: '' });
      const built = buildRouterConfig({ name: 'n', interfaces: [{ name: 'vk0', address: '192.0.2.1', prefix: 26 }], keepalived: parsed.config }, parsed.positions);
      // Nothing keepalived would say; only vrrplab's own notes (IPv6 is not simulated).
      expect(built.warnings.map((w) => w.message).filter((m) => !m.startsWith('vrrplab:'))).toEqual([]);
    });
  }

  for (const [name, text] of Object.entries(GOTCHAS)) {
    it(`reports what keepalived reports: ${name}`, async () => {
      const f = join(scratch.dir(), `gotcha-${name.replace(/\W+/g, '_')}.conf`);
      writeFileSync(f, text);
      const r = await configTest(f);
      const theirs = r.output.split('\n')
        .map((l) => l.replace(/^\([^)]*: Line \d+\) /, '').trim())
        .filter((l) => l !== '' && !/^Non-existent interface|^Stopped|^Starting/.test(l));
      const parsed = parseKeepalivedConf(text, f);
      const built = buildRouterConfig({ name: 'n', interfaces: [{ name: 'vk0', address: '192.0.2.1', prefix: 26 }], keepalived: parsed.config }, parsed.positions);
      const ours = [...parsed.warnings, ...built.warnings].map((w) => w.message);
      expect(theirs.length).toBeGreaterThan(0);
      for (const line of theirs) expect(ours, `keepalived said: ${line}`).toContain(line);
    });
  }
});
