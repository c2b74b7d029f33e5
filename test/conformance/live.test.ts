// Live mode against the real daemon: keepalived 2.2.7 (priority 100) and `vrrplab speak` in two
// namespaces on a bridge, `vrrplab monitor` in a third. speak (200) must win the election at
// Master_Down_Interval, keepalived must take over skew(100) after speak's priority-0 advert,
// a speak at 50 must yield, and a partition must show up in the monitor as split brain. The
// first two steps run dual stack: an IPv4 and a VRRPv3 IPv6 instance on one VRID (separate
// virtual routers, RFC 5798 §5.2.3), the IPv6 one sent from the link-local address to ff02::12.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { createTopology, destroyTopology, guardTeardown, heal, ipIn, partition, type Topology } from '../../src/netns/index.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';
import { loadRawSocket } from '../../src/live/raw.js';
import { masterDownInterval, skewTime } from '../../src/vrrp/core.js';

const S = 1_000_000;
const REPO = resolve(import.meta.dirname, '../..');

const missing = [
  ...(await missingPrerequisites(['root', 'ip', 'keepalived', 'nft'])).map(describePrerequisite),
  ...(await loadRawSocket().then(() => [], (e: Error) => [e.message])),
];
const onCi = process.env['CI'] === 'true';
if (missing.length > 0 && !onCi) console.warn(`SKIPPING live-mode tests: missing ${missing.join(', ')}`);

interface Line { readonly t: number; readonly text: string }

/** A process inside a namespace whose output lines are kept with their arrival time. */
interface Proc {
  readonly child: ChildProcess;
  readonly lines: Line[];
  readonly exited: Promise<number | null>;
  readonly waitFor: (re: RegExp, timeoutMs: number, from?: number) => Promise<Line>;
}

const nowMs = (): number => Number(process.hrtime.bigint() / 1_000_000n);

function startIn(ns: string, argv: readonly string[]): Proc {
  const child = spawn('ip', ['netns', 'exec', ns, ...argv], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Line[] = [];
  const waiters = new Set<() => void>();
  const add = (text: string): void => {
    lines.push({ t: nowMs(), text });
    for (const w of [...waiters]) w();
  };
  if (child.stdout) createInterface({ input: child.stdout }).on('line', add);
  if (child.stderr) createInterface({ input: child.stderr }).on('line', add);
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const waitFor = (re: RegExp, timeoutMs: number, from = 0): Promise<Line> => new Promise((res, rej) => {
    const check = (): boolean => {
      const hit = lines.slice(from).find((l) => re.test(l.text));
      if (hit === undefined) return false;
      waiters.delete(check0);
      clearTimeout(timer);
      res(hit);
      return true;
    };
    const check0 = (): void => { check(); };
    const timer = setTimeout(() => {
      waiters.delete(check0);
      rej(new Error(`timed out after ${timeoutMs} ms waiting for ${String(re)} from ${argv.join(' ')}; got:\n${lines.map((l) => l.text).join('\n')}`));
    }, timeoutMs);
    if (!check()) waiters.add(check0);
  });
  return { child, lines, exited, waitFor };
}

// A single node process, so SIGTERM reaches vrrplab itself (npx adds npm and sh, which do not
// pass it on).
const vrrplab = (args: readonly string[]): string[] => [process.execPath, '--import', 'tsx', 'src/cli/main.ts', ...args];

const conf = (priority: number, ipv6 = false): string => `vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority ${priority}
  advert_int 1
  virtual_ipaddress {
    192.0.2.101/32
  }
}
${ipv6 ? `vrrp_instance VI_6 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  version 3
  priority ${priority}
  advert_int 1
  virtual_ipaddress {
    2001:db8::101/128
  }
}
` : ''}`;

interface MonitorFinding { readonly t: number; readonly type: string; readonly family?: number; readonly src?: string; readonly to?: string; readonly sources?: readonly { src: string }[] }

function findings(p: Proc): MonitorFinding[] {
  return p.lines.flatMap((l) => {
    try {
      const j = JSON.parse(l.text) as MonitorFinding;
      return j.type !== 'start' && j.type !== 'vrid' ? [j] : [];
    } catch {
      return [];
    }
  });
}

async function vipsOn(ns: string): Promise<string[]> {
  const { stdout } = await ipIn(ns, ['-j', 'addr', 'show', 'dev', 'eth0']);
  const links = JSON.parse(stdout) as Array<{ addr_info: Array<{ local: string; prefixlen: number }> }>;
  return links.flatMap((l) => l.addr_info).filter((a) => a.prefixlen === (a.local.includes(':') ? 128 : 32)).map((a) => a.local);
}

/** Seconds since speak's own start, from its `+3.227s (VI_1) BACKUP -> MASTER` lines. */
const offsetOf = (l: Line): number => Number(/^\+(\d+\.\d+)s/.exec(l.text)?.[1] ?? NaN) * S;

