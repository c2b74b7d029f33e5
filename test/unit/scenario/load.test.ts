import { describe, expect, it } from 'vitest';
import { InputError, formatInputError } from '../../../src/cli/errors.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';

const conf = (prio: number, state = 'BACKUP'): string => `
      vrrp_instance VI_1 {
        state ${state}
        interface eth0
        virtual_router_id 51
        priority ${prio}
        advert_int 1
        virtual_ipaddress {
          192.0.2.101
        }
      }`;

const base = `name: t
duration: 30s
nodes:
  - name: n1
    address: 192.0.2.1
    keepalived: |${conf(200)}
  - name: n2
    address: 192.0.2.2
    keepalived: |${conf(100)}
`;

/** Line of the first timeline entry's fault key when `base` is followed by `timeline:\n  - at: ...`. */
const L = base.split("\n").length + 2;

function errorOf(text: string, files: Record<string, string> = {}): string {
  try {
    loadScenarioText(text, 's.yaml', { readFile: (p) => {
      const k = Object.keys(files).find((f) => p.endsWith(f));
      if (k === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return files[k] as string;
    } });
  } catch (e) {
    if (e instanceof InputError) return formatInputError(e);
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('loadScenarioText', () => {
  it('builds a SimSpec with both routers, default segment and times in µs', () => {
    const s = loadScenarioText(`${base}timeline:\n  - at: 10s\n    crash: n1\nexpect:\n  - at: 5s\n    master: { instance: VI_1, node: n1 }\n`, 's.yaml');
    expect(s.spec.until).toBe(30_000_000);
    expect(s.spec.segments.map((x) => x.name)).toEqual(['lan']);
    expect(s.spec.nodes.map((n) => n.router?.instances[0]?.priority)).toEqual([200, 100]);
    expect(s.spec.nodes[0]?.router?.instances[0]?.srcAddr).toBe('192.0.2.1');
    expect(s.spec.timeline).toEqual([{ at: 10_000_000, fault: { kind: 'crash', node: 'n1' } }]);
    expect(s.expectations[0]).toMatchObject({ kind: 'master', at: 5_000_000, instance: 'VI_1', nodes: ['n1'] });
  });

  it('sorts the timeline by time, keeping file order for equal times', () => {
    const s = loadScenarioText(`${base}timeline:\n  - at: 20s\n    heal: null\n  - at: 5s\n    partition: [[n1], [n2]]\n  - at: 5s\n    block-multicast: lan\n`, 's.yaml');
    expect(s.spec.timeline.map((e) => e.fault.kind)).toEqual(['partition', 'block-multicast', 'heal']);
  });

  it('points at a YAML syntax error', () => {
    expect(errorOf('name: t\nduration: [1\n')).toMatch(/^s\.yaml:\d+:\d+: invalid YAML/);
  });

  it('names the line and column of an unknown key', () => {
    expect(errorOf(`${base}colour: blue\n`)).toMatch(new RegExp(`^s\\.yaml:${base.split('\n').length}:1: unknown key 'colour'`));
    expect(errorOf(base.replace('    address: 192.0.2.2\n', '    address: 192.0.2.2\n    adress: 192.0.2.9\n'))).toMatch(/^s\.yaml:\d+:5: nodes\.1: unknown key 'adress'/);
  });

  it('names the line of a bad duration', () => {
    expect(errorOf(base.replace('duration: 30s', 'duration: 30 seconds'))).toBe("s.yaml:2:11: duration: expected a duration like 10s, 1.5s, 250ms or 2m");
  });

  it('names an unknown fault and lists the known ones', () => {
    const e = errorOf(`${base}timeline:\n  - at: 10s\n    explode: n1\n`);
    expect(e).toMatch(new RegExp(`^s\\.yaml:${L}:5: timeline\\[0\\]: unknown fault 'explode', expected one of crash, stop, `));
  });

  it('names an unknown node in a fault', () => {
    expect(errorOf(`${base}timeline:\n  - at: 10s\n    crash: n9\n`)).toMatch(new RegExp(`^s\\.yaml:${L}:12: unknown node 'n9', expected one of n1, n2`));
  });

  it('rejects a run of no time at all', () => {
    expect(errorOf(base.replace('duration: 30s', 'duration: 0s'))).toBe('s.yaml:2:11: duration: expected a duration longer than 0');
  });

  it('rejects a duration finer than a microsecond with a position, not an internal error', () => {
    expect(errorOf(base.replace('duration: 30s', 'duration: 3.4140625s'))).toBe("s.yaml:2:11: duration: duration '3.4140625s' is finer than a microsecond");
  });

  it('explains the accepted forms of a malformed partition', () => {
    expect(errorOf(`${base}timeline:\n  - at: 10s\n    partition: n1\n`)).toMatch(new RegExp(`^s\\.yaml:${L}:16: timeline\\[0\\]\\.partition: expected \\[\\[a\\], \\[b, c\\]\\]`));
  });

  it('moves a keepalived.conf error inside an inline block onto the scenario line', () => {
    const bad = base.replace('192.0.2.101', 'lots');
    const e = errorOf(bad);
    expect(e).toMatch(/^s\.yaml:\d+:\d+: /);
    const line = Number(/^s\.yaml:(\d+):/.exec(e)?.[1]);
    expect(bad.split('\n')[line - 1]).toContain('lots');
  });

  it('reports a missing keepalived.conf file with the scenario position', () => {
    expect(errorOf(base.replace(/keepalived: \|[\s\S]*?- name: n2/, 'keepalived: ./n1.conf\n  - name: n2'))).toMatch(/^s\.yaml:6:17: cannot read keepalived configuration '\.\/n1\.conf'/);
  });

  it('reads keepalived.conf files relative to the scenario', () => {
    const s = loadScenarioText(base.replace(/keepalived: \|[\s\S]*?- name: n2/, 'keepalived: ./n1.conf\n  - name: n2'), 'dir/s.yaml', { readFile: (p) => {
      if (p.endsWith('dir/n1.conf')) return conf(150);
      throw new Error(p);
    } });
    expect(s.spec.nodes[0]?.router?.instances[0]?.priority).toBe(150);
  });

  it('rejects a script it cannot interpret, saying how to bind it', () => {
    const withScript = base.replace('      vrrp_instance VI_1 {\n        state BACKUP', '      vrrp_script chk {\n        script "/usr/local/bin/check.sh"\n      }\n      vrrp_instance VI_1 {\n        track_script {\n          chk\n        }\n        state BACKUP');
    expect(errorOf(withScript)).toMatch(/vrrp_script chk runs '\/usr\/local\/bin\/check\.sh'.*bind it under the node's scripts/);
  });

  it('accepts a script bound in the scenario', () => {
    const withScript = base
      .replace('      vrrp_instance VI_1 {\n        state BACKUP', '      vrrp_script chk {\n        script "/usr/local/bin/check.sh"\n      }\n      vrrp_instance VI_1 {\n        track_script {\n          chk\n        }\n        state BACKUP')
      .replace('  - name: n1\n    address: 192.0.2.1\n', '  - name: n1\n    address: 192.0.2.1\n    services: [{ name: web, port: 80 }]\n    scripts: { chk: { service: web } }\n');
    const s = loadScenarioText(withScript, 's.yaml');
    expect(s.spec.nodes[0]?.scripts).toEqual(new Map([['chk', { kind: 'service', service: 'web' }]]));
  });

  it('expands an ipfailover command into per-node keepalived on the selected nodes', () => {
    const text = `name: ipf
duration: 30s
nodes:
  - { name: a, address: 192.0.2.1, labels: { ha-router: primary }, services: [{ name: router, port: 80, process: haproxy }] }
  - { name: b, address: 192.0.2.2, labels: { ha-router: primary }, services: [{ name: router, port: 80, process: haproxy }] }
  - { name: c, address: 192.0.2.3 }
ipfailover:
  command: oadm ipfailover ipf --replicas=2 --watch-port=80 --selector="ha-router=primary" --virtual-ips="192.0.2.101-102"
  random: 5
`;
    const s = loadScenarioText(text, 's.yaml');
    expect(s.spec.nodes.map((n) => n.router?.instances.map((i) => i.vrid) ?? null)).toEqual([[1, 2], [1, 2], null]);
    expect(s.spec.nodes[0]?.scripts.get('chk_ipf')).toEqual({ kind: 'tcp', host: '192.0.2.1', port: 80 });
    expect(s.spec.nodes[1]?.router?.instances.map((i) => i.priority)).toEqual([253, 3]);
  });
});

describe('the invariants expectation', () => {
  it('holds on a healthy pair and fails, naming the invariant, on a VRRPv2 advert_int mismatch', async () => {
    const { runLoaded } = await import('../../../sim/scenario/run.js');
    const ok = runLoaded(loadScenarioText(`${base}expect:\n  - invariants: {}\n`, 's.yaml'));
    expect(ok.verdicts.map((v) => v.ok)).toEqual([true]);
    const broken = base.replace('advert_int 1\n', 'advert_int 2\n');
    expect(broken).not.toBe(base);
    const bad = runLoaded(loadScenarioText(`${broken}expect:\n  - invariants: { only: [oneMasterAfterHeal] }\n`, 's.yaml'));
    expect(bad.verdicts[0]?.ok).toBe(false);
    expect(bad.verdicts[0]?.detail).toMatch(/^oneMasterAfterHeal: /);
  });
});

// Scenario files with IPv6: addresses in any text form come out RFC 5952, link-local addresses
// are declared or derived, and mistakes are one file:line:col line.
const conf6 = `
      vrrp_instance VI_6 {
        interface eth0
        virtual_router_id 61
        priority 100
        virtual_ipaddress {
          2001:DB8:0::101/64
        }
      }`;

const scenario6 = (node2: string, probe: string): string => `name: t
duration: 10s
nodes:
  - name: n1
    address6: 2001:DB8::0001
    linkLocal: FE80::A
    keepalived: |${conf6}
  - name: n2
${node2}
    keepalived: |${conf6}
probes:
  - ${probe}
`;

describe('IPv6 in scenario files', () => {
  it('canonical addresses; a link-local address declared, or derived from address6, or from the IPv4 address', () => {
    const s = loadScenarioText(scenario6('    address: 192.0.2.2', '{ name: c, target: 2001:db8::0101, port: 80 }'), 's.yaml').spec;
    expect(s.nodes[0]?.interfaces[0]).toMatchObject({ address6: '2001:db8::1', linkLocal: 'fe80::a' });
    expect(s.nodes[1]?.interfaces[0]).toMatchObject({ address: '192.0.2.2', linkLocal: 'fe80::c000:202' });
    expect(s.nodes[0]?.router?.instances[0]).toMatchObject({ family: 6, srcAddr: 'fe80::a', vips: ['2001:db8::101'] });
    // The client gets an address in the /64 of the segment's first IPv6 address.
    expect(s.probes[0]).toMatchObject({ target: '2001:db8::101', address: '2001:db8::fa' });
  });

  it('a client whose address and target are of different families is refused', () => {
    expect(errorOf(scenario6('    address6: 2001:db8::2', '{ name: c, target: 2001:db8::101, port: 80, address: 192.0.2.9 }')))
      .toMatch(/^s\.yaml:\d+:\d+: probe 'c': address 192\.0\.2\.9 and target 2001:db8::101 are of different families, expected an IPv6 address$/);
  });

  it('a link-local address outside fe80::/10 is refused with what is expected', () => {
    expect(errorOf(scenario6('    address6: 2001:db8::2\n    linkLocal: 2001:db8::99', '{ name: c, target: 2001:db8::101, port: 80 }')))
      .toMatch(/^s\.yaml:\d+:\d+: .*expected a link-local IPv6 address \(fe80::\/10\)/);
  });

  it('the same address twice (here a declared link-local address) is refused', () => {
    expect(errorOf(scenario6('    address6: 2001:db8::2\n    linkLocal: fe80::a', '{ name: c, target: 2001:db8::101, port: 80 }')))
      .toMatch(/^s\.yaml:\d+:\d+: address fe80::a is used twice$/);
  });
});

describe('IPv6 client simplifications are warned at the probe', () => {
  it('names the single ReachableTime draw and the single multicast solicitation round', async () => {
    const { loadScenario } = await import('../../../sim/scenario/load.js');
    const s = loadScenario('scenarios/ipv6-partition-heal.yaml');
    const w = s.warnings.filter((x) => x.message.includes('mcast_solicit (3)'));
    expect(w.length).toBeGreaterThan(0);
    expect(w[0]!.message).toContain('neigh_periodic_work()');
    expect(w[0]!.message).toContain('neigh_timer_handler()');
    expect(w[0]!.pos?.line).toBeGreaterThan(80);
  });
});
