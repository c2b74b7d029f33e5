// Four IPv6 rules of the core, taken from keepalived's source, against real keepalived 2.2.7 in
// one run of the conformance harness (test/fixtures/ipv6-rules/wire.yaml: two nodes with
// link-local fe80::9 and fe80::10, half-second VRRPv3 adverts, a partition and its heal) while
// dumpcap records what each node's switch port carries. The states are compared with the
// simulator's run of the same files, and the wire with the simulator's adverts and the model's
// hop limits: the link-local tie-break, unicast from the link-local address with
// check_unicast_src, wrong-cast adverts dropped without moving the master's advert grid, and the
// unicast hop limit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/load.js';
import { simulate } from '../../sim/simulate.js';
import type { TraceEvent } from '../../sim/trace.js';
import { checkConformance, type ConformanceResult } from '../../src/conformance/conformance.js';
import { formatComparisonText } from '../../src/conformance/compare-text.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';
import type { OriginalConf } from '../../src/conformance/run.js';
import { destroyNamespaces, newRunPrefix, run } from '../../src/netns/index.js';
import { bridgePortName, nodeNamespace, switchNamespace } from '../../src/netns/names.js';
import { decodeIpv6Packet } from '../../src/vrrp/codec-ipv6.js';
import { captureVrrp, readPcap, type WireCapture } from '../support/wire-capture.js';
import { find, show, transitions } from '../support/real-trace.js';

const FILE = join(import.meta.dirname, '..', 'fixtures', 'ipv6-rules', 'wire.yaml');
const missing = (await missingPrerequisites(['root', 'ip', 'keepalived', 'nft'])).map(describePrerequisite);
const onCi = process.env['CI'] === 'true';
const skip = missing.length > 0 && !onCi;
if (skip) console.warn(`SKIPPING the IPv6 rules against real keepalived: missing ${missing.join(', ')}`);

const [A, B] = ['lb-a', 'lb-b'];
const ADV = 500_000;
/** Capture timestamps of one sender's adverts are the kernel's: a few ms of scheduling at most. */
const WIRE_TOL = 25_000;
const HEAL = 2_050_000;

interface WireAdvert { readonly t: number; readonly vrid: number; readonly src: string; readonly dst: string; readonly hopLimit: number }
type SimAdvert = Extract<TraceEvent, { type: 'advert' }>;

