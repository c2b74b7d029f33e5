// Which same-instant events the engine lets the seed order (an `order` line, a PRNG draw) and
// which it runs as they came because they cannot affect each other; and a client skipping its
// steady state (asleep) must judge exactly as one that ticks every interval.
import { describe, expect, it } from 'vitest';
import { simulateWith } from '../../../sim/engine.js';
import { vrrpCore } from '../../../sim/simulate.js';
import type { SimSpec } from '../../../sim/spec.js';
import { instance, node, probe, SEC, spec } from './fixtures.js';

/** a is MASTER of VRID 51, b of VRID 52, in step; c backs up both and hears both at once. */
function twoVrids(syncGroup: boolean): SimSpec {
  return spec({
    until: 8 * SEC,
    nodes: [
      node({ name: 'a', address: '192.0.2.1', priority: 150 }),
      node({ name: 'b', address: '192.0.2.2', priority: 150, instance: { name: 'VI_2', vrid: 52, vips: ['192.0.2.101'] } }),
      node({
        name: 'c', address: '192.0.2.3',
        router: {
          instances: [
            instance({ name: 'VI_1', srcAddr: '192.0.2.3', priority: 50 }),
            instance({ name: 'VI_2', vrid: 52, srcAddr: '192.0.2.3', priority: 50, vips: ['192.0.2.101'] }),
          ],
          scripts: [],
          syncGroups: syncGroup ? [{ name: 'G', instances: ['VI_1', 'VI_2'] }] : [],
        },
      }),
    ],
  });
}

describe('same-instant events', () => {
  it('adverts for different VRIDs reaching one node at once commute: no draw, no order line', () => {
    const r = simulateWith(twoVrids(false), vrrpCore);
    expect(r.trace.filter((e) => e.type === 'state' && e.to === 'MASTER').map((e) => e.type === 'state' && e.node)).toEqual(['a', 'b']);
    expect(r.trace.filter((e) => e.type === 'order')).toEqual([]);
  });

  it('in a sync group the same adverts interact, so the seed orders them', () => {
    const r = simulateWith(twoVrids(true), vrrpCore);
    expect(r.trace.some((e) => e.type === 'order' && e.chosen.includes('c<a:advert:51') && e.chosen.includes('c<b:advert:52'))).toBe(true);
  });
});

describe('a client in steady state', () => {
  it('reports an outage from the first tick after a change, as a ticking client would', () => {
    // b holds the VIP from ~3.2 s; the service dies at 5.05 s: the tick at 5.1 s is refused
    // (connection refused arrives after one round trip), and at 5.5 s it comes back.
    const s = spec({
      until: 7 * SEC, probes: [probe({ target: '192.0.2.100' })],
      timeline: [{ at: 5_050_000, fault: { kind: 'service-down', node: 'b' } }, { at: 5_500_000, fault: { kind: 'service-up', node: 'b' } }],
    });
    const r = simulateWith(s, vrrpCore);
    const probes = r.trace.filter((e) => e.type === 'probe').map((e) => e.type === 'probe' && [e.sent, e.t, e.ok, e.via]);
    expect(probes.slice(-2)).toEqual([[5_100_000, 5_100_200, false, 'b'], [5_500_000, 5_500_200, true, 'b']]);
    // Before that: no ARP reply while nobody holds the VIP, then connected through b until 5.05 s.
    expect(probes.slice(0, -2).map((p) => p !== false && [p[2], p[3]])).toEqual([[false, null], [true, 'b']]);
    // A ticking client alone makes 140 events (70 ticks, 70 results): its steady stretches were skipped.
    expect(r.stats.events).toBeLessThan(100);
  });
});
