// The real keepalived 2.2.7 judges what we render: `keepalived -t` must accept every clean model
// without a single message, and for the classic gotchas our builder must report what keepalived
// reports. `-t` checks interfaces against the current namespace, so everything runs inside a
// namespace of our own holding veth interfaces named as the models use them.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { keepalivedConfigTest, keepalivedMissing, realKeepalivedSuite, suiteNamespace } from '../support/keepalived-ns.js';
import { parseKeepalivedConf } from '../../src/keepalived/parse.js';
import { renderKeepalivedConf } from '../../src/keepalived/render.js';
import { buildRouterConfig } from '../../src/model/build.js';
import { CLEAN_INTERFACES, cleanKeepalivedConfig } from '../property/arbitraries-keepalived.js';

const NS = `vrrplab-kconf-${process.pid}`;
const why = keepalivedMissing();
const suite = realKeepalivedSuite(why, 'real-keepalived config tests');
const configTest = (file: string): Promise<{ rc: number; output: string }> => keepalivedConfigTest(NS, file);

async function pool<T, R>(items: readonly T[], width: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

suite('keepalived -t on rendered configurations (keepalived 2.2.7)', () => {
  // The reference fixtures use eth0.
  const scratch = suiteNamespace(NS, [...CLEAN_INTERFACES.map((i) => ({ name: i.name, addresses: [`${i.address}/26`] })), { name: 'eth0' }], why);

  it('accepts 200 random clean models with exit 0 and no message', async () => {
    const seed = Number(process.env['VRRPLAB_SEED'] ?? Date.now() % 2 ** 31);
    const models = fc.sample(cleanKeepalivedConfig, { numRuns: 200, seed });
    const files = models.map((m, i) => {
      const f = join(scratch.dir(), `clean-${i}.conf`);
      writeFileSync(f, renderKeepalivedConf(m));
      return f;
    });
    const results = await pool(files, 4, configTest);
    const failures = results.flatMap((r, i) => (r.rc !== 0 || r.output.trim() !== '' ? [`${files[i]} rc=${r.rc} (seed ${seed}, run ${i})\n${r.output}`] : []));
    expect(failures.slice(0, 3)).toEqual([]);
  }, 60_000);

  it('the harness sees a rejected configuration (priority 0, exit 5)', async () => {
    const f = join(scratch.dir(), 'bad.conf');
    writeFileSync(f, 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n priority 0\n virtual_ipaddress {\n  192.0.2.10\n }\n}\n');
    const r = await configTest(f);
    expect(r.rc).toBe(5);
    expect(r.output).toContain('Priority not valid');
  });

  // Each gotcha: what keepalived -t prints must be among our findings, word for word.
  const gotchas: Record<string, string> = {
    'auth_pass longer than 8': 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n priority 100\n authentication {\n  auth_type PASS\n  auth_pass 123456789\n }\n virtual_ipaddress {\n  192.0.2.10\n }\n}\n',
    'nopreempt with state MASTER': 'vrrp_instance VI_1 {\n state MASTER\n interface vk0\n virtual_router_id 9\n priority 100\n nopreempt\n virtual_ipaddress {\n  192.0.2.10\n }\n}\n',
    'nopreempt with priority 255': 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n priority 255\n nopreempt\n virtual_ipaddress {\n  192.0.2.10\n }\n}\n',
    'v2 fractional advert_int': 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n advert_int 1.5\n virtual_ipaddress {\n  192.0.2.10\n }\n}\n',
    'v3 advert_int not in 10ms': 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n version 3\n advert_int 1.555\n virtual_ipaddress {\n  192.0.2.10\n }\n}\n',
    'no VIP': 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n}\n',
    'duplicate VRID': 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n virtual_ipaddress {\n  192.0.2.10\n }\n}\nvrrp_instance VI_2 {\n interface vk0\n virtual_router_id 9\n virtual_ipaddress {\n  192.0.2.11\n }\n}\n',
    'one-member sync group and weighted script': 'global_defs {\n enable_script_security\n script_user root\n}\nvrrp_script chk {\n script "/bin/true"\n weight 10\n}\nvrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n virtual_ipaddress {\n  192.0.2.10\n }\n track_script {\n  chk\n }\n}\nvrrp_sync_group G {\n group {\n  VI_1\n }\n}\n',
    'weighted script on an owner': 'global_defs {\n enable_script_security\n script_user root\n}\nvrrp_script chk {\n script "/bin/true"\n}\nvrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n priority 255\n virtual_ipaddress {\n  192.0.2.10\n }\n track_script {\n  chk weight 5\n }\n}\n',
    'scripts without script security': 'vrrp_script chk {\n script "/bin/true"\n}\nvrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n virtual_ipaddress {\n  192.0.2.10\n }\n track_script {\n  chk\n }\n}\n',
    'weight 254 on a track_script': 'global_defs {\n enable_script_security\n script_user root\n}\nvrrp_script chk {\n script "/bin/true"\n}\nvrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n virtual_ipaddress {\n  192.0.2.10\n }\n track_script {\n  chk weight 254\n }\n}\n',
    'strict mode with state MASTER below 255': 'global_defs {\n vrrp_strict\n}\nvrrp_instance VI_1 {\n state MASTER\n interface vk0\n virtual_router_id 9\n priority 100\n virtual_ipaddress {\n  192.0.2.10\n }\n}\n',
    'priority out of range': 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n priority 256\n virtual_ipaddress {\n  192.0.2.10\n }\n}\n',
    'garp_master_repeat 0 and script interval 0': 'global_defs {\n enable_script_security\n script_user root\n}\nvrrp_script chk {\n script "/bin/true"\n interval 0\n}\nvrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n garp_master_repeat 0\n virtual_ipaddress {\n  192.0.2.10\n }\n track_script {\n  chk\n }\n}\n',
    'tracking the own interface and a weighted interface in a sync group': 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n virtual_ipaddress {\n  192.0.2.10\n }\n track_interface {\n  vk0\n  vk1 weight -20\n }\n}\nvrrp_instance VI_2 {\n interface vk0\n virtual_router_id 10\n virtual_ipaddress {\n  192.0.2.11\n }\n}\nvrrp_sync_group G {\n group {\n  VI_1\n  VI_2\n }\n}\n',
    'a misspelt keyword': 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n prority 50\n virtual_ipaddress {\n  192.0.2.10\n }\n}\n',
    'VRID out of range': 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 256\n virtual_ipaddress {\n  192.0.2.10\n }\n}\n',
    'two VIPs on one line': 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n virtual_ipaddress {\n  192.0.2.10 192.0.2.11\n }\n}\n',
    'unicast_ttl without peers and v3 auth': 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n version 3\n unicast_ttl 5\n authentication {\n  auth_type PASS\n  auth_pass abc\n }\n virtual_ipaddress {\n  192.0.2.10\n }\n}\n',
    'unicast_src_ip without peers': 'vrrp_instance VI_1 {\n interface vk0\n virtual_router_id 9\n unicast_src_ip 192.0.2.1\n virtual_ipaddress {\n  192.0.2.10\n }\n}\n',
  };
  const fixtureDir = join(import.meta.dirname, '../fixtures/keepalived');
  for (const fixture of readdirSync(fixtureDir).filter((f) => f.endsWith('.conf'))) {
    gotchas[`fixture ${fixture}`] = readFileSync(join(fixtureDir, fixture), 'utf8');
  }
  for (const [name, text] of Object.entries(gotchas)) {
    it(`reports what keepalived reports: ${name}`, async () => {
      const f = join(scratch.dir(), `gotcha-${name.replace(/\W+/g, '_')}.conf`);
      writeFileSync(f, text);
      const r = await configTest(f);
      expect(r.rc).not.toBe(0);
      const theirs = r.output.split('\n')
        .map((l) => l.replace(/^\([^)]*: Line \d+\) /, '').trim())
        .filter((l) => l !== '' && !/^Non-existent interface|^Stopped|^Starting/.test(l));
      const parsed = parseKeepalivedConf(text, f);
      const built = buildRouterConfig({ name: 'n', interfaces: [...CLEAN_INTERFACES.map((i) => ({ ...i, prefix: 26 })), { name: 'eth0', address: '192.0.2.11', prefix: 24 }], keepalived: parsed.config }, parsed.positions);
      const ours = [...parsed.warnings, ...built.warnings].map((w) => w.message);
      expect(theirs.length).toBeGreaterThan(0);
      for (const line of theirs) expect(ours, `keepalived said: ${line}`).toContain(line);
    });
  }
});
