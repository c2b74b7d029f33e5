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
  return { rc, messages: output.split('\n').map((l) => l.replace(/^\([^)]*: Line \d+\) /, '').trim()).filter((l) => l !== '') };
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

const INSTANCE = (extra: string, prio = 100): string => `vrrp_instance VI_1 {
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
