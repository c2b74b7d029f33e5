import { describe, expect, it } from 'vitest';
import { createSim, runUntil, simulateWith } from '../../../sim/engine.js';
import { masters, vipHolders } from '../../../sim/views.js';
import type { SimSpec, TimelineEvent } from '../../../sim/spec.js';
import type { TraceEvent } from '../../../sim/trace.js';
import { fakeCore } from './fake-core.js';
import { node, SEC, segment, spec } from './fixtures.js';

function mastersAt(s: SimSpec, t: number): string[] {
  const w = createSim(s, fakeCore);
  runUntil(w, t);
  return masters(w, 'VI_1');
}

const at = (t: number, fault: TimelineEvent['fault']): TimelineEvent => ({ at: t, fault });

describe('network', () => {
  it('multicast reaches the other node after exactly the segment latency', () => {
    const w = createSim(spec({ segments: [segment({ latency: 250 })] }), fakeCore);
    runUntil(w, 3_218_750 + 249);
    expect(w.hosts.get('a')!.router!.seen).toEqual(['start']);
    runUntil(w, 3_218_750 + 250);
    expect(w.hosts.get('a')!.router!.seen).toEqual(['start', 'advert:192.0.2.2:200']);
  });

  it('never loops a multicast advert back to its sender', () => {
    const w = createSim(spec(), fakeCore);
    runUntil(w, 8 * SEC);
    expect(w.hosts.get('b')!.router!.seen.filter((x) => x.includes('192.0.2.2'))).toEqual([]);
    expect(masters(w, 'VI_1')).toEqual(['b']);
  });

  it('a symmetric partition makes both sides MASTER; heal resolves it', () => {
    const s = spec({ timeline: [at(0, { kind: 'partition', groups: [['a'], ['b']] }), at(6 * SEC, { kind: 'heal' })] });
    expect(mastersAt(s, 5 * SEC)).toEqual(['a', 'b']);
    expect(mastersAt(s, 8 * SEC)).toEqual(['b']);
  });

  it('a node named in no group of a partition still reaches both sides', () => {
    const three = spec({
      nodes: [node({ name: 'a', address: '192.0.2.1', priority: 100 }), node({ name: 'b', address: '192.0.2.2', priority: 200 }), node({ name: 'c', address: '192.0.2.3', priority: 50 })],
      timeline: [at(0, { kind: 'partition', groups: [['a'], ['b']] })],
    });
    const w = createSim(three, fakeCore);
    runUntil(w, 9 * SEC);
    expect(masters(w, 'VI_1')).toEqual(['a', 'b']);
    const heard = new Set(w.hosts.get('c')!.router!.seen.filter((x) => x.startsWith('advert')));
    expect(heard).toEqual(new Set(['advert:192.0.2.1:100', 'advert:192.0.2.2:200']));
  });

  it('a one-way cut from the master keeps the deaf backup MASTER too (B5)', () => {
    const deaf = spec({ timeline: [at(0, { kind: 'partition-oneway', from: ['b'], to: ['a'] })] });
    expect(mastersAt(deaf, 9 * SEC)).toEqual(['a', 'b']);
    const mute = spec({ timeline: [at(0, { kind: 'partition-oneway', from: ['a'], to: ['b'] })] });
    expect(mastersAt(mute, 9 * SEC)).toEqual(['b']);
  });

  it('blocking multicast splits a multicast pair but not a unicast one', () => {
    const block = [at(0, { kind: 'block-multicast' } as const)];
    expect(mastersAt(spec({ timeline: block }), 9 * SEC)).toEqual(['a', 'b']);
    const unicast = spec({
      timeline: block,
      nodes: [
        node({ name: 'a', address: '192.0.2.1', priority: 100, instance: { unicastPeers: ['192.0.2.2'] } }),
        node({ name: 'b', address: '192.0.2.2', priority: 200, instance: { unicastPeers: ['192.0.2.1'] } }),
      ],
    });
    expect(mastersAt(unicast, 9 * SEC)).toEqual(['b']);
  });

  it('unicast goes only to the interface that owns the destination', () => {
    const s = spec({
      nodes: [
        node({ name: 'a', address: '192.0.2.1', priority: 100, instance: { unicastPeers: ['192.0.2.2'] } }),
        node({ name: 'b', address: '192.0.2.2', priority: 200, instance: { unicastPeers: ['192.0.2.1'] } }),
        node({ name: 'c', address: '192.0.2.3', priority: 50, instance: { unicastPeers: ['192.0.2.2'] } }),
      ],
    });
    const w = createSim(s, fakeCore);
    runUntil(w, 9 * SEC);
    expect(w.hosts.get('c')!.router!.seen.filter((x) => x.startsWith('advert'))).toEqual([]);
    expect(masters(w, 'VI_1')).toEqual(['b', 'c']);
  });

  it('loss 1 drops every frame; loss back to 0 lets adverts through again', () => {
    const s = spec({ timeline: [at(0, { kind: 'loss', rate: 1 }), at(6 * SEC, { kind: 'loss', rate: 0 })] });
    expect(mastersAt(s, 5 * SEC)).toEqual(['a', 'b']);
    expect(mastersAt(s, 8 * SEC)).toEqual(['b']);
  });

  it('link-down is carrier loss: the core hears of it and no frame passes either way', () => {
    const s = spec({ timeline: [at(5 * SEC, { kind: 'link-down', node: 'b' })] });
    const w = createSim(s, fakeCore);
    runUntil(w, 9 * SEC);
    expect(w.hosts.get('b')!.router!.seen.slice(-1)).toEqual(['interface']);
    expect(masters(w, 'VI_1')).toEqual(['a']);
    // a's adverts after the link went down never reach b.
    expect(w.hosts.get('b')!.router!.seen.filter((x) => x.startsWith('advert'))).toEqual([]);
    expect(vipHolders(w).get('192.0.2.100')).toEqual(['a']);
  });

  it('a latency change applies to frames sent after it', () => {
    const s = spec({ timeline: [at(SEC, { kind: 'latency', latency: 40_000 })] });
    const w = createSim(s, fakeCore);
    runUntil(w, 3_218_750 + 39_999);
    expect(w.hosts.get('a')!.router!.seen).toEqual(['start']);
    runUntil(w, 3_218_750 + 40_000);
    expect(w.hosts.get('a')!.router!.seen).toEqual(['start', 'advert:192.0.2.2:200']);
  });

  it('partitions are per segment when one is named', () => {
    const s = spec({
      segments: [segment(), segment({ name: 'other' })],
      timeline: [at(0, { kind: 'partition', segment: 'other', groups: [['a'], ['b']] })],
    });
    expect(mastersAt(s, 9 * SEC)).toEqual(['b']);
  });

  it('traces every fault', () => {
    const r = simulateWith(spec({ timeline: [at(SEC, { kind: 'block-multicast' }), at(2 * SEC, { kind: 'unblock-multicast' })] }), fakeCore);
    const faults = r.trace.filter((e): e is Extract<TraceEvent, { type: 'fault' }> => e.type === 'fault');
    expect(faults.map((f) => [f.t, f.fault.kind])).toEqual([[SEC, 'block-multicast'], [2 * SEC, 'unblock-multicast']]);
  });
});
