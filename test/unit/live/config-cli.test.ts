// speak's configuration is bound to the interface it runs on, and both live commands reject bad
// input in one line with exit 2 before touching a socket.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { InputError } from '../../../src/cli/errors.js';
import { loadSpeakConfig } from '../../../src/live/config.js';
import { liveInterface } from '../../../src/live/host.js';

const dir = mkdtempSync(join(tmpdir(), 'vrrplab-live-'));
const conf = (body: string): string => {
  const p = join(dir, `k${Math.random().toString(36).slice(2)}.conf`);
  writeFileSync(p, body);
  return p;
};
const VI = (iface: string, extra = ''): string =>
  `vrrp_instance VI_1 {\n state BACKUP\n interface ${iface}\n virtual_router_id 51\n priority 200\n advert_int 1\n${extra} virtual_ipaddress {\n  192.0.2.101/32\n }\n}\n`;
const itf = { name: 'veth9', ifindex: 9, primary: '192.0.2.30', prefix: 24, linkLocal: null, address6: null };

describe('loadSpeakConfig', () => {
  it("maps the configuration's interface onto the live one and sends from its primary address", () => {
    const c = loadSpeakConfig(conf(VI('eth0')), dir, undefined, itf);
    expect(c.router.instances).toHaveLength(1);
    expect(c.router.instances[0]).toMatchObject({ iface: 'veth9', srcAddr: '192.0.2.30', priority: 200, vrid: 51 });
    expect(c.notes.join('\n')).toMatch(/interface eth0 is veth9 here/);
  });

  it('keeps mcast_src_ip when one is configured', () => {
    const c = loadSpeakConfig(conf(VI('veth9', ' mcast_src_ip 192.0.2.31\n')), dir, undefined, itf);
    expect(c.router.instances[0]?.srcAddr).toBe('192.0.2.31');
  });

  it('takes one node of a scenario, which --node must name when there are several', () => {
    const sc = resolve(import.meta.dirname, '../../../scenarios/openshift-ha-router.yaml');
    expect(() => loadSpeakConfig(sc, dir, undefined, itf)).toThrow(/expected --node with one of ose-ha-node-01\.example\.com/);
    expect(() => loadSpeakConfig(sc, dir, 'nope', itf)).toThrow(/no node 'nope'/);
    const c = loadSpeakConfig(sc, dir, 'ose-ha-node-02.example.com', itf);
    expect(c.router.instances.length).toBeGreaterThan(0);
    for (const i of c.router.instances) expect(i).toMatchObject({ iface: 'veth9', srcAddr: '192.0.2.30' });
    // Its check script is kept verbatim, to be run for real.
    expect(c.router.scripts.map((s) => s.script).every((x) => x.length > 0)).toBe(true);
  });

  it('refuses instances on two interfaces, and an interface without an address', () => {
    const two = conf(VI('eth0') + VI('eth1').replace('VI_1', 'VI_2').replace('51', '52'));
    expect(() => loadSpeakConfig(two, dir, undefined, itf)).toThrow(/interfaces eth0, eth1/);
    expect(() => loadSpeakConfig(conf(VI('eth0')), dir, undefined, { ...itf, primary: null, prefix: null })).toThrow(InputError);
  });
});

describe('live commands: bad input', () => {
  it('monitor: no such interface is one line, exit 2', async () => {
    const io = bufferIo();
    expect(await main(['monitor', '--interface', 'nosuch0', '--duration', '1s'], io)).toBe(2);
    expect(io.stderr()).toMatch(/^vrrplab: --interface: no such interface 'nosuch0'.*\n$/);
  });

  it('monitor: --format and --duration are checked', async () => {
    const io = bufferIo();
    expect(await main(['monitor', '--interface', 'lo', '--format', 'xml'], io)).toBe(2);
    expect(io.stderr()).toMatch(/--format: 'xml': expected text or json/);
    const io2 = bufferIo();
    expect(await main(['monitor', '--interface', 'lo', '--duration', 'soon'], io2)).toBe(2);
    expect(io2.stderr()).toMatch(/--duration: expected a duration/);
  });

  it('speak: a missing config file is one line, exit 2', async () => {
    const io = bufferIo(dir);
    expect(await main(['speak', '--interface', 'lo', '--config', 'missing.conf'], io)).toBe(2);
    expect(io.stderr().trim().split('\n')).toHaveLength(1);
    expect(io.stderr()).toMatch(/missing\.conf: cannot read keepalived configuration/);
  });

  it('an interface name that could escape /sys/class/net is refused', () => {
    expect(() => liveInterface('../x')).toThrow(/not an interface name/);
  });
});
