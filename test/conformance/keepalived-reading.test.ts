// keepalived 2.2.7 itself, in a network namespace of our own, against what vrrplab predicts for
// the host facts and the reading rules of issue 13: a missing interface makes the VRRP process
// exit; '</dev/tcp' runs through /bin/sh (dash: exit 2 forever; bash: a port check); the text
// is read without single-quote quoting and in 1023-byte pieces; `keepalived -t`'s words.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { KEEPALIVED, keepalivedConfigTest, keepalivedMissing, realKeepalivedSuite, suiteNamespace } from '../support/keepalived-ns.js';
import { parseKeepalivedConf } from '../../src/keepalived/parse.js';
import { buildRouterConfig } from '../../src/model/build.js';
import { loadScenarioText } from '../../sim/scenario/load.js';
import { runLoaded } from '../../sim/scenario/run.js';

const NS = `vrrplab-read-${process.pid}`;

function missing(): string | undefined {
  const base = keepalivedMissing();
  if (base !== undefined) return base;
  try { execFileSync('unshare', ['--version'], { stdio: 'pipe' }); } catch { return 'unshare (util-linux) is not installed'; }
  return undefined;
}

const why = missing();
const suite = realKeepalivedSuite(why, 'keepalived reading conformance tests');

/** `keepalived -t` messages without their "(file: Line N) " prefix. */
async function configTest(file: string): Promise<{ rc: number; messages: string[] }> {
  const { rc, output } = await keepalivedConfigTest(NS, file);
  return { rc, messages: output.split('\n').map((l) => l.replace(/^\((?:[^)]*: )?Line \d+\) /, '').trim()).filter((l) => l !== '') };
}

/**
 * Runs keepalived's VRRP process for up to `ms` in the namespace (under bash as /bin/sh when
 * asked, by a bind mount in a private mount namespace), or until its log matches `until`, and
 * returns its log.
 */
function runKeepalived(dir: string, conf: string, ms: number, shell: 'dash' | 'bash', until?: RegExp): Promise<string> {
  const file = join(dir, `k-${shell}.conf`);
  writeFileSync(file, conf);
  const pids = ['-p', join(dir, 'k.pid'), '-r', join(dir, 'v.pid'), '-c', join(dir, 'c.pid')];
  const cmd = ['ip', 'netns', 'exec', NS, KEEPALIVED, '--dont-fork', '--log-console', '-P', '-f', file, ...pids];
  const script = `${shell === 'bash' ? 'mount --bind /bin/bash /bin/sh && ' : ''}exec ${cmd.map((c) => `'${c}'`).join(' ')}`;
  const child = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const take = (d: Buffer): void => {
    log += d.toString();
    if (until?.test(log) === true) child.kill('SIGTERM');
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGTERM'), ms);
    child.on('exit', () => { clearTimeout(timer); resolve(log); });
  });
}

const INSTANCE = (extra: string, prio: number | string = 100): string => `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority ${prio}
    advert_int 1
${extra}
    virtual_ipaddress {
        192.0.2.100/24
    }
}
`;

const scenarioFor = (conf: string, shell: 'dash' | 'bash', interfaces = '[{ name: eth0, address: 192.0.2.1 }]'): string =>
  `name: t\nduration: 10s\nnodes:\n  - name: a\n    interfaces: ${interfaces}\n    shell: ${shell}\n    services: [{ name: web, port: 80 }]\n    keepalived: |\n${conf.split('\n').map((l) => `      ${l}`).join('\n')}\n`;

