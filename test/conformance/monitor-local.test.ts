// Issue 13 point 7 and issue 14 item 14: `vrrplab monitor` run on a keepalived node sees that
// node's own adverts (a packet socket sees outgoing frames), and joins no multicast group (the
// interface's membership list gains no 224.0.0.18 or ff02::12, so the kernel sends no IGMP or
// MLD report for it). keepalived runs a dual-stack pair on one VRID: an IPv4 instance and a
// VRRPv3 IPv6 one (from the link-local source), which the monitor keeps apart (RFC 5798 §5.2.3).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTopology, destroyTopology, guardTeardown, ipIn, type Topology } from '../../src/netns/index.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';

const REPO = resolve(import.meta.dirname, '../..');
const missing = (await missingPrerequisites(['root', 'ip', 'keepalived'])).map(describePrerequisite);
const onCi = process.env['CI'] === 'true';
if (missing.length > 0 && !onCi) console.warn(`SKIPPING monitor-local tests: missing ${missing.join(', ')}`);

function startIn(ns: string, argv: readonly string[]): { child: ChildProcess; out: () => string; exited: Promise<number | null> } {
  const child = spawn('ip', ['netns', 'exec', ns, ...argv], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => { out += b.toString('utf8'); });
  child.stderr?.on('data', (b: Buffer) => { out += b.toString('utf8'); });
  return { child, out: () => out, exited: new Promise((res) => child.once('exit', (c) => res(c))) };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(missing.length > 0 && !onCi)('monitor on the keepalived node itself', () => {
  it('has its prerequisites (fails on CI when missing)', () => { expect(missing).toEqual([]); });

  it('sees the local MASTER\'s adverts and joins no multicast group', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-monlocal-'));
    writeFileSync(join(dir, 'ka.conf'), 'vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 61\n  priority 150\n  advert_int 1\n  virtual_ipaddress {\n    192.0.2.161/32\n  }\n}\n'
      + 'vrrp_instance VI_6 {\n  state MASTER\n  interface eth0\n  virtual_router_id 61\n  version 3\n  priority 150\n  advert_int 1\n  virtual_ipaddress {\n    2001:db8::161/128\n  }\n}\n');
    let topo: Topology | undefined;
    let unguard = (): void => undefined;
    const procs: ChildProcess[] = [];
    try {
      topo = await createTopology({ segments: ['lan'], nodes: [
        { name: 'ka', interfaces: [{ name: 'eth0', segment: 'lan', address: '192.0.2.61', prefix: 24, address6: '2001:db8::61', linkLocal: 'fe80::61' }] },
        { name: 'quiet', interfaces: [{ name: 'eth0', segment: 'lan', address: '192.0.2.62', prefix: 24, address6: '2001:db8::62', linkLocal: 'fe80::62' }] },
      ] }, { staleSweep: false });
      unguard = guardTeardown(topo.namespaces);
      const ka = topo.nodes.get('ka')?.ns ?? '';
      const quiet = topo.nodes.get('quiet')?.ns ?? '';
      const k = startIn(ka, ['keepalived', '--dont-fork', '--log-console', '--no-syslog', '--vrrp', '--dont-respawn',
        '-f', join(dir, 'ka.conf'), '-p', join(dir, 'ka.pid'), '-r', join(dir, 'vrrp.pid'), '-c', join(dir, 'checkers.pid')]);
      procs.push(k.child);
      const vrrplab = (args: string[]): string[] => [process.execPath, '--import', 'tsx', 'src/cli/main.ts', ...args];
      const local = startIn(ka, vrrplab(['monitor', '--interface', 'eth0', '--duration', '8s', '--format', 'json']));
      const alone = startIn(quiet, vrrplab(['monitor', '--interface', 'eth0', '--duration', '8s']));
      procs.push(local.child, alone.child);
      await sleep(4000);
      // While the monitor runs in `quiet` (no keepalived there), eth0 has joined no VRRP group.
      const { stdout } = await ipIn(quiet, ['maddr', 'show', 'dev', 'eth0']);
      expect(stdout).not.toContain('224.0.0.18');
      expect(stdout).not.toContain('ff02::12');
      await local.exited;
      await alone.exited;
      expect(local.out()).toMatch(/"type":"master","vrid":61,"family":4,.*"to":"192\.0\.2\.61"/);
      expect(local.out()).toMatch(/"type":"master","vrid":61,"family":6,.*"to":"fe80::61"/);
      expect(local.out()).not.toMatch(/collision|split-brain/);
      expect(alone.out()).toMatch(/VRID 61: master 192\.0\.2\.61/);
      expect(alone.out()).toMatch(/VRID 61 \(IPv6\): master fe80::61/);
      expect(alone.out()).not.toMatch(/COLLISION|SPLIT BRAIN/);
    } finally {
      for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
      if (topo !== undefined) await destroyTopology(topo);
      unguard();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
