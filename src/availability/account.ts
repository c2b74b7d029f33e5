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

/**
 * A probe's outages, dated by when attempts were sent: a connection that times out was already
 * failing when it left, and the outage ends when the first attempt that succeeds is sent.
 */
export function probeOutages(r: SimResult, probe: string): { readonly firstOk: Micros | null; readonly outages: readonly Outage[] } {
  let firstOk: Micros | null = null;
  let downSince: Micros | null = null;
  const out: Outage[] = [];
  for (const e of r.trace) {
    if (e.type !== 'probe' || e.probe !== probe) continue;
    if (e.ok) {
      if (firstOk === null) firstOk = e.sent;
      else if (downSince !== null) out.push({ from: downSince, to: Math.max(downSince, e.sent) });
      downSince = null;
    } else if (firstOk !== null && downSince === null) downSince = e.sent;
  }
  if (downSince !== null) out.push({ from: downSince, to: r.end });
  return { firstOk, outages: out };
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
  const probeRecords = probes.map((p): ProbeRecord => {
    const { firstOk, outages } = probeOutages(r, p.name);
    const byCause = new Map<string, Micros>();
    for (const o of outages) {
      const c = cause(o, sorted, p.timeout);
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
  return { probes: probeRecords, vips: vipRecords(r) };
}

function vipRecords(r: SimResult): VipRecord[] {
  const holders = new Map<string, Set<string>>();
  const since = new Map<string, Micros>();
  const first = new Map<string, Micros>();
  const unheld = new Map<string, Micros>();
  const dual = new Map<string, Micros>();
  const close = (vip: string, t: Micros): void => {
    const n = holders.get(vip)?.size ?? 0;
    const d = t - (since.get(vip) ?? t);
    if (n === 0) unheld.set(vip, (unheld.get(vip) ?? 0) + d);
    if (n >= 2) dual.set(vip, (dual.get(vip) ?? 0) + d);
    since.set(vip, t);
  };
  for (const e of r.trace) {
    if (e.type !== 'vip') continue;
    if (!first.has(e.vip)) first.set(e.vip, e.t);
    close(e.vip, e.t);
    const set = holders.get(e.vip) ?? new Set<string>();
    if (e.action === 'add') set.add(e.node);
    else set.delete(e.node);
    holders.set(e.vip, set);
  }
  for (const vip of holders.keys()) close(vip, r.end);
  return [...first.keys()].sort().map((vip) => ({ vip, measured: r.end - (first.get(vip) ?? r.end), unheld: unheld.get(vip) ?? 0, dual: dual.get(vip) ?? 0 }));
}