suite('keepalived 2.2.7 reads configurations and hosts as vrrplab predicts', () => {
  const scratch = suiteNamespace(NS, [{ name: 'eth0', addresses: ['192.0.2.1/24'] }], why);

  it('a track_interface the host lacks: keepalived\'s VRRP process exits, and vrrplab runs no VRRP on the node', async () => {
    const conf = INSTANCE('    track_interface {\n        eth2\n    }');
    // keepalived exits by itself; the limit only bounds a failure.
    const real = await runKeepalived(scratch.dir(), conf, 20_000, 'dash');
    expect(real).toContain('(VI_1) tracked interface eth2 doesn\'t exist');
    expect(real).toContain('Non-existent interface specified in configuration');
    expect(real).toMatch(/exited with permanent error CONFIG/);
    expect(real).not.toContain('Entering MASTER STATE');
    const s = loadScenarioText(scenarioFor(conf, 'dash'), 't.yaml');
    expect(s.spec.nodes[0]?.router).toBeNull();
    expect(s.warnings.map((w) => w.message)).toContain("(VI_1) tracked interface eth2 doesn't exist");
    expect(runLoaded(s).result.trace.some((e) => e.type === 'vip')).toBe(false);
  }, 60_000);

  // Interfaces named in blocks vrrplab keeps verbatim: keepalived's own words for each, then its
  // VRRP process exits, and vrrplab's builder says the same words and runs no VRRP.
  const VERBATIM: [string, string][] = [
    ['virtual_routes dev', INSTANCE('    virtual_routes {\n        198.51.100.0/24 via 192.0.2.254 dev eth1\n    }')],
    ['virtual_rules iif', INSTANCE('    virtual_rules {\n        from 198.51.100.0/24 table 100 iif eth1\n    }')],
    ['static_routes oif', `static_routes {\n    198.51.100.0/24 oif eth1\n}\n${INSTANCE('')}`],
    ['static_rules dev', `static_rules {\n    from 198.51.100.1 table 7 dev eth1\n}\n${INSTANCE('')}`],
    ['static_ipaddress dev', `static_ipaddress {\n    198.51.100.1/24 dev eth1\n}\n${INSTANCE('')}`],
    ['garp_group interfaces', `garp_group {\n    garp_interval 1\n    interfaces {\n        eth0\n        eth1\n    }\n}\n${INSTANCE('')}`],
    ['default_interface missing, static address without dev', `global_defs {\n    default_interface eth9\n}\nstatic_ipaddress {\n    198.51.100.1/24\n}\n${INSTANCE('')}`],
  ];
  for (const [what, conf] of VERBATIM) {
    it(`${what} naming an interface the host lacks: keepalived's words, its VRRP process exits, and so does vrrplab's`, async () => {
      const real = await runKeepalived(scratch.dir(), conf, 8000, 'dash');
      expect(real).toContain('Non-existent interface specified in configuration');
      expect(real).toMatch(/exited with permanent error CONFIG/);
      expect(real).not.toContain('Entering MASTER STATE');
      const parsed = parseKeepalivedConf(conf, 'k.conf');
      const built = buildRouterConfig({ name: 'a', interfaces: [{ name: 'eth0', address: '192.0.2.1', prefix: 24 }], keepalived: parsed.config }, parsed.positions);
      expect(built.vrrpExits).toBe(true);
      const ours = built.warnings.filter((w) => w.severity === 'error' && !w.message.startsWith('Non-existent')).map((w) => w.message);
      expect(ours.length).toBeGreaterThan(0);
      for (const m of ours) expect(real).toContain(m);
    }, 30_000);
  }

  it('default_interface the host has: a static address without dev goes there and VRRP runs', async () => {
    const conf = `global_defs {\n    default_interface eth0\n}\nstatic_ipaddress {\n    198.51.100.1/24\n}\n${INSTANCE('    state MASTER')}`;
    const real = await runKeepalived(scratch.dir(), conf, 2000, 'dash');
    expect(real).not.toContain('Non-existent interface');
    expect(real).toContain('(VI_1) Entering BACKUP STATE (init)');
    expect(real).not.toContain('exited with permanent error');
    const parsed = parseKeepalivedConf(conf, 'k.conf');
    expect(buildRouterConfig({ name: 'a', interfaces: [{ name: 'eth0', address: '192.0.2.1', prefix: 24 }], keepalived: parsed.config }, parsed.positions).vrrpExits).toBe(false);
  }, 30_000);

  for (const shell of ['dash', 'bash'] as const) {
    it(`script "</dev/tcp/127.0.0.1/80" with /bin/sh = ${shell} and a listener on :80`, async () => {
      const listener = spawn('ip', ['netns', 'exec', NS, process.execPath, '-e', "require('net').createServer((c)=>c.end()).listen(80,'127.0.0.1')"], { stdio: 'ignore' });
      try {
        await new Promise((r) => setTimeout(r, 500));
        const conf = `vrrp_script chk_http_port {\n    script "</dev/tcp/127.0.0.1/80"\n    interval 1\n}\n${INSTANCE('    track_script {\n        chk_http_port\n    }')}`;
        // dash: a window in which nothing may happen; bash: done once MASTER is reached.
        const real = shell === 'dash'
          ? await runKeepalived(scratch.dir(), conf, 7000, shell)
          : await runKeepalived(scratch.dir(), conf, 20_000, shell, /Entering MASTER STATE/);
        const s = loadScenarioText(scenarioFor(conf, shell), 't.yaml');
        const predicted = runLoaded(s).result.trace.filter((e) => e.type === 'state').map((e) => (e as { to: string }).to);
        if (shell === 'dash') {
          // keepalived waits for the first result and never leaves FAULT: no BACKUP, no MASTER.
          expect(real).toContain('Script `chk_http_port` now returning 2');
          expect(real).not.toContain('Entering BACKUP STATE');
          expect(real).not.toContain('Entering MASTER STATE');
          expect(predicted).toEqual(['FAULT']);
        } else {
          expect(real).toContain('VRRP_Script(chk_http_port) succeeded');
          expect(real).toMatch(/Entering BACKUP STATE[\s\S]*Entering MASTER STATE/);
          expect(predicted.slice(-2)).toEqual(['BACKUP', 'MASTER']);
        }
      } finally {
        listener.kill('SIGTERM');
      }
    }, 60_000);
  }

  // What `keepalived -t` says, vrrplab's check says in the same words (interface messages aside:
  // the namespace has only eth0).
  const TEXT: [string, string][] = [
    ['single-quoted state', INSTANCE("    state 'MASTER'")],
    ['state SLAVE', INSTANCE('    state SLAVE')],
    ['lowercase state master', INSTANCE('    state master')],
    ['a 1100-byte line', INSTANCE(`${' '.repeat(1019)}priority 150 ${' '.repeat(60)}`)],
    ['VIP prefix /99', INSTANCE('').replace('192.0.2.100/24', '192.0.2.100/99')],
    ['garp_master_delay -5', INSTANCE('    garp_master_delay -5')],
    // numbers keepalived cannot read (lib/parser.c readers, the handlers' own words)
    ["single-quoted priority", INSTANCE('', "'150'")],
    ['advert_int abc', INSTANCE('    advert_int abc')],
    ['version 4, unicast_ttl -1', INSTANCE('    version 4\n    unicast_ttl -1')],
    ['vrrp_script rise x, weight 300x', `global_defs {\n    enable_script_security\n    script_user root\n}\nvrrp_script chk {\n    script /bin/true\n    rise -1\n    weight 300x\n}\n${INSTANCE('    track_script {\n        chk\n    }')}`],
    ['global vrrp_version 9, vrrp_garp_master_repeat -1', `global_defs {\n    vrrp_version 9\n    vrrp_garp_master_repeat -1\n}\n${INSTANCE('')}`],
  ];
  for (const [what, conf] of TEXT) {
    it(`${what}: every keepalived -t message is one of vrrplab's`, async () => {
      const file = join(scratch.dir(), `${what.replace(/\W+/g, '_')}.conf`);
      writeFileSync(file, conf);
      const real = await configTest(file);
      expect(real.rc).not.toBe(0);
      expect(real.messages.length).toBeGreaterThan(0);
      const ours = parseKeepalivedConf(conf, file).warnings.map((w) => w.message);
      for (const m of real.messages) expect(ours).toContain(m);
    }, 30_000);
  }

  it('numbers out of range that the builder reports: every keepalived -t message is one of vrrplab\'s', async () => {
    const conf = `global_defs {
    enable_script_security
    script_user root
    vrrp_down_timer_adverts 0
}
vrrp_script chk {
    script /bin/true
    rise 0
    fall 0
    weight 300
    interval 0
    timeout 0
}
${INSTANCE(`    advert_int 300
    down_timer_adverts 500
    preempt_delay 2000
    unicast_ttl 300
    garp_master_repeat 0
    track_script {
        chk weight 300
    }
    track_interface {
        eth1 weight 300
    }`, 0)}${INSTANCE('').replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 300')}`;
    const file = join(scratch.dir(), 'ranges.conf');
    writeFileSync(file, conf);
    const real = await configTest(file);
    expect(real.rc).not.toBe(0);
    const parsed = parseKeepalivedConf(conf, file);
    const built = buildRouterConfig({ name: 'a', interfaces: [{ name: 'eth0', address: '192.0.2.1', prefix: 24 }], keepalived: parsed.config }, parsed.positions);
    const ours = [...parsed.warnings, ...built.warnings].map((w) => w.message);
    expect(real.messages.length).toBeGreaterThan(20);
    // vrrplab adds the consequence after keepalived's "Non-existent interface ..." words.
    for (const m of real.messages) expect(ours.find((o) => o === m || o.startsWith(`${m}; `)), m).toBeDefined();
  }, 30_000);

  it("priority '150' is not a number to keepalived: it advertises the default 100, as vrrplab predicts", async () => {
    // garp_master_refresh x: read_unsigned_func() with ignore_error takes strtoul's 0 when the
    // daemon runs, though `keepalived -t` refuses it; vrrplab says which.
    const conf = INSTANCE('    state MASTER\n    garp_master_refresh x', "'150'");
    // The adverts on the wire, taken from the namespace's side of the veth while keepalived runs.
    const capture = spawn('ip', ['netns', 'exec', NS, 'tshark', '-i', 'eth0', '-c', '2', '-a', 'duration:8', '-f', 'ip proto 112', '-T', 'fields', '-e', 'vrrp.prio'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    capture.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    const captured = new Promise<void>((r) => capture.on('exit', () => r()));
    await new Promise((r) => setTimeout(r, 1500));
    const real = await runKeepalived(scratch.dir(), conf, 4000, 'dash');
    await captured;
    expect(real).toContain('(VI_1) Priority not valid! must be between 1 & 255. Using default 100');
    expect(real).toContain("WARNING - invalid number 'x'");
    expect(real).not.toContain('Invalid garp_master_refresh');
    // The last advert may be the priority 0 one keepalived sends when it stops.
    const prios = out.trim().split('\n').filter((p) => p !== '0');
    expect(prios.length).toBeGreaterThan(0);
    expect(new Set(prios)).toEqual(new Set(['100']));
    const s = loadScenarioText(scenarioFor(conf, 'dash'), 't.yaml');
    expect(s.spec.nodes[0]?.router?.instances[0]?.priority).toBe(100);
    expect(s.warnings.map((w) => w.message)).toContain("invalid number ''150''");
    expect(s.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^vrrplab: keepalived -t refuses 'x' .*the running daemon reads it as 0/));
    expect(s.spec.nodes[0]?.router?.instances[0]?.garp.masterRefresh).toBe(0);
  }, 30_000);

  it('an escape that takes the closing quote (notify_backup "\\c"): keepalived -t is silent, and so is vrrplab', async () => {
    const conf = INSTANCE('    notify_backup "\\c"');
    const file = join(scratch.dir(), 'escape-quote.conf');
    writeFileSync(file, conf);
    const real = await configTest(file);
    expect(real).toEqual({ rc: 0, messages: [] });
    expect(parseKeepalivedConf(conf, file).warnings.filter((w) => w.severity === 'error')).toEqual([]);
  }, 30_000);

  it('a quoted "$X" line is a keyword, a $Y= line a definition: keepalived names only the first unknown, and vrrplab keeps only it', async () => {
    const conf = `"$X"\n$Y=1\n${INSTANCE('')}`;
    const file = join(scratch.dir(), 'dollar.conf');
    writeFileSync(file, conf);
    const real = await configTest(file);
    expect([...new Set(real.messages.map((m) => m.replace(/^\(Line \d+\) /, '')))]).toEqual(["Unknown keyword '$X'"]);
    expect(parseKeepalivedConf(conf, file).config.unknown.map((u) => u.words)).toEqual([['"$X"']]);
  }, 30_000);
});
