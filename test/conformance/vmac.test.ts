// use_vmac on real keepalived 2.2.7 in namespaces (veth + bridge, nftables partition), from a
// client's point of view: the facts the simulator's vmac model is built on, measured, and the
// simulator's prediction for the same world beside them.
// - keepalived makes a private-mode macvlan `vrrp.VRID` with MAC 00:00:5e:00:01:VRID (vrrp_vmac.c);
// - the VIP's first answer to a client leaves from the base interface, whose ARP request points
//   the client at the master's own MAC; the next GARP from the vmac points it back;
// - the bridge learns the virtual MAC from the master's adverts, and during a split brain flaps
//   between both masters' ports (it learns before the partition's forward filter drops);
// - after the heal, which advert crosses first decides. The winner's: the loser yields and a
//   client that kept talking through the split brain loses nothing. The loser's: the winner
//   advertises at once and GARPs (garp_lower_prio_repeat), the loser's kernel answers those GARPs
//   from the vmac while it still holds the VIP (keepalived sets accept_local on vmac interfaces),
//   the bridge learns the loser's port last, and the client's frames go to the loser, which has
//   yielded, until the winner's next advert: one advert interval lost (first seen as a flaky
//   failure of this test; captured with dumpcap on the bridge ports). The phase of the two
//   masters' adverts at the heal is not controlled, so the test reads from keepalived's log which
//   case it got and holds both the daemon and the simulator to that case's prediction.
//   (A client that first talks again during the heal window reaches the loser, whose first
//   reply repoints it at the loser's own MAC: stale, as without vmac. Seen while writing this
//   test; the simulator's leak rule predicts it too.)
// If this kernel cannot make a macvlan on a veth, the test says so and fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/load.js';
import { simulate } from '../../sim/simulate.js';
import type { TraceEvent } from '../../sim/trace.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';
import { createTopology, destroyTopology, heal, ipIn, nsExec, partition, run, type Topology } from '../../src/netns/index.js';

const missing = await missingPrerequisites(['root', 'ip', 'keepalived', 'nft']);
const why = missing.map(describePrerequisite).join(', ');
const skip = missing.length > 0 && process.env['CI'] !== 'true';
if (skip) console.warn(`SKIPPING the use_vmac conformance test: missing ${why}`);

const VIP = '192.0.2.102';
const VMAC = '00:00:5e:00:01:66';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const conf = (priority: number): string => `vrrp_instance VI_VMAC {
    state BACKUP
    interface eth0
    virtual_router_id 102
    priority ${priority}
    advert_int 1
    use_vmac
    virtual_ipaddress {
        ${VIP}/24
    }
}
`;

interface Observed {
  macvlan: Record<string, string>;
  baseMac: Record<string, string>;
  afterFirstReply: string;
  afterGarp: string;
  fdbBeforePartition: string[];
  fdbDuringSplitBrain: Set<string>;
  neighAtHeal: string;
  fdbAfterHeal: string[];
  pingsAfterHeal: { sent: number; received: number };
  /** Pings lost after the heal, with the earliest each can have been sent, in s after the heal. */
  lostAfterHeal: { seq: number; sentNoEarlierThan: number }[];
  /** Whose advert crossed first after the heal (from keepalived's log), and when (s after the heal). */
  firstAcross: { by: 'winner' | 'loser'; at: number } | null;
  /** What a failure needs to be understood: see diagnose(). */
  diagnosis: string;
}

async function neigh(topo: Topology): Promise<string> {
  const { stdout } = await ipIn(topo.nodes.get('client')!.ns, ['neigh', 'show', VIP]);
  return /lladdr (\S+)/.exec(stdout)?.[1] ?? '(none)';
}

/** Ports the bridge has learnt the virtual MAC on, as node names. */
async function fdb(topo: Topology): Promise<string[]> {
  const { stdout } = await run('bridge', ['-n', topo.switchNs, 'fdb', 'show', 'br', topo.bridges.get('lan')!]);
  const ports = stdout.split('\n').filter((l) => l.startsWith(VMAC)).map((l) => /dev (\S+)/.exec(l)?.[1]);
  return topo.ports.filter((p) => ports.includes(p.port)).map((p) => p.node);
}

