// Host facts in a scenario (interfaces that exist, their carrier, the shell behind /bin/sh) and
// what keepalived 2.2.7 does with them: a config naming an interface the host lacks makes its
// VRRP process exit (vrrp_if.c:194-226, vrrp_daemon.c:525-529); a '</' script runs through
// /bin/sh (notify.c:712-716).
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../../sim/scenario/load.js';
import { runLoaded } from '../../../sim/scenario/run.js';
import { renderJsonLines } from '../../../sim/scenario/report-json.js';

const conf = (prio: number, extra = ''): string => `
      vrrp_instance VI_1 {
        interface eth0
        virtual_router_id 51
        priority ${prio}
        advert_int 1
${extra}
        virtual_ipaddress { 192.0.2.100 }
      }`.split('\n').map((l) => `      ${l}`).join('\n');

function scenario(nodeB: string, extraB = ''): string {
  return `name: t
duration: 10s
nodes:
  - name: a
    address: 192.0.2.1
    keepalived: |
${conf(100)}
  - name: b
${nodeB}
    keepalived: |
${conf(200, extraB)}
expect:
  - at: 8s
    holder: { vip: 192.0.2.100, node: a }
`;
}

describe('host facts: interfaces the host lacks', () => {
  const cases: [string, string][] = [
    ['track_interface', '        track_interface { eth2 }'],
    ['a VIP dev', '        virtual_ipaddress_excluded { 192.0.2.200 dev eth3 }'],
  ];
  for (const [what, extra] of cases) {
    it(`${what} naming a missing interface: keepalived's VRRP exits, so the node holds no VIP`, () => {
      const s = loadScenarioText(scenario('    address: 192.0.2.2', extra), 't.yaml');
      expect(s.spec.nodes.find((n) => n.name === 'b')?.router).toBeNull();
      expect(s.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('Non-existent interface specified in configuration'));
      const run = runLoaded(s);
      // b has the higher priority: had its VRRP run it would hold the VIP.
      expect(run.verdicts[0]?.ok).toBe(true);
      expect(renderJsonLines(run)).toContain('"type":"warning","severity":"error","message":"Non-existent interface');
    });
  }
  it("the instance's own interface missing uses keepalived's words", () => {
    const s = loadScenarioText(scenario('    interfaces: [{ name: ens3, address: 192.0.2.2 }]'), 't.yaml');
    expect(s.warnings.map((w) => w.message)).toContain("WARNING - interface eth0 for vrrp_instance VI_1 doesn't exist");
    expect(s.spec.nodes.find((n) => n.name === 'b')?.router).toBeNull();
  });
  it('an interface listed without an address exists: track_interface on it is fine', () => {
    const s = loadScenarioText(scenario('    interfaces: [{ name: eth0, address: 192.0.2.2 }, { name: eth2 }]', '        track_interface { eth2 }'), 't.yaml');
    expect(s.spec.nodes.find((n) => n.name === 'b')?.router).not.toBeNull();
    expect(runLoaded(s).verdicts[0]?.ok).toBe(false); // b (200) is MASTER
  });
  it('an interface that is down at start (up: false) puts a tracking instance in FAULT', () => {
    const s = loadScenarioText(scenario('    interfaces: [{ name: eth0, address: 192.0.2.2 }, { name: eth2, up: false }]', '        track_interface { eth2 }'), 't.yaml');
    expect(runLoaded(s).verdicts[0]?.ok).toBe(true);
  });
  it('dynamic_interfaces keeps the VRRP process running, with keepalived\'s message', () => {
    const text = scenario('    address: 192.0.2.2', '        track_interface { eth2 }').replace('name: b\n', 'name: b\n').replace(/(  - name: b\n    address: 192.0.2.2\n    keepalived: \|\n)/, '$1      global_defs { dynamic_interfaces }\n');
    const s = loadScenarioText(text, 't.yaml');
    expect(s.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining("Configuration specifies interface eth2 which doesn't currently exist - will use if created"));
    expect(s.spec.nodes.find((n) => n.name === 'b')?.router).not.toBeNull();
  });
});

describe('host facts: the shell behind /bin/sh', () => {
  const withScript = (shell: string): string => `name: t
duration: 10s
nodes:
  - name: a
    address: 192.0.2.1
${shell}
    services: [{ name: web, port: 80 }]
    keepalived: |
      vrrp_script chk_http_port {
        script "</dev/tcp/127.0.0.1/80"
        interval 1
      }
      vrrp_instance VI_1 {
        interface eth0
        virtual_router_id 51
        priority 100
        track_script { chk_http_port }
        virtual_ipaddress { 192.0.2.100 }
      }
expect:
  - at: 8s
    holder: { vip: 192.0.2.100, node: a }
`;
  it('dash (the default): the check exits 2 every time, the instance stays in FAULT', () => {
    const s = loadScenarioText(withScript(''), 't.yaml');
    expect(s.spec.nodes[0]?.scripts.get('chk_http_port')).toEqual({ kind: 'const', ok: false });
    expect(s.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('dash, which has no /dev/tcp'));
    expect(runLoaded(s).verdicts[0]?.ok).toBe(false);
  });
  it('bash: a port check that holds while the service listens', () => {
    const s = loadScenarioText(withScript('    shell: bash'), 't.yaml');
    expect(s.spec.nodes[0]?.scripts.get('chk_http_port')).toEqual({ kind: 'tcp', host: '192.0.2.1', port: 80 });
    expect(runLoaded(s).verdicts[0]?.ok).toBe(true);
  });
});

describe('import keepalived fills the host facts the config needs', () => {
  it('every interface the config names exists in the skeleton, marked ASSUMED, so keepalived would run', async () => {
    const { mkdtempSync, rmSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { bufferIo } = await import('../../../src/cli/io.js');
    const { main } = await import('../../../src/cli/program.js');
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-hf-'));
    try {
      writeFileSync(join(dir, 'a.conf'), 'static_routes {\n 198.51.100.0/24 dev eth4\n}\nvrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 100\n track_interface {\n  eth2\n }\n virtual_ipaddress {\n  192.0.2.100 dev eth3\n }\n}\n');
      expect(await main(['import', 'keepalived', 'a.conf', '--out', 's.yaml'], bufferIo(dir))).toBe(0);
      const text = readFileSync(join(dir, 's.yaml'), 'utf8');
      expect(text).toMatch(/- \{ name: "eth2", up: true \}\s+# ASSUMED/);
      expect(text).toMatch(/- \{ name: "eth3", up: true \}\s+# ASSUMED/);
      expect(text).toMatch(/- \{ name: "eth4", up: true \}\s+# ASSUMED/);
      expect(text).toMatch(/shell: dash\s+# ASSUMED/);
      const s = loadScenarioText(text, join(dir, 's.yaml'));
      expect(s.spec.nodes[0]?.router).not.toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
