// One history: the whole failure timeline of a run, drawn up front from per-process streams and
// handed to the engine as an ordinary timeline (so the engine can fast-forward the calm between
// faults). Each process has its own PRNG stream derived from the run's seed and the process's
// key: a variant that adds a node keeps every other node's failure times (common random numbers).
import type { Micros } from '../vrrp/types.js';
import type { Fault, TimelineEvent } from '../../sim/spec.js';
import { createPrng } from '../../sim/prng.js';
import { sample } from './dist.js';
import type { FailureModel } from './model.js';

/** One failure (or maintenance action) as it happened: attribution reads these. */
export interface Episode {
  readonly label: string;
  readonly from: Micros;
  readonly to: Micros;
}

export interface History {
  readonly timeline: readonly TimelineEvent[];
  readonly episodes: readonly Episode[];
}

/** A 32-bit hash of a string (FNV-1a), then mixed with a seed (murmur3's finaliser). */
export function deriveSeed(seed: number, key: string | number): number {
  let h = 0x811c9dc5;
  const s = `${key}`;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  let x = (h ^ Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.floor(seed / 0x1_0000_0000)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

interface Window {
  readonly group: string;
  readonly key: string;
  readonly label: string;
  readonly from: Micros;
  readonly to: Micros;
  readonly events: readonly { readonly at: Micros; readonly fault: Fault }[];
}

/** A total order: (window, event) pairs are unique. */
function byTimeThenWindow(a: { readonly at: Micros; readonly i: number; readonly j: number }, b: { readonly at: Micros; readonly i: number; readonly j: number }): number {
  return a.at - b.at || a.i - b.i || a.j - b.j;
}

export function sampleHistory(model: FailureModel, runSeed: number, until: Micros): History {
  const windows: Window[] = [];
  for (const p of model.processes) {
    const s = createPrng(deriveSeed(runSeed, p.key));
    let t = 0;
    for (;;) {
      t += sample(p.mtbf, s);
      if (t >= until) break;
      const to = t + sample(p.mttr, s);
      windows.push({ group: p.exclusive, key: p.key, label: p.label, from: t, to, events: [{ at: t, fault: p.down }, { at: to, fault: p.up }] });
      t = to;
    }
  }
  for (const m of model.maintenance) {
    for (let wave = m.first; wave < until; wave += m.every) {
      m.nodes.forEach((node, j) => {
        const at = wave + j * m.gap;
        const events: { at: Micros; fault: Fault }[] =
          m.kind === 'restart' ? [{ at, fault: { kind: 'restart', node } }]
          : m.kind === 'reboot' ? [{ at, fault: { kind: 'crash', node } }, { at: at + m.down, fault: { kind: 'start', node } }]
          : [{ at, fault: m.reloads.get(node) as Fault }];
        windows.push({ group: `host:${node}`, key: m.key, label: m.label, from: at, to: m.kind === 'reboot' ? at + m.down : at + 1, events });
      });
    }
  }
  windows.sort((a, b) => a.from - b.from || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // A host that is already down cannot crash again, and its maintenance would boot it early.
  const busyUntil = new Map<string, Micros>();
  const kept: Window[] = [];
  for (const w of windows) {
    if ((busyUntil.get(w.group) ?? -1) > w.from) continue;
    busyUntil.set(w.group, w.to);
    kept.push(w);
  }
  // Plain loops: the chain of flatMap, filter, map and spreads it replaced took 80% of a run's
  // setup, about 4% of a pair-year in bench/availability.ts.
  const ordered: { readonly at: Micros; readonly fault: Fault; readonly i: number; readonly j: number }[] = [];
  for (let i = 0; i < kept.length; i++) {
    let j = 0;
    for (const e of kept[i]!.events) if (e.at <= until) ordered.push({ at: e.at, fault: e.fault, i, j: j++ });
  }
  ordered.sort(byTimeThenWindow);
  const timeline: TimelineEvent[] = [];
  for (const e of ordered) timeline.push({ at: e.at, fault: e.fault });
  return { timeline, episodes: kept.map((w) => ({ label: w.label, from: w.from, to: Math.min(w.to, until) })) };
}