async function ping(topo: Topology, args: string[]): Promise<{ sent: number; received: number }> {
  const r = await nsExec(topo.nodes.get('client')!.ns, 'ping', [...args, VIP]).catch((e: unknown) => ({ stdout: String((e as { stdout?: string }).stdout ?? e) }));
  const m = /(\d+) packets transmitted, (\d+) received/.exec(r.stdout);
  return { sent: Number(m?.[1] ?? 0), received: Number(m?.[2] ?? 0) };
}

/**
 * Of a `ping -D -O -i 0.1` transcript, the echo requests surely sent after `t` (s) and how many
 * of them were answered. A reply's -D stamp is its send time plus a sub-millisecond RTT; a lost
 * request has only its "no answer yet" line, printed when ping gets round to it (late on a loaded
 * host), so its send time is bounded instead: no earlier than the last answered request before it
 * plus 0.1 s per request between (ping never sends faster than -i). Requests in flight at `t` are
 * neither counted nor excused: the first one surely after `t` counts.
 */
function pingsSentAfter(transcript: string, t: number): { sent: number; received: number; lost: { seq: number; sentNoEarlierThan: number }[] } {
  const answered = new Map<number, number>();
  const unanswered = new Set<number>();
  for (const l of transcript.split('\n')) {
    const ts = Number(/^\[(\d+\.\d+)\]/.exec(l)?.[1] ?? NaN);
    const seq = Number(/icmp_seq=(\d+)/.exec(l)?.[1] ?? NaN);
    if (Number.isNaN(seq)) continue;
    if (/bytes from/.test(l)) answered.set(seq, ts);
    else if (/no answer yet/.test(l)) unanswered.add(seq);
  }
  const seqs = [...answered.keys()].sort((a, b) => a - b);
  let sent = 0, received = 0;
  const lost: { seq: number; sentNoEarlierThan: number }[] = [];
  for (const [, ts] of answered) if (ts >= t) { sent++; received++; }
  for (const seq of unanswered) {
    if (answered.has(seq)) continue;
    const before = seqs.filter((m) => m < seq).at(-1);
    const bound = before === undefined ? -Infinity : answered.get(before)! + 0.1 * (seq - before);
    if (bound >= t) { sent++; lost.push({ seq, sentNoEarlierThan: bound }); }
  }
  return { sent, received, lost };
}

/**
 * Whose advert crossed first after the heal, from the daemons' log lines (stamped as they
 * arrived): the winner logging a lower priority means the loser's; the loser logging a higher
 * priority without that, the winner's.
 */
function firstAcross(healStartedAt: number, healedAt: number, logs: readonly { at: number; line: string }[]): Observed['firstAcross'] {
  for (const l of logs) {
    if (l.at < healStartedAt) continue;
    if (/^lb-a: .*Received advert from 192\.0\.2\.2 with lower priority/.test(l.line)) return { by: 'loser', at: l.at - healedAt };
    if (/^lb-b: .*Master received advert from 192\.0\.2\.1 with higher priority/.test(l.line)) return { by: 'winner', at: l.at - healedAt };
  }
  return null;
}

/** What the bridge and both daemons did around the heal, and the ping transcript, for a failure message. */
function diagnose(healedAt: number, lost: readonly { seq: number; sentNoEarlierThan: number }[], fdbSamples: readonly string[], logs: readonly { at: number; line: string }[], transcript: string): string {
  const rel = (t: number): string => `${t >= healedAt ? '+' : ''}${(t - healedAt).toFixed(2)}s`;
  const stamped = transcript.split('\n').filter((l) => /^\[\d+\.\d+\]/.test(l)).map((l) => l.replace(/^\[(\d+\.\d+)\]/, (_m, t: string) => `[${rel(Number(t))}]`));
  return [
    `lost after the heal (seq: sent no earlier than): ${lost.map((x) => `${x.seq}: ${rel(x.sentNoEarlierThan)}`).join(', ')}`,
    `bridge entry for ${VMAC}: ${fdbSamples.join('; ')}`,
    'keepalived from 3 s before the heal:', ...logs.filter((l) => l.at >= healedAt - 3).map((l) => `  [${rel(l.at)}] ${l.line}`),
    'ping from 1 s before the heal:', ...stamped.filter((l) => Number(/^\[([-+]?\d+\.\d+)s\]/.exec(l)?.[1] ?? -99) >= -1).map((l) => `  ${l}`),
  ].join('\n');
}

