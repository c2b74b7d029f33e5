// `vrrplab speak` over IPv6 sends the unsolicited neighbour advertisements keepalived 2.2.7 sends
// on becoming MASTER (vrrp_ndisc.c ndisc_send_unsolicited_na_immediate()): keepalived and speak,
// each the only router of its own VRID in two namespaces of the harness, with
// garp_master_repeat 2 and garp_master_delay 1. A capture in keepalived's namespace sees both
// nodes' NAs: keepalived's must be exactly what our encoder builds for its MAC, speak's exactly
// what it builds for speak's, and both must come in the same rounds (2 at MASTER, 2 a second later).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTopology, destroyTopology, guardTeardown, ipIn, type Topology } from '../../src/netns/index.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';
import { loadRawSocket } from '../../src/live/raw.js';
import { encodeUnsolicitedNa } from '../../src/live/ndisc.js';
import { formatIpv6 } from '../../src/vrrp/ipv6.js';
import { macBytes } from '../../src/vrrp/pcap.js';
import { toHex } from '../../src/vrrp/codec.js';
import { exited, readPcap } from '../support/wire-capture.js';

const REPO = resolve(import.meta.dirname, '../..');
const missing = [
  ...(await missingPrerequisites(['root', 'ip', 'keepalived'])).map(describePrerequisite),
  ...(await loadRawSocket().then(() => [], (e: Error) => [e.message])),
];
const onCi = process.env['CI'] === 'true';
if (missing.length > 0 && !onCi) console.warn(`SKIPPING speak's neighbour advertisements against keepalived: missing ${missing.join(', ')}`);

const conf = (vrid: number, vip: string): string => `vrrp_instance VI_6 {
  state BACKUP
  interface eth0
  virtual_router_id ${vrid}
  priority 100
  advert_int 0.5
  garp_master_repeat 2
  garp_master_delay 1
  virtual_ipaddress {
    ${vip}/128
  }
}
`;
const KA_VIP = '2001:db8::181';
const SP_VIP = '2001:db8::182';

interface Na { readonly t: number; readonly target: string; readonly ip: Uint8Array }

function spawnIn(ns: string, argv: readonly string[], out: string[]): ChildProcess {
  const child = spawn('ip', ['netns', 'exec', ns, ...argv], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => out.push(d.toString()));
  return child;
}

/** Bursts of NAs: a new one starts after 100 ms of silence; the count and start of each. */
function rounds(nas: readonly Na[]): { t: number; n: number }[] {
  const out: { t: number; n: number }[] = [];
  let last = -Infinity;
  for (const na of nas) {
    if (na.t - last > 100_000) out.push({ t: na.t, n: 0 });
    out[out.length - 1]!.n++;
    last = na.t;
  }
  return out;
}

describe.skipIf(missing.length > 0 && !onCi)('speak over IPv6: unsolicited neighbour advertisements as keepalived sends them', () => {
  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing).toEqual([]);
  });

  it('sends keepalived\'s NA (override flag, target = VIP, to ff02::1, hop limit 255) in keepalived\'s rounds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-speak-na-'));
    let topo: Topology | undefined;
    let unguard = (): void => undefined;
    const procs: ChildProcess[] = [];
    const output: string[] = [];
    try {
      topo = await createTopology({
        segments: ['lan'],
        nodes: [
          { name: 'ka', interfaces: [{ name: 'eth0', segment: 'lan', prefix: 64, address6: '2001:db8::31', linkLocal: 'fe80::31' }] },
          { name: 'sp', interfaces: [{ name: 'eth0', segment: 'lan', prefix: 64, address6: '2001:db8::32', linkLocal: 'fe80::32' }] },
        ],
      });
      unguard = guardTeardown(topo.namespaces);
      const ns = (n: string): string => topo?.nodes.get(n)?.ns ?? '';
      const macOf = async (n: string): Promise<Uint8Array> => macBytes((await ipIn(ns(n), ['-j', 'link', 'show', 'eth0']).then((r) => JSON.parse(r.stdout) as Array<{ address: string }>))[0]!.address);
      writeFileSync(join(dir, 'ka.conf'), conf(81, KA_VIP));
      writeFileSync(join(dir, 'sp.conf'), conf(82, SP_VIP));

      const cap = join(dir, 'na.pcap');
      const dumpcap = spawnIn(ns('ka'), ['dumpcap', '-i', 'eth0', '-f', 'icmp6 and ip6[40] == 136', '-P', '-w', cap], output);
      procs.push(dumpcap);
      await new Promise<void>((res, rej) => {
        const timer = setInterval(() => { if (output.join('').includes('Capturing on')) { clearInterval(timer); res(); } }, 20);
        dumpcap.once('exit', () => { clearInterval(timer); rej(new Error(`dumpcap ended: ${output.join('')}`)); });
      });
      const sp = spawnIn(ns('sp'), [process.execPath, '--import', 'tsx', 'src/cli/main.ts', 'speak', '--interface', 'eth0', '--config', join(dir, 'sp.conf'), '--manage-vips'], output);
      procs.push(sp);
      const ka = spawnIn(ns('ka'), ['keepalived', '-n', '-l', '-P', '-f', join(dir, 'ka.conf'), '-p', join(dir, 'k.pid'), '-r', join(dir, 'v.pid'), '-c', join(dir, 'c.pid')], []);
      procs.push(ka);
      // speak takes a few seconds to start under tsx; both are MASTER 1.8 s after starting and
      // send their second round a second later.
      const deadline = Date.now() + 40_000;
      while (!/BACKUP -> MASTER/.test(output.join('')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1_600));
      for (const p of [sp, ka, dumpcap]) { p.kill('SIGTERM'); await exited(p); }

      const nas: Na[] = readPcap(cap).map(({ t, ip }) => ({ t, ip, target: formatIpv6(ip, 48) }));
      const [kaMac, spMac] = [await macOf('ka'), await macOf('sp')];
      const of = (vip: string): Na[] => nas.filter((n) => n.target === vip);
      const ours = of(SP_VIP);
      const theirs = of(KA_VIP);
      expect(theirs.length, output.join('')).toBeGreaterThan(0);
      expect(ours.length, output.join('')).toBeGreaterThan(0);
      for (const n of theirs) expect(toHex(n.ip)).toBe(toHex(encodeUnsolicitedNa({ target: KA_VIP, mac: kaMac, router: false })));
      for (const n of ours) expect(toHex(n.ip)).toBe(toHex(encodeUnsolicitedNa({ target: SP_VIP, mac: spMac, router: false })));
      const [kr, sr] = [rounds(theirs), rounds(ours)];
      expect(sr.map((r) => r.n), JSON.stringify({ kr, sr })).toEqual(kr.map((r) => r.n));
      expect(kr.map((r) => r.n)).toEqual([2, 2]);
      const gap = (rs: { t: number }[]): number => rs[1]!.t - rs[0]!.t;
      expect(Math.abs(gap(sr) - gap(kr)), JSON.stringify({ kr, sr })).toBeLessThanOrEqual(50_000);
    } finally {
      for (const p of procs) if (p.exitCode === null && p.signalCode === null) { p.kill('SIGKILL'); await exited(p); }
      if (topo !== undefined) await destroyTopology(topo);
      unguard();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