async function waitForLink(ns: string, dev: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await run('ip', ['-n', ns, 'link', 'show', dev]).then(() => true, () => false)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${dev} never appeared in ${ns}`);
}

function adverts(file: string): WireAdvert[] {
  return readPcap(file).flatMap(({ t, ip }) => {
    const r = decodeIpv6Packet(ip, { requireHopLimit255: false });
    if (!r.ok) throw new Error(`undecodable advert on the wire: ${r.reason}: ${r.detail}`);
    return [{ t, vrid: r.value.advert.vrid, src: r.value.ip.src, dst: r.value.ip.dst, hopLimit: r.value.ip.hopLimit }];
  });
}

const gaps = (ts: readonly number[]): number[] => ts.slice(1).map((t, i) => t - ts[i]!);

describe.skipIf(skip)('IPv6 rules against real keepalived 2.2.7: tie-break, link-local unicast, wrong cast, hop limit', () => {
  let c: ConformanceResult;
  /** Per node: the adverts its switch port carried (both directions). */
  const wire = new Map<string, WireAdvert[]>();
  let sim: SimAdvert[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'vrrplab-ipv6-rules-'));
  const loaded = loadScenario(FILE);
  const ownAddrs = (node: string): string[] => {
    const itf = loaded.spec.nodes.find((n) => n.name === node)!.interfaces[0]!;
    return [itf.linkLocal!, itf.address6!];
  };
  const sent = (node: string, vrid: number): WireAdvert[] => (wire.get(node) ?? []).filter((a) => a.vrid === vrid && ownAddrs(node).includes(a.src));
  const simSent = (node: string, instance: string): SimAdvert[] => sim.filter((e) => e.node === node && e.instance === instance);

  beforeAll(async () => {
    if (missing.length > 0) return;
    const originals = new Map<string, OriginalConf>([...loaded.sources].map(([node, s]) => [node, { text: s.text, shell: 'dash' }]));
    const prefix = newRunPrefix();
    const sw = switchNamespace(prefix);
    const ports = [A, B].map((node, i) => ({ node, port: bridgePortName(i, 0), file: join(dir, `${node}.pcap`) }));
    // keepalived's first adverts come 1.7 s after it starts, dumpcap is up well before that.
    const captures: Promise<WireCapture[]> = Promise.all(ports.map(async (p) => {
      await waitForLink(sw, p.port);
      const cap = captureVrrp(sw, p.port, p.file);
      await cap.ready;
      return cap;
    }));
    let namespaces: readonly string[] = [];
    try {
      c = await checkConformance(loaded.spec, (s) => simulate({ ...s, traceAdverts: true }), { prefix, keep: true, originals });
      namespaces = c.real.namespaces;
      for (const cap of await captures) await cap.stop();
    } finally {
      await destroyNamespaces(namespaces.length > 0 ? namespaces : [sw, nodeNamespace(prefix, 0), nodeNamespace(prefix, 1)]);
      rmSync(c?.real.workDir ?? dir, { recursive: true, force: true });
    }
    for (const p of ports) wire.set(p.node, adverts(p.file));
    sim = c.simulated.filter((e): e is SimAdvert => e.type === 'advert');
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing).toEqual([]);
  });

  it('agrees with the simulator, transition for transition', () => {
    const text = formatComparisonText(c.comparison);
    expect(c.comparison.verdict, text).toBe('agree');
    // 7 inits, 7 timeouts to MASTER, fe80::9 yielding VI_TIE at the heal.
    expect(c.comparison.matched, text).toBe(15);
  });

  it('breaks the equal-priority tie for fe80::10 over fe80::9: the 128-bit number, not the text', () => {
    const tie = (n: string) => transitions(c.real, n).filter((e) => e.instance === 'VI_TIE');
    const yielded = find(tie(A), 'BACKUP', HEAL);
    expect(yielded.from).toBe('MASTER');
    expect(yielded.t - HEAL, show(c.real)).toBeLessThanOrEqual(ADV + 50_000);
    expect(tie(B).map((e) => e.to)).toEqual(['BACKUP', 'MASTER']);
  });

  it('sends unicast from the link-local address without unicast_src_ip, and check_unicast_src rejects it', () => {
    for (const [node, peer] of [[A, B], [B, A]] as const) {
      const own = sent(node, 72);
      expect(own.length, node).toBeGreaterThanOrEqual(4);
      const predicted = simSent(node, 'VI_LL')[0]!;
      expect(new Set(own.map((a) => `${a.src} > ${a.dst}`))).toEqual(new Set([`${predicted.src} > ${predicted.dst}`]));
      expect(predicted.src).toBe(ownAddrs(node)[0]);
      expect(predicted.dst).toBe(ownAddrs(peer)[1]);
      // The peer stayed MASTER though these adverts reached it after the heal (below).
      expect(transitions(c.real, peer).filter((e) => e.instance === 'VI_LL').map((e) => e.to)).toEqual(['BACKUP', 'MASTER']);
    }
    const heard = (wire.get(A) ?? []).filter((a) => a.vrid === 72 && a.src === 'fe80::10');
    expect(heard.length, 'lb-b\'s VI_LL adverts crossed to lb-a after the heal').toBeGreaterThanOrEqual(2);
  });

  it('drops wrong-cast adverts without moving either master\'s advert grid', () => {
    const a = sent(A, 73);
    const b = sent(B, 73);
    expect(a.every((x) => x.dst === '2001:db8::10') && b.every((x) => x.dst === 'ff02::12')).toBe(true);
    // Each side's adverts reached the other after the heal: the rule was exercised.
    const lastA = a[a.length - 1]!.t;
    expect((wire.get(A) ?? []).filter((x) => x.vrid === 73 && x.src === 'fe80::10' && x.t > lastA - 1_500_000).length).toBeGreaterThanOrEqual(2);
    expect((wire.get(B) ?? []).filter((x) => x.vrid === 73 && x.src === '2001:db8::9' && x.t > lastA - 1_500_000).length).toBeGreaterThanOrEqual(2);
    for (const [node, mine] of [[A, a], [B, b]] as const) {
      const predicted = gaps(simSent(node, 'VI_CAST').map((e) => e.t));
      // Unicast adverts sent in the partition waited for neighbour resolution and left together at
      // the heal, the last of them when resolution completed, which is off the grid (seen once:
      // 470 ms, then 500 ms gaps at advert_int 0.5): the grid is what keepalived sent after it.
      const all = mine.map((x) => x.t);
      const burstEnd = all.reduce((last, t, i) => (i > 0 && t - all[i - 1]! < 50_000 ? i : last), 0);
      const real = gaps(all.slice(burstEnd + 1));
      expect(predicted.every((g) => g === ADV)).toBe(true);
      expect(real.length, node).toBeGreaterThanOrEqual(3);
      for (const g of real) expect(Math.abs(g - ADV), `${node}: ${real.join(', ')}`).toBeLessThanOrEqual(WIRE_TOL);
    }
  });

  it('sends IPv6 unicast with hop limit 64, or unicast_ttl when set; multicast with 255', () => {
    const hop = (node: string, instance: string): number => loaded.spec.nodes.find((n) => n.name === node)!.router!.instances.find((i) => i.name === instance)!.unicastTtl;
    expect(new Set(sent(A, 72).map((x) => x.hopLimit))).toEqual(new Set([hop(A, 'VI_LL')]));
    expect(hop(A, 'VI_LL')).toBe(64);
    expect(new Set(sent(A, 74).map((x) => x.hopLimit))).toEqual(new Set([hop(A, 'VI_TTL')]));
    expect(hop(A, 'VI_TTL')).toBe(10);
    expect(new Set(sent(B, 73).map((x) => x.hopLimit))).toEqual(new Set([255]));
  });
});