async function observe(): Promise<Observed> {
  const topo = await createTopology({
    segments: ['lan'],
    nodes: [
      { name: 'lb-a', interfaces: [{ name: 'eth0', segment: 'lan', address: '192.0.2.1', prefix: 24 }] },
      { name: 'lb-b', interfaces: [{ name: 'eth0', segment: 'lan', address: '192.0.2.2', prefix: 24 }] },
      { name: 'client', interfaces: [{ name: 'eth0', segment: 'lan', address: '192.0.2.50', prefix: 24 }] },
    ],
  });
  const dir = await mkdtemp(join(tmpdir(), 'vrrplab-vmac-'));
  const children: ChildProcess[] = [];
  const logs: { at: number; line: string }[] = [];
  try {
    for (const [name, prio] of [['lb-a', 150], ['lb-b', 100]] as const) {
      const f = join(dir, `${name}.conf`);
      await writeFile(f, conf(prio));
      const ns = topo.nodes.get(name)!.ns;
      const child = spawn('ip', ['netns', 'exec', ns, 'keepalived', '--dont-fork', '--log-console', '--no-syslog', '--vrrp', '--dont-respawn',
        '-f', f, '-p', join(dir, `${name}.pid`), '-r', join(dir, `${name}.vrrp.pid`), '-c', join(dir, `${name}.chk.pid`)], { stdio: ['ignore', 'pipe', 'pipe'] });
      // Stamped as they arrive: keepalived's console lines carry no time of their own.
      for (const out of [child.stdout, child.stderr]) out.setEncoding('utf8').on('data', (d: string) => { for (const l of d.split('\n')) if (l !== '') logs.push({ at: Date.now() / 1000, line: `${name}: ${l}` }); });
      children.push(child);
    }
    await sleep(1500);
    const macvlan: Record<string, string> = {};
    const baseMac: Record<string, string> = {};
    for (const name of ['lb-a', 'lb-b']) {
      const ns = topo.nodes.get(name)!.ns;
      macvlan[name] = (await ipIn(ns, ['-d', '-o', 'link', 'show', 'vrrp.102']).catch(() => ({ stdout: '(no vrrp.102)' }))).stdout;
      baseMac[name] = /link\/ether (\S+)/.exec((await ipIn(ns, ['-o', 'link', 'show', 'eth0'])).stdout)?.[1] ?? '?';
    }
    // lb-a MASTER at ~3.41 s; its second GARP round 5 s later (garp_master_delay).
    await sleep(3000);
    await ping(topo, ['-c', '1', '-W', '1']);
    await sleep(200);
    const afterFirstReply = await neigh(topo);
    await sleep(5000);
    const afterGarp = await neigh(topo);
    const fdbBeforePartition = await fdb(topo);
    // A client that keeps talking through the split brain (as the scenario's does).
    const talking = nsExec(topo.nodes.get('client')!.ns, 'ping', ['-D', '-O', '-i', '0.1', '-W', '1', '-w', '18', VIP])
      .then((r) => r.stdout, (e: unknown) => String((e as { stdout?: string }).stdout ?? ''));
    await partition(topo, [['lb-a'], ['lb-b', 'client']]);
    // lb-b MASTER ~3.6 s later; wait past its second GARP round, sampling the bridge.
    await sleep(4500);
    const fdbDuringSplitBrain = new Set<string>();
    for (let k = 0; k < 30; k++) { for (const n of await fdb(topo)) fdbDuringSplitBrain.add(n); await sleep(100); }
    await sleep(3500);
    const neighAtHeal = await neigh(topo);
    // The heal can take effect before the call returns (the daemons have logged the exchange it
    // starts 10 ms before), so the log is read from its start and pings counted from its end.
    const healStartedAt = Date.now() / 1000;
    await heal(topo);
    const healedAt = Date.now() / 1000;
    // The bridge's entry sampled through the heal window (an advert interval and then some).
    const fdbSamples: string[] = [];
    for (let k = 0; k < 25; k++) { fdbSamples.push(`+${(Date.now() / 1000 - healedAt).toFixed(2)}s ${(await fdb(topo)).join(',') || '-'}`); await sleep(100); }
    const fdbAfterHeal = await fdb(topo);
    const transcript = await talking;
    const { lost, ...pingsAfterHeal } = pingsSentAfter(transcript, healedAt);
    const lostAfterHeal = lost.map((x) => ({ seq: x.seq, sentNoEarlierThan: x.sentNoEarlierThan - healedAt }));
    const diagnosis = diagnose(healedAt, lost, fdbSamples, logs, transcript);
    return { macvlan, baseMac, afterFirstReply, afterGarp, fdbBeforePartition, fdbDuringSplitBrain, neighAtHeal, fdbAfterHeal, pingsAfterHeal, lostAfterHeal, firstAcross: firstAcross(healStartedAt, healedAt, logs), diagnosis };
  } finally {
    for (const c of children) if (c.pid !== undefined) { try { process.kill(c.pid, 'SIGTERM'); } catch { /* gone */ } }
    await sleep(1500);
    await destroyTopology(topo);
    await rm(dir, { recursive: true, force: true });
  }
}

