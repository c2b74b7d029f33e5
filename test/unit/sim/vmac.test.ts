// use_vmac on the wire: the VIP answers with the virtual MAC, the switches learn which port it
// is on from the frames it leaves in (adverts unless vmac_xmit_base, GARPs, ARP replies), and
// clients' frames follow the last sender. Against the real core.
import { describe, expect, it } from 'vitest';
import { createSim, runUntil, simulate } from '../../../sim/simulate.js';
import type { TimelineEvent } from '../../../sim/spec.js';
import type { TraceEvent } from '../../../sim/trace.js';
import type { VmacConfig } from '../../../src/vrrp/types.js';
import { node, probe, SEC, spec } from './fixtures.js';

type Probe = Extract<TraceEvent, { type: 'probe' }>;
const at = (t: number, fault: TimelineEvent['fault']): TimelineEvent => ({ at: t, fault });
const VMAC: VmacConfig = { ifname: 'vrrp.51', mac: '00:00:5e:00:01:33', xmitBase: false };

function pair(vmac: VmacConfig | undefined, timeline: TimelineEvent[], until = 30 * SEC, client = probe()) {
  const extra = vmac === undefined ? {} : { vmac };
  return simulate(spec({
    until,
    nodes: [
      node({ name: 'a', address: '192.0.2.1', priority: 100, instance: extra }),
      node({ name: 'b', address: '192.0.2.2', priority: 200, instance: extra }),
    ],
    probes: [client],
    timeline,
  }));
}

const probes = (trace: readonly TraceEvent[]): Probe[] => trace.filter((e): e is Probe => e.type === 'probe');
const failuresAfter = (trace: readonly TraceEvent[], t: number): Probe[] => probes(trace).filter((e) => e.t > t && !e.ok);

// b (200) is MASTER at 3.21875 s, adverts at 3.21875 + k s. The partition puts the client with a,
// which takes over at 7.828225 s (its GARPs reach the client). The heal comes before a's next
// advert, so b's 15.21875 s advert makes a yield at 15.21885 s and b never hears a lower
// priority (which would make it GARP: garp_lower_prio_repeat).
const HEAL = 15_100_000;
const YIELD = 15_218_850;
const splitBrain = [at(5 * SEC, { kind: 'partition', groups: [['b'], ['a', 'client']] }), at(HEAL, { kind: 'heal' })];

