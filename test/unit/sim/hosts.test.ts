// Hosts and faults against the real core: the timings keepalived 2.2.7 shows in the lab
// (keepalived-state-machine.md §2, §12, §13), reproduced to the microsecond.
import { describe, expect, it } from 'vitest';
import { applyFault, createSim, masters, runUntil, simulate, vipHolders } from '../../../sim/simulate.js';
import type { SimSpec, TimelineEvent } from '../../../sim/spec.js';
import type { TraceEvent } from '../../../sim/trace.js';
import { VRRP_SHUTDOWN_TIMER } from '../../../sim/host.js';
import { instance, node, probe, SEC, spec } from './fixtures.js';

type Ev<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;
const at = (t: number, fault: TimelineEvent['fault']): TimelineEvent => ({ at: t, fault });
const LAT = 100;

function of<T extends TraceEvent['type']>(trace: readonly TraceEvent[], type: T): Ev<T>[] {
  return trace.filter((e): e is Ev<T> => e.type === type);
}
function becameMaster(trace: readonly TraceEvent[], n: string): number[] {
  return of(trace, 'state').filter((e) => e.node === n && e.to === 'MASTER').map((e) => e.t);
}
function lastAdvertBefore(trace: readonly TraceEvent[], n: string, t: number): number {
  const ts = of(trace, 'advert').filter((e) => e.node === n && e.t < t).map((e) => e.t);
  return ts[ts.length - 1]!;
}