type Probe = Extract<TraceEvent, { type: 'probe' }>;

describe.skipIf(skip)('real keepalived: use_vmac, a client\'s view across a split brain', () => {
  let o: Observed;
  beforeAll(async () => {
    if (missing.length > 0) return;
    o = await observe();
  }, 90_000);

  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing, `missing ${why}`).toEqual([]);
  });

  it('keepalived makes a private macvlan vrrp.102 with 00:00:5e:00:01:66 on both nodes', () => {
    for (const name of ['lb-a', 'lb-b']) {
      const text = o.macvlan[name] ?? '';
      expect(text, `MACVLAN-BASED VMAC DOES NOT WORK ON THIS KERNEL (node ${name}): ${text}`).toMatch(/macvlan mode private/);
      expect(text).toContain(`link/ether ${VMAC}`);
    }
  });

  it('the master\'s first reply points the client at its own MAC; its next GARP at the virtual MAC', () => {
    expect(o.afterFirstReply).toBe(o.baseMac['lb-a']);
    expect(o.afterGarp).toBe(VMAC);
  });

  it('the bridge learns the virtual MAC from the master, and flaps between both masters in a split brain', () => {
    expect(o.fdbBeforePartition).toEqual(['lb-a']);
    expect([...o.fdbDuringSplitBrain].sort()).toEqual(['lb-a', 'lb-b']);
  });

  it('after the heal: nothing lost when the winner\'s advert crosses first, one advert interval when the loser\'s does, as the simulator predicts', () => {
    expect(o.neighAtHeal).toBe(VMAC);
    expect(o.fdbAfterHeal).toEqual(['lb-a']);
    expect(o.pingsAfterHeal.sent).toBeGreaterThan(20);
    const why = `${JSON.stringify(o.pingsAfterHeal)} first across: ${JSON.stringify(o.firstAcross)}\n${o.diagnosis}`;
    expect(o.firstAcross, why).not.toBeNull();
    const predicted = simulatedLossAfterHeal(o.firstAcross!.by);
    // Which case this run got (both must be seen passing over runs): in the output, not asserted.
    console.info(`vmac heal: the ${o.firstAcross!.by}'s advert crossed first (${o.firstAcross!.at >= 0 ? '+' : ''}${o.firstAcross!.at.toFixed(2)} s from the heal); ${o.lostAfterHeal.length} of ${o.pingsAfterHeal.sent} pings lost after the heal; simulated loss ${predicted.toFixed(2)} s`);
    if (o.firstAcross!.by === 'winner') {
      expect(predicted).toBe(0);
      expect(o.pingsAfterHeal.received, why).toBe(o.pingsAfterHeal.sent);
      return;
    }
    // The loser's advert first: pings are lost from that exchange until the winner's next
    // advert, one advert_int after the one it sent at once; nothing before or after. Unless the
    // loser's keepalived drops the VIP before the winner's GARPs reach its kernel: a race
    // between two daemons' scheduling that the simulator does not model (it takes the kernel's
    // side, which won 11 of the 12 runs that logged this case when this test was written), so
    // nothing lost is accepted too, and only a loss at another time or of another length fails.
    const sentAt = o.lostAfterHeal.map((x) => x.sentNoEarlierThan);
    if (sentAt.length === 0) return;
    expect(Math.min(...sentAt), why).toBeGreaterThanOrEqual(o.firstAcross!.at - 0.15);
    expect(Math.max(...sentAt), why).toBeLessThanOrEqual(o.firstAcross!.at + 1.15);
    const measured = Math.max(...sentAt) - Math.min(...sentAt) + 0.1;
    expect(Math.abs(measured - predicted), `${why}\nmeasured ${measured.toFixed(2)} s, simulated ${predicted.toFixed(2)} s`).toBeLessThanOrEqual(0.3);
  });

  it('the simulator predicts the same for scenarios/vmac-split-brain.yaml: flapping in the split brain, then the heal as above', () => {
    const { spec } = loadScenario(SCENARIO);
    const heal = spec.timeline.find((e) => e.fault.kind === 'heal')!.at;
    const probes = simulate(spec).trace.filter((e): e is Probe => e.type === 'probe' && e.probe === 'vmac-client');
    expect(probes.filter((e) => e.t < heal && !e.ok).map((e) => e.reason)).toContain('lb-a unreachable (partition)');
    expect(simulatedLossAfterHeal('winner')).toBe(0);
    expect(simulatedLossAfterHeal('loser')).toBeGreaterThan(0.7);
    expect(simulatedLossAfterHeal('loser')).toBeLessThan(1.2);
  });
});

