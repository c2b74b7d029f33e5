// The L2 segments: who can hear whom (carrier, partitions, one-way cuts, multicast filtering)
// and how long a frame takes (latency + seeded jitter, seeded loss). Endpoints are named by
// node name or probe name, as scenario timelines name them.
import type { Micros } from '../src/vrrp/types.js';
import { chance, nextIntInclusive } from './prng.js';
import type { Fault } from './spec.js';
import type { SegmentState, World } from './world.js';

/** Partitions only: does a frame from `from` reach `to` on this segment? */
export function pathOpen(seg: SegmentState, from: string, to: string): boolean {
  const g = seg.groups;
  if (g !== null) {
    const a = g.get(from), b = g.get(to);
    if (a !== undefined && b !== undefined && a !== b) return false;
  }
  for (const rule of seg.oneway) if (rule.from.has(from) && rule.to.has(to)) return false;
  return true;
}

/** Draws loss then delay for one frame; null = lost. Loss 0 and jitter 0 draw nothing. */
export function frameDelay<R>(w: World<R>, seg: SegmentState): Micros | null {
  if (chance(w.prng, seg.loss)) return null;
  return seg.jitter > 0 ? seg.latency + nextIntInclusive(w.prng, seg.jitter) : seg.latency;
}

/** Delay without loss (TCP retransmits hide loss; ARP/GARP use frameDelay). */
export function transitDelay<R>(w: World<R>, seg: SegmentState): Micros {
  return seg.jitter > 0 ? seg.latency + nextIntInclusive(w.prng, seg.jitter) : seg.latency;
}

function segmentsOf<R>(w: World<R>, name: string | undefined): SegmentState[] {
  if (name === undefined) return [...w.segments.values()];
  const s = w.segments.get(name);
  return s === undefined ? [] : [s];
}

/** Applies a network fault; false if `f` is not one. */
export function applyNetworkFault<R>(w: World<R>, f: Fault): boolean {
  switch (f.kind) {
    case 'partition':
      for (const s of segmentsOf(w, f.segment)) {
        const g = new Map<string, number>();
        f.groups.forEach((members, i) => { for (const m of members) g.set(m, i); });
        s.groups = g;
      }
      return true;
    case 'partition-oneway':
      for (const s of segmentsOf(w, f.segment)) s.oneway.push({ from: new Set(f.from), to: new Set(f.to) });
      return true;
    case 'heal':
      for (const s of segmentsOf(w, f.segment)) { s.groups = null; s.oneway = []; }
      return true;
    case 'block-multicast':
    case 'unblock-multicast':
      for (const s of segmentsOf(w, f.segment)) s.multicastBlocked = f.kind === 'block-multicast';
      return true;
    case 'loss':
      for (const s of segmentsOf(w, f.segment)) s.loss = f.rate;
      return true;
    case 'latency':
      for (const s of segmentsOf(w, f.segment)) {
        s.latency = f.latency;
        if (f.jitter !== undefined) s.jitter = f.jitter;
      }
      return true;
    default:
      return false;
  }
}