describe('hosts on the real core', () => {
  it('priority 200 is MASTER at exactly 3 s + skew(200) = 3 218 750 µs; priority 100 stays BACKUP', () => {
    const r = simulate(spec());
    expect(becameMaster(r.trace, 'b')).toEqual([3_218_750]);
    expect(becameMaster(r.trace, 'a')).toEqual([]);
  });

  it('a late starter waits its own full down timer from its start', () => {
    const r = simulate(spec({ timeline: [at(0, { kind: 'stop', node: 'b' }), at(2 * SEC, { kind: 'start', node: 'b' })] }));
    // a (100) wins first at 3 609 375; b starts at 2 s and preempts only on its own timer.
    expect(becameMaster(r.trace, 'a')).toEqual([3_609_375]);
    expect(becameMaster(r.trace, 'b')).toEqual([2 * SEC + 3_218_750]);
  });

  it('master crash: the backup takes over masterDownInterval after the last advert it got', () => {
    const r = simulate(spec({ traceAdverts: true, timeline: [at(6_500_000, { kind: 'crash', node: 'b' })] }));
    const last = lastAdvertBefore(r.trace, 'b', 6_500_000);
    expect(becameMaster(r.trace, 'a')).toEqual([last + LAT + 3_609_375]);
    expect(of(r.trace, 'vip').filter((e) => e.node === 'b').map((e) => [e.t, e.action])).toEqual([[3_218_750, 'add'], [6_500_000, 'remove']]);
  });

  it('master stop: priority-0 advert, the backup takes over skew(100) later', () => {
    const r = simulate(spec({ timeline: [at(6_500_000, { kind: 'stop', node: 'b' })] }));
    expect(becameMaster(r.trace, 'a')).toEqual([6_500_000 + LAT + 609_375]);
    expect(of(r.trace, 'state').find((e) => e.node === 'b' && e.to === 'STOP')?.t).toBe(6_500_000);
    expect(of(r.trace, 'vip').filter((e) => e.node === 'b').map((e) => [e.t, e.action])).toEqual([[3_218_750, 'add'], [6_500_000, 'remove']]);
  });

  it('restart: the backup takes over on the priority-0 advert, the fresh keepalived (started once the old one exited) preempts after its own down timer', () => {
    const r = simulate(spec({ until: 12 * SEC, timeline: [at(6_500_000, { kind: 'restart', node: 'b' })] }));
    expect(becameMaster(r.trace, 'a')).toEqual([6_500_000 + LAT + 609_375]);
    expect(becameMaster(r.trace, 'b')).toEqual([3_218_750, 6_500_000 + VRRP_SHUTDOWN_TIMER + 3_218_750]);
  });

  it('start after a crash boots the host: services back up, keepalived preempts after its down timer', () => {
    const r = simulate(spec({ until: 20 * SEC, timeline: [at(6_500_000, { kind: 'crash', node: 'b' }), at(6_600_000, { kind: 'service-down', node: 'b' }), at(12 * SEC, { kind: 'start', node: 'b' })], probes: [probe()] }));
    expect(becameMaster(r.trace, 'b')).toEqual([3_218_750, 12 * SEC + 3_218_750]);
    expect(of(r.trace, 'probe').slice(-1)[0]).toMatchObject({ ok: true, via: 'b' });
  });

  it('freeze: the backup takes over while the frozen master keeps its VIP; thaw resolves to one master', () => {
    const w = createSim(spec({ traceAdverts: true }));
    runUntil(w, 6_500_000);
    applyFault(w, { kind: 'freeze', node: 'b' });
    runUntil(w, 11 * SEC);
    expect(masters(w, 'VI_1').sort()).toEqual(['a', 'b']);
    expect(vipHolders(w).get('192.0.2.100')).toEqual(['a', 'b']);
    applyFault(w, { kind: 'thaw', node: 'b' });
    // b handles a's queued lower-priority adverts first and answers at once; a yields on arrival.
    runUntil(w, 11 * SEC + LAT);
    expect(masters(w, 'VI_1')).toEqual(['b']);
    expect(vipHolders(w).get('192.0.2.100')).toEqual(['b']);
  });

  it('frozen hosts queue at most a socket buffer of adverts', () => {
    const w = createSim(spec());
    runUntil(w, 2 * SEC);
    applyFault(w, { kind: 'freeze', node: 'a' });
    runUntil(w, 600 * SEC);
    expect(w.hosts.get('a')!.inbox.length).toBe(256);
  });

  it('link-down on the master: FAULT; its priority-0 adverts cannot leave, so the backup waits for silence', () => {
    const r = simulate(spec({ traceAdverts: true, timeline: [at(6_500_000, { kind: 'link-down', node: 'b' })] }));
    expect(of(r.trace, 'state').find((e) => e.node === 'b' && e.to === 'FAULT')?.t).toBe(6_500_000);
    const last = lastAdvertBefore(r.trace, 'b', 6_500_000);
    expect(becameMaster(r.trace, 'a')).toEqual([last + LAT + 3_609_375]);
  });

  it('set-priority reloads keepalived with the new base priority', () => {
    const r = simulate(spec({ until: 15 * SEC, timeline: [at(6 * SEC, { kind: 'set-priority', node: 'a', instance: 'VI_1', priority: 250 })] }));
    expect(becameMaster(r.trace, 'a').length).toBe(1);
    expect(becameMaster(r.trace, 'a')[0]).toBeGreaterThan(6 * SEC);
    expect(of(r.trace, 'state').filter((e) => e.node === 'b').map((e) => e.to).slice(-1)).toEqual(['BACKUP']);
  });

  // vrrp_daemon.c sigreload_vrrp(): on SIGHUP each MASTER first sends one advert with its
  // pre-reload priority; the backup restarts its down timer from it.
  it('set-priority lowering a MASTER: the backup takes over MDI after the pre-reload advert', () => {
    const r = simulate(spec({ until: 15 * SEC, traceAdverts: true, timeline: [at(6_500_000, { kind: 'set-priority', node: 'b', instance: 'VI_1', priority: 50 })] }));
    const reloadAdverts = of(r.trace, 'advert').filter((e) => e.node === 'b' && e.t === 6_500_000).map((e) => e.priority);
    expect(reloadAdverts).toEqual([200, 50]);
    expect(becameMaster(r.trace, 'a')).toEqual([6_500_000 + LAT + 3_609_375]);
  });

  it('a tcp check against a local service that goes down applies the script weight', () => {
    const chk = { name: 'chk_web', script: '</dev/tcp/192.0.2.2/80', interval: SEC, timeout: SEC, rise: 1, fall: 1, weight: -150, reverse: false, initFail: false };
    const b = node({
      name: 'b', address: '192.0.2.2', priority: 200,
      instance: { track: [{ kind: 'script', name: 'chk_web', weight: -150, reverse: false }] },
      router: { instances: [instance({ srcAddr: '192.0.2.2', priority: 200, track: [{ kind: 'script', name: 'chk_web', weight: -150, reverse: false }] })], scripts: [chk], syncGroups: [] },
      node: { scripts: new Map([['chk_web', { kind: 'tcp', host: '192.0.2.2', port: 80 }]]) },
    });
    const s: SimSpec = spec({ until: 15 * SEC, nodes: [node({ name: 'a', address: '192.0.2.1', priority: 100 }), b], timeline: [at(6_500_000, { kind: 'service-down', node: 'b', service: 'web' })] });
    const r = simulate(s);
    const scripts = of(r.trace, 'script').filter((e) => e.node === 'b');
    expect(scripts.map((e) => e.ok)).toEqual([true, false]);
    expect(scripts[1]!.t).toBeGreaterThan(6_500_000);
    expect(of(r.trace, 'priority').filter((e) => e.node === 'b').map((e) => [e.from, e.to])).toEqual([[200, 50]]);
    expect(becameMaster(r.trace, 'a').length).toBe(1);
  });

  it('a tcp check to an address across a partition fails at the script timeout', () => {
    const chk = { name: 'chk_peer', script: 'curl 192.0.2.1', interval: 2 * SEC, timeout: 1_500_000, rise: 1, fall: 1, weight: -150, reverse: false, initFail: false };
    const track = [{ kind: 'script', name: 'chk_peer', weight: -150, reverse: false }] as const;
    const b = node({
      name: 'b', address: '192.0.2.2', priority: 200,
      router: { instances: [instance({ srcAddr: '192.0.2.2', priority: 200, track })], scripts: [chk], syncGroups: [] },
      node: { scripts: new Map([['chk_peer', { kind: 'tcp', host: '192.0.2.1', port: 80 }]]) },
    });
    const r = simulate(spec({ nodes: [node({ name: 'a', address: '192.0.2.1' }), b], timeline: [at(SEC, { kind: 'partition', groups: [['a'], ['b']] })] }));
    const s = of(r.trace, 'script');
    // First run at 0 succeeds after scriptRuntime; the run at 2 s finds no path and times out.
    expect(s.map((e) => [e.t, e.ok])).toEqual([[10_000, true], [2 * SEC + 1_500_000, false]]);
  });
});