const SCENARIO = join(import.meta.dirname, '..', '..', 'scenarios', 'vmac-split-brain.yaml');

/**
 * Seconds the scenario's vmac client loses to attempts sent after the heal, with the heal where
 * the scenario has it (30.3 s: lb-a's 30.414 s advert crosses first) or moved to 30.45 s (just
 * after it, with the client's frames already back on lb-a: lb-b's 31.024 s advert crosses
 * first): from the first failed attempt to the first success after it.
 */
function simulatedLossAfterHeal(first: 'winner' | 'loser'): number {
  const { spec } = loadScenario(SCENARIO);
  const healAt = first === 'winner' ? spec.timeline.find((e) => e.fault.kind === 'heal')!.at : 30_450_000;
  const timeline = spec.timeline.map((e) => (e.fault.kind === 'heal' ? { ...e, at: healAt } : e));
  // Like the ping here, an attempt every 0.1 s, none waiting for another: the client's timeout
  // set to its interval (the scenario's 300 ms makes it retry on a coarser grid).
  const probes = spec.probes.map((p) => (p.name === 'vmac-client' ? { ...p, timeout: p.interval } : p));
  const after = simulate({ ...spec, timeline, probes }).trace.filter((e): e is Probe => e.type === 'probe' && e.probe === 'vmac-client' && e.sent >= healAt);
  const down = after.find((e) => !e.ok);
  if (down === undefined) return 0;
  const back = after.find((e) => e.ok && e.sent > down.sent);
  return ((back?.sent ?? spec.until) - down.sent) / 1e6;
}