describe('use_vmac in the simulator', () => {
  it('without vmac the client keeps the loser\'s MAC after the heal: stale ARP until re-resolution', () => {
    const f = failuresAfter(pair(undefined, splitBrain).trace, YIELD);
    expect(f.map((e) => e.reason)).toEqual(['stale ARP: a does not hold 192.0.2.100']);
  });

  it('with vmac the winner\'s first advert after the heal moves the client\'s frames: no outage', () => {
    const r = pair(VMAC, splitBrain);
    expect(failuresAfter(r.trace, HEAL)).toEqual([]);
    const last = probes(r.trace).at(-1);
    expect(last).toMatchObject({ ok: true, via: 'b' });
    expect(last?.t).toBeLessThan(YIELD + 200_000);
  });

  it('with vmac, a heal that the loser\'s advert crosses first costs an advert interval: the winner\'s GARPs are answered from the loser\'s vmac', () => {
    // Healed after a's 14.828225 s advert: a's 15.828225 s advert is the first across. b (200)
    // hears a lower priority: it advertises at once and GARPs (garp_lower_prio_repeat); a still
    // holds the VIP when the GARPs arrive and its kernel answers them from the vmac (accept_local
    // on keepalived's vmac interfaces), so the switch learns a's port last. a yields on b's
    // advert, and the client's frames go to a, which no longer holds the VIP, until b's next
    // advert (16.828225 s, one advert_int after the one it sent at once) teaches the switch again.
    // A client with a 300 ms timeout, back on b at the heal (b's 15.21875 s advert was the last
    // the switch learnt), shows the window alone.
    const heal = 15_500_000;
    const r = pair(VMAC, [splitBrain[0]!, at(heal, { kind: 'heal' })], 20 * SEC, probe({ timeout: 300_000 }));
    const after = probes(r.trace).filter((e) => e.sent >= heal);
    expect(after.map((e) => [e.ok, e.via, e.reason])).toEqual([
      [true, 'b', 'connected'],
      [false, null, 'switch forwards 00:00:5e:00:01:33 to a, which does not hold 192.0.2.100'],
      [true, 'b', 'connected'],
    ]);
    expect(after[1]!.sent).toBeGreaterThan(15_828_225);
    expect(after[1]!.sent).toBeLessThan(15_828_225 + 100_000 + 200);
    expect(after[2]!.sent).toBeGreaterThanOrEqual(16_828_225);
    expect(after[2]!.sent).toBeLessThan(16_828_225 + 300_000 + 200);
  });

  it('a GARP reaches no second holder across a partition, and without vmac nobody answers it', () => {
    // The same heal without vmac: b's lower-priority GARPs update the client; a's kernel has
    // no reason to answer (accept_local is set on vmac interfaces only) and nothing learns a.
    const heal = 15_500_000;
    const after = probes(pair(undefined, [splitBrain[0]!, at(heal, { kind: 'heal' })], 20 * SEC, probe({ timeout: 300_000 })).trace).filter((e) => e.t > heal);
    expect(after.filter((e) => !e.ok)).toEqual([]);
  });

  it('with vmac_xmit_base adverts leave with the base MAC and teach nothing: the stale outage is back', () => {
    const f = failuresAfter(pair({ ...VMAC, xmitBase: true }, splitBrain).trace, YIELD);
    expect(f.map((e) => e.reason)).toEqual(['switch forwards 00:00:5e:00:01:33 to a, which does not hold 192.0.2.100']);
  });

  it('two masters on one vmac (multicast blocked): the client\'s frames follow whichever advertised last', () => {
    const r = pair(VMAC, [at(5 * SEC, { kind: 'block-multicast' })], 15 * SEC);
    const vias = probes(r.trace).filter((e) => e.t > 9 * SEC).map((e) => e.via);
    expect(new Set(vias)).toEqual(new Set(['a', 'b']));
    expect(probes(r.trace).filter((e) => e.t > 5 * SEC && !e.ok)).toEqual([]);
  });

  it('after a crash the switch points at the dead port until the new master\'s first advert', () => {
    const crash = [at(6_500_000, { kind: 'crash', node: 'b' })];
    const backAt = (vmac: VmacConfig | undefined): Probe | undefined => probes(pair(vmac, crash, 20 * SEC).trace).find((e) => e.t > 6_500_000 && e.ok);
    // a takes over at 6.21885 + MDI(100) = 9.828225 s; its first advert teaches the switch, and
    // the client's next attempt (after the one in flight to the dead port times out) gets through.
    const withVmac = backAt(VMAC);
    expect(withVmac?.via).toBe('a');
    expect(withVmac?.t).toBeLessThanOrEqual(9_828_225 + SEC + 100_000 + 200);
    // Until then the frames went to the dead port the switch had learnt.
    const down = probes(pair(VMAC, crash, 20 * SEC).trace).find((e) => e.t > 6_500_000 && !e.ok);
    expect(down?.reason).toBe('b is down');
  });

  it('a master\'s first answer to a client points the client at its own MAC until the next GARP from the vmac', () => {
    const w = createSim(spec({
      until: 12 * SEC,
      nodes: [
        node({ name: 'a', address: '192.0.2.1', priority: 100, instance: { vmac: VMAC } }),
        node({ name: 'b', address: '192.0.2.2', priority: 200, instance: { vmac: VMAC } }),
      ],
      probes: [probe()],
    }));
    const entry = () => { const e = w.probes.get('client')?.arp.get('192.0.2.100'); return { node: e?.node, vmac: e?.vmac }; };
    // b MASTER at 3.21875 s; the client's first ARP (4 s) resolves to the virtual MAC and b's
    // first answer sends an ARP request from its base interface.
    runUntil(w, 4_000_300);
    expect(entry()).toEqual({ node: 'b', vmac: null });
    // b's second GARP round (garp_master_delay 5 s: 8.21875 s) brings the virtual MAC back.
    runUntil(w, 8_300_000);
    expect(entry()).toEqual({ node: 'b', vmac: VMAC.mac });
  });
});
