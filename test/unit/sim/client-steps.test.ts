// A client's ticks and results run without the queue when nothing else is due at their instant
// (World.clients), and a busy client's ticks, or attempts refused as the last one was, run many
// in one step (probe.ts busyTicks, refusedTicks). The reference is the same run advanced in
// slices shorter than a round trip: a step then never has another step of the client before
// the slice's end, so every tick and result runs one at a time through probeTick/probeResult.
// Both must leave everything identical: trace (order lines included), counted events, seqs
// handed out, the client's counters. The probe ticks every 15 625 µs so that its ticks fall on
// the nodes' timers (skews are multiples of 1/256 s): a tick there makes the instant contended,
// so a step run in one go must stop before it and leave it to the queue and its drawn order.
import { describe, expect, it } from 'vitest';
import { createSim, result, runUntil, type RealSim } from '../../../sim/simulate.js';
import type { SimSpec } from '../../../sim/spec.js';
import type { TraceEvent } from '../../../sim/trace.js';
import { node, probe, SEC, segment, spec } from './fixtures.js';

const SLICE = 100;

function clientOf(sim: RealSim): Record<string, unknown> {
  const clients = [...sim.probes.values()].map((p) => ({ attempt: p.attempt, tickAt: p.tickAt, tickSeq: p.tickSeq, busy: p.busy, asleep: p.asleep, arp: [...p.arp] }));
  return { clients, nextSeq: sim.queue.nextSeq };
}

/** The run, and the client's state at every whole second (a step in one go may end anywhere). */
function run(s: SimSpec, slice: number | null): { readonly sim: RealSim; readonly trace: readonly TraceEvent[]; readonly events: number; readonly states: unknown[] } {
  const sim = createSim(s);
  const states: unknown[] = [];
  for (let second = SEC; second <= s.until; second += SEC) {
    if (slice === null) runUntil(sim, second);
    else for (let t = sim.now + slice; t < second + slice; t += slice) runUntil(sim, Math.min(t, second));
    states.push(clientOf(sim));
  }
  const r = result(sim);
  return { sim, trace: r.trace, events: r.stats.events, states };
}

/** Both runs, compared; returns the whole run's trace. */
function sameAsOneByOne(s: SimSpec): readonly TraceEvent[] {
  const whole = run(s, null);
  const sliced = run(s, SLICE);
  expect(whole.trace).toEqual(sliced.trace);
  expect(whole.events).toBe(sliced.events);
  expect(whole.states).toEqual(sliced.states);
  return whole.trace;
}

const onGrid = probe({ interval: 15_625 });
/** A client tick that met a node's event at one instant: the seed drew their order. */
const tickOrdered = (trace: readonly TraceEvent[], from: number, to: number): boolean =>
  trace.some((e) => e.type === 'order' && e.t >= from && e.t < to && e.chosen.includes('client:probeTick'));