describe('clients', () => {
  it('a probe is ok via the master, fails when it dies, recovers via the new master after its GARP', () => {
    const r = simulate(spec({ until: 12 * SEC, probes: [probe()], timeline: [at(6 * SEC, { kind: 'crash', node: 'b' })] }));
    const p = of(r.trace, 'probe').map((e) => [e.ok, e.via]);
    expect(p).toEqual([[false, null], [true, 'b'], [false, null], [true, 'a']]);
    const aMaster = becameMaster(r.trace, 'a')[0]!;
    const back = of(r.trace, 'probe')[3]!.t;
    expect(back).toBeGreaterThan(aMaster);
    expect(back).toBeLessThan(aMaster + 2 * SEC);
  });

  function splitBrain(lowerPrioRepeat: number, higherPrioSendAdvert: boolean): SimSpec {
    const garp = { ...instance().garp, lowerPrioRepeat };
    return spec({
      until: 40 * SEC,
      nodes: [
        node({ name: 'a', address: '192.0.2.1', priority: 100, instance: { garp, higherPrioSendAdvert } }),
        node({ name: 'b', address: '192.0.2.2', priority: 200, instance: { garp, higherPrioSendAdvert } }),
      ],
      probes: [probe()],
      timeline: [at(5 * SEC, { kind: 'partition', groups: [['b'], ['a', 'client']] }), at(15 * SEC, { kind: 'heal' })],
    });
  }

  it('stale ARP after a split brain heals is an outage until the client re-resolves (keepalived #166)', () => {
    // b's advert reaches a first, so b never hears a lower priority and never re-GARPs.
    const r = simulate(splitBrain(5, false));
    const after = of(r.trace, 'probe').filter((e) => e.t > 15 * SEC);
    expect(after[0]).toMatchObject({ ok: false, via: null, reason: 'stale ARP: a does not hold 192.0.2.100' });
    const back = after.find((e) => e.ok)!;
    expect(back.via).toBe('b');
    // The outage lasts at least the connect timeout plus delay_first_probe.
    expect(back.t - after[0]!.t).toBeGreaterThanOrEqual(5 * SEC);
  });

  it('with higher_prio_send_advert + garp_lower_prio_repeat the surviving master re-GARPs and the client follows', () => {
    const r = simulate(splitBrain(5, true));
    const after = of(r.trace, 'probe').filter((e) => e.t > 15 * SEC);
    expect(after.some((e) => e.reason.startsWith('stale ARP'))).toBe(false);
    expect(after[after.length - 1]).toMatchObject({ ok: true, via: 'b' });
  });

  it('a service down on the master is connection refused, not an ARP problem', () => {
    const r = simulate(spec({ probes: [probe()], timeline: [at(6 * SEC, { kind: 'service-down', node: 'b', port: 80 })] }));
    const last = of(r.trace, 'probe').slice(-1)[0]!;
    expect(last).toMatchObject({ ok: false, via: 'b', reason: 'connection refused by b' });
  });
});