describe.skipIf(missing.length > 0 && !onCi)('live mode against keepalived 2.2.7', () => {
  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing, `missing ${missing.join(', ')}`).toEqual([]);
  });

  it('speak wins, hands over with priority 0, yields to a higher priority; monitor sees it all and the split brain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-live-'));
    writeFileSync(join(dir, 'ka.conf'), conf(100, true));
    writeFileSync(join(dir, 'sp200.conf'), conf(200, true));
    writeFileSync(join(dir, 'sp50.conf'), conf(50));
    let topo: Topology | undefined;
    let unguard = (): void => undefined;
    const procs: Proc[] = [];
    const start = (ns: string, argv: readonly string[]): Proc => {
      const p = startIn(ns, argv);
      procs.push(p);
      return p;
    };
    try {
      topo = await createTopology({
        segments: ['lan'],
        nodes: [
          { name: 'ka', interfaces: [{ name: 'eth0', segment: 'lan', address: '192.0.2.21', prefix: 24, address6: '2001:db8::21', linkLocal: 'fe80::21' }] },
          { name: 'sp', interfaces: [{ name: 'eth0', segment: 'lan', address: '192.0.2.22', prefix: 24, address6: '2001:db8::22', linkLocal: 'fe80::22' }] },
          { name: 'mon', interfaces: [{ name: 'eth0', segment: 'lan', address: '192.0.2.23', prefix: 24, address6: '2001:db8::23', linkLocal: 'fe80::23' }] },
        ],
      });
      unguard = guardTeardown(topo.namespaces);
      const ns = (n: string): string => topo?.nodes.get(n)?.ns ?? '';

      const mon = start(ns('mon'), vrrplab(['monitor', '--interface', 'eth0', '--format', 'json']));
      await mon.waitFor(/"type":"start"/, 45_000);

      // 1. Election: speak 200 against keepalived 100, keepalived started right after speak.
      const sp = start(ns('sp'), vrrplab(['speak', '--interface', 'eth0', '--config', join(dir, 'sp200.conf'), '--manage-vips']));
      await sp.waitFor(/speaking VRRP on eth0/, 45_000);
      const ka = start(ns('ka'), ['keepalived', '--dont-fork', '--log-console', '--log-detail', '--no-syslog', '--vrrp', '--dont-respawn',
        '-f', join(dir, 'ka.conf'), '-p', join(dir, 'ka.pid'), '-r', join(dir, 'vrrp.pid'), '-c', join(dir, 'checkers.pid')]);
      await ka.waitFor(/Entering BACKUP STATE/, 10_000);
      const won = await sp.waitFor(/\(VI_1\) BACKUP -> MASTER/, 10_000);
      expect(Math.abs(offsetOf(won) - masterDownInterval(2, 200, S))).toBeLessThan(300_000);
      const won6 = await sp.waitFor(/\(VI_6\) BACKUP -> MASTER/, 10_000);
      expect(Math.abs(offsetOf(won6) - masterDownInterval(3, 200, S))).toBeLessThan(300_000);
      await mon.waitFor(/"type":"master","vrid":51,"family":4,.*"to":"192\.0\.2\.22"/, 3_000);
      await mon.waitFor(/"type":"master","vrid":51,"family":6,.*"to":"fe80::22"/, 3_000);
      await new Promise((r) => setTimeout(r, 1_500));
      // keepalived accepted speak's IPv6 adverts (header, hop limit, checksum): it never took over.
      expect(ka.lines.filter((l) => /Entering MASTER STATE/.test(l.text))).toEqual([]);
      expect(await vipsOn(ns('sp')), '--manage-vips adds the VIPs on MASTER').toEqual(['192.0.2.101', '2001:db8::101']);

      // 2. speak stops: its priority-0 advert lets keepalived take over after skew(100).
      sp.child.kill('SIGTERM');
      expect(await sp.exited).toBe(0);
      expect(await vipsOn(ns('sp')), 'and removes them on stop').toEqual([]);
      await ka.waitFor(/\(VI_1\) Entering MASTER STATE/, 5_000);
      await ka.waitFor(/\(VI_6\) Entering MASTER STATE/, 5_000);
      for (const [version, from, to] of [[2, '192.0.2.22', '192.0.2.21'], [3, 'fe80::22', 'fe80::21']] as const) {
        const taken = await mon.waitFor(new RegExp(`"type":"master".*"to":"${to.replace(/\./g, '\\.')}"`), 5_000);
        const resigned = findings(mon).find((f) => f.type === 'resignation' && f.src === from);
        expect(resigned, `monitor reports ${from}'s priority-0 resignation`).toBeDefined();
        // Monitor times are seconds; skewTime is µs.
        const takeover = ((JSON.parse(taken.text) as MonitorFinding).t - (resigned?.t ?? NaN)) * 1_000_000;
        expect(Math.abs(takeover - skewTime(version, 100, S))).toBeLessThan(200_000);
      }

      // 3. speak at priority 50 yields to keepalived's 100.
      const low = start(ns('sp'), vrrplab(['speak', '--interface', 'eth0', '--config', join(dir, 'sp50.conf')]));
      await low.waitFor(/INIT -> BACKUP/, 45_000);
      await new Promise((r) => setTimeout(r, 4_500));
      expect(low.lines.filter((l) => /-> MASTER/.test(l.text))).toEqual([]);

      // 4. A partition between the two routers (the monitor still hears both): split brain.
      const mark = mon.lines.length;
      await partition(topo, [['ka'], ['sp']]);
      const sb = await mon.waitFor(/"type":"split-brain"/, 10_000, mark);
      const srcs = ((JSON.parse(sb.text) as MonitorFinding).sources ?? []).map((s) => s.src);
      expect(srcs).toEqual(['192.0.2.21', '192.0.2.22']);
      await low.waitFor(/BACKUP -> MASTER/, 1_000);
      await heal(topo);

      low.child.kill('SIGTERM');
      ka.child.kill('SIGTERM');
      expect(await low.exited).toBe(0);
      await ka.exited;
      mon.child.kill('SIGINT');
      expect(await mon.exited, 'monitor exits 1 after seeing split brain').toBe(1);
      expect(mon.lines.some((l) => /"type":"vrid","vrid":51/.test(l.text))).toBe(true);
    } finally {
      for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      if (topo !== undefined) await destroyTopology(topo);
      unguard();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
