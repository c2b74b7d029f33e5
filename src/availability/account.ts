// Outage accounting of one history, from the trace alone: each probe's downtime as its client
// saw it (through its ARP cache — an attempt to a stale entry fails like any other), each VIP's
// unheld and dual-holder time, and which failure caused each outage.
import type { Micros } from '../vrrp/types.js';
import type { ProbeSpec } from '../../sim/spec.js';
import type { SimResult } from '../../sim/trace.js';
import type { Episode } from './sample.js';

export interface ProbeRecord {
  readonly probe: string;
  /** From the probe's first success to the end of the run. */
  readonly measured: Micros;
  readonly down: Micros;
  /** Every outage's length, in the order they happened. */
  readonly outages: readonly Micros[];
  /** Downtime per cause label, labels sorted. */
  readonly byCause: readonly (readonly [string, Micros])[];
}

export interface VipRecord {
  readonly vip: string;
  /** From the VIP's first holder to the end of the run. */
  readonly measured: Micros;
  readonly unheld: Micros;
  /** Time with two or more holders (dual mastership). */
  readonly dual: Micros;
}

export interface VariantRun {
  readonly probes: readonly ProbeRecord[];
  readonly vips: readonly VipRecord[];
}

export interface Outage {
  readonly from: Micros;
  readonly to: Micros;
}

/** A probe's outages so far, fed its trace lines in order (see probeOutages). */
interface ProbeWalk {
  firstOk: Micros | null;
  downSince: Micros | null;
  readonly outages: Outage[];
}

function probeLine(w: ProbeWalk, ok: boolean, sent: Micros): void {
  if (ok) {
    if (w.firstOk === null) w.firstOk = sent;
    else if (w.downSince !== null) w.outages.push({ from: w.downSince, to: Math.max(w.downSince, sent) });
    w.downSince = null;
  } else if (w.firstOk !== null && w.downSince === null) w.downSince = sent;
}

function probeEnd(w: ProbeWalk, end: Micros): void {
  if (w.downSince !== null) w.outages.push({ from: w.downSince, to: end });
}

/**
 * A probe's outages, dated by when attempts were sent: a connection that times out was already
 * failing when it left, and the outage ends when the first attempt that succeeds is sent.
 */
export function probeOutages(r: SimResult, probe: string): { readonly firstOk: Micros | null; readonly outages: readonly Outage[] } {
  const w: ProbeWalk = { firstOk: null, downSince: null, outages: [] };
  for (const e of r.trace) if (e.type === 'probe' && e.probe === probe) probeLine(w, e.ok, e.sent);
  probeEnd(w, r.end);
  return w;
}

/**
 * The failure to blame for an outage: the one that began last before the outage began (allowing
 * one probe timeout, since an attempt sent just before a crash fails because of it); an outage
 * with none before it is blamed on the first failure during it, else on `none`.
 */
export function cause(o: Outage, episodes: readonly Episode[], slack: Micros): string {
  let best: Episode | null = null;
  for (const e of episodes) {
    if (e.from > o.from + slack) break;
    best = e;
  }
  if (best !== null) return best.label;
  const during = episodes.find((e) => e.from < o.to);
  return during?.label ?? 'none';
}

export function accountRun(r: SimResult, probes: readonly ProbeSpec[], episodes: readonly Episode[]): VariantRun {
  const sorted = [...episodes].sort((a, b) => a.from - b.from);
  // One walk of the trace for every probe and VIP: a pair-year's ~440 lines of seven shapes
  // cost ~15 ns each to walk (w21pair), and the walk was made once per probe and once more.
  const walks = new Map<string, ProbeWalk>();
  for (const p of probes) walks.set(p.name, { firstOk: null, downSince: null, outages: [] });
  const vips = createVipWalk();
  for (const e of r.trace) {
    if (e.type === 'probe') {
      const w = walks.get(e.probe);
      if (w !== undefined) probeLine(w, e.ok, e.sent);
    } else if (e.type === 'vip') vipLine(vips, e);
  }
  const probeRecords = probes.map((p): ProbeRecord => {
    const w = walks.get(p.name)!;
    probeEnd(w, r.end);
    const { firstOk, outages } = w;
    const byCause = new Map<string, Micros>();
    const blame = blamer(sorted, p.timeout);
    for (const o of outages) {
      const c = blame(o);
      byCause.set(c, (byCause.get(c) ?? 0) + (o.to - o.from));
    }
    return {
      probe: p.name,
      measured: firstOk === null ? 0 : r.end - firstOk,
      down: outages.reduce((s, o) => s + (o.to - o.from), 0),
      outages: outages.map((o) => o.to - o.from),
      byCause: [...byCause].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    };
  });
  return { probes: probeRecords, vips: vipRecords(vips, r.end) };
}

/**
 * cause() for a probe's outages in the order they came: their starts only grow, so the walk of
 * the sorted episodes resumes where the last one stopped instead of starting over (a pair-year
 * has ~50 outages and ~50 episodes). An outage that starts earlier than the last starts over.
 */
function blamer(sorted: readonly Episode[], slack: Micros): (o: Outage) => string {
  let next = 0;
  let best: Episode | null = null;
  let last = -Infinity;
  return (o) => {
    if (o.from < last) { next = 0; best = null; }
    last = o.from;
    while (next < sorted.length && sorted[next]!.from <= o.from + slack) best = sorted[next++]!;
    return best !== null ? best.label : cause(o, sorted, slack);
  };
}

/** Each VIP's holders and times so far, fed its trace lines in order. */
interface VipWalk {
  readonly holders: Map<string, Set<string>>;
  readonly since: Map<string, Micros>;
  readonly first: Map<string, Micros>;
  readonly unheld: Map<string, Micros>;
  readonly dual: Map<string, Micros>;
}

function createVipWalk(): VipWalk {
  return { holders: new Map(), since: new Map(), first: new Map(), unheld: new Map(), dual: new Map() };
}

function closeVip(w: VipWalk, vip: string, t: Micros): void {
  const n = w.holders.get(vip)?.size ?? 0;
  const d = t - (w.since.get(vip) ?? t);
  if (n === 0) w.unheld.set(vip, (w.unheld.get(vip) ?? 0) + d);
  if (n >= 2) w.dual.set(vip, (w.dual.get(vip) ?? 0) + d);
  w.since.set(vip, t);
}

function vipLine(w: VipWalk, e: Extract<SimResult['trace'][number], { type: 'vip' }>): void {
  if (!w.first.has(e.vip)) w.first.set(e.vip, e.t);
  closeVip(w, e.vip, e.t);
  const set = w.holders.get(e.vip) ?? new Set<string>();
  if (e.action === 'add') set.add(e.node);
  else set.delete(e.node);
  w.holders.set(e.vip, set);
}

function vipRecords(w: VipWalk, end: Micros): VipRecord[] {
  for (const vip of w.holders.keys()) closeVip(w, vip, end);
  return [...w.first.keys()].sort().map((vip) => ({ vip, measured: end - (w.first.get(vip) ?? end), unheld: w.unheld.get(vip) ?? 0, dual: w.dual.get(vip) ?? 0 }));
}