describe('client steps run without the queue', () => {
  it('busy ticks during an outage (master crashed, each attempt times out) equal ticking one by one, the takeover timer at a tick included', () => {
    // A frame takes 1/64 s, so a's master-down timer (the last advert's arrival + 3 s + its
    // skew) falls on the client's grid during the outage.
    const s: SimSpec = { ...spec({ probes: [onGrid], until: 12 * SEC, segments: [segment({ latency: 15_625 })] }), fastForward: false, timeline: [{ at: 5 * SEC, fault: { kind: 'crash', node: 'b' } }] };
    const trace = sameAsOneByOne(s);
    // The outage is there (failed attempts), and a tick met a's master-down timer at one instant.
    expect(trace.some((e) => e.type === 'probe' && !e.ok && e.reason === 'b is down')).toBe(true);
    expect(tickOrdered(trace, 5 * SEC, 12 * SEC)).toBe(true);
  });

  it('attempts refused by the master (its service down, VIP held) equal attempting one by one, ticks on its advert timer included', () => {
    const s: SimSpec = {
      ...spec({ probes: [onGrid], until: 12 * SEC }), fastForward: false,
      timeline: [{ at: 5 * SEC, fault: { kind: 'service-down', node: 'b', service: 'web' } }, { at: 9 * SEC, fault: { kind: 'service-up', node: 'b', service: 'web' } }],
    };
    const trace = sameAsOneByOne(s);
    const probes = trace.filter((e) => e.type === 'probe');
    expect(probes.map((e) => e.type === 'probe' && e.reason)).toEqual(['no ARP reply for 192.0.2.100', 'connected', 'connection refused by b', 'connected']);
    expect(tickOrdered(trace, 5 * SEC, 9 * SEC)).toBe(true);
  });

  it('a refusal streak ends with the ARP entry\'s freshness: the tick after it re-resolves, as one by one', () => {
    // reachableTime 2 s: the entry confirmed by the last success goes stale during the streak.
    const s: SimSpec = {
      ...spec({ probes: [onGrid], until: 12 * SEC, arp: { reachableTime: 2 * SEC, delayFirstProbe: 5 * SEC } }), fastForward: false,
      timeline: [{ at: 5 * SEC, fault: { kind: 'service-down', node: 'b', service: 'web' } }],
    };
    sameAsOneByOne(s);
  });

  it('a client woken by changes that do not matter to it (the backup\'s service, the second GARP round) connects and sleeps again as one by one', () => {
    const s: SimSpec = {
      ...spec({ probes: [probe()], until: 12 * SEC }), fastForward: false,
      timeline: [{ at: 5 * SEC, fault: { kind: 'service-down', node: 'a', service: 'web' } }, { at: 6 * SEC, fault: { kind: 'service-up', node: 'a', service: 'web' } }],
    };
    const trace = sameAsOneByOne(s);
    expect(trace.filter((e) => e.type === 'probe').map((e) => e.type === 'probe' && e.reason)).toEqual(['no ARP reply for 192.0.2.100', 'connected']);
    expect(trace.some((e) => e.type === 'garp' && e.t > 8 * SEC)).toBe(true);
  });

  it('with use_vmac, the first connection to a new holder (its answer leaks the base MAC) runs as one by one', () => {
    // b stops (a priority-0 advert): a takes over at once and its GARP moves the client. A
    // timeout off the tick grid leaves the first connection to a alone at its instant.
    const vmac = { vmac: { ifname: 'vrrp.51', mac: '00:00:5e:00:01:33', xmitBase: false } };
    const s: SimSpec = {
      ...spec({
        probes: [probe({ timeout: 950_000 })], until: 12 * SEC,
        nodes: [node({ name: 'a', address: '192.0.2.1', priority: 100, instance: vmac }), node({ name: 'b', address: '192.0.2.2', priority: 200, instance: vmac })],
      }),
      fastForward: false,
      timeline: [{ at: 5_050_000, fault: { kind: 'stop', node: 'b' } }],
    };
    const trace = sameAsOneByOne(s);
    expect(trace.some((e) => e.type === 'probe' && e.ok && e.via === 'a')).toBe(true);
  });

  it('a fault at the instant a connection\'s result is due runs before it, as one by one', () => {
    // The backup's service fault at 5 s wakes the client, whose tick at 5 s connects to b; b's
    // service fails at 5.0002 s, the result's instant: the result then finds b refusing.
    const s: SimSpec = {
      ...spec({ probes: [probe()], until: 8 * SEC }), fastForward: false,
      timeline: [{ at: 5 * SEC, fault: { kind: 'service-down', node: 'a', service: 'web' } }, { at: 5 * SEC + 200, fault: { kind: 'service-down', node: 'b', service: 'web' } }],
    };
    const trace = sameAsOneByOne(s);
    expect(trace.some((e) => e.type === 'probe' && e.reason === 'connection refused by b')).toBe(true);
  });

  it('two clients ticking together (the seed\'s): an outage, a wake that does not matter, a refusal, as one by one', () => {
    const s: SimSpec = {
      ...spec({ probes: [probe(), probe({ name: 'client2', address: '192.0.2.51' })], until: 16 * SEC }), fastForward: false,
      timeline: [
        { at: 5 * SEC, fault: { kind: 'crash', node: 'b' } }, { at: 9 * SEC, fault: { kind: 'service-down', node: 'b', service: 'web' } },
        { at: 11 * SEC, fault: { kind: 'service-down', node: 'a', service: 'web' } }, { at: 13 * SEC, fault: { kind: 'service-up', node: 'a', service: 'web' } },
      ],
    };
    const trace = sameAsOneByOne(s);
    for (const name of ['client', 'client2']) {
      expect(trace.filter((e) => e.type === 'probe' && e.probe === name).map((e) => e.type === 'probe' && e.reason))
        .toEqual(['no ARP reply for 192.0.2.100', 'connected', 'b is down', 'connected', 'connection refused by a', 'connected']);
    }
  });

  it('fast-forward on: the same as off, with clients refused for a long stretch', () => {
    const base: SimSpec = {
      ...spec({ probes: [probe()], until: 400 * SEC }),
      timeline: [{ at: 5 * SEC, fault: { kind: 'service-down', node: 'b', service: 'web' } }, { at: 300 * SEC, fault: { kind: 'service-up', node: 'b', service: 'web' } }],
    };
    const on = run(base, null);
    const off = run({ ...base, fastForward: false }, null);
    expect(on.trace).toEqual(off.trace);
    expect(on.events).toBe(off.events);
    // Seqs are not replayed by a jump (only their order matters there): the counters are.
    for (const sim of [on.sim, off.sim]) expect(sim.probes.get('client')!.attempt).toBe(off.sim.probes.get('client')!.attempt);
  });
});
