// Facts derived from a trace that expectations and reports share: who held each VIP over time,
// each instance's state at any instant, outage and dual-holder windows, and the windows during
// which a fault legitimately allows two holders (partition, multicast block, freeze).
import type { Ipv4, Micros, VrrpState } from '../../src/vrrp/types.js';
import type { Fault } from '../spec.js';
import type { TraceEvent } from '../trace.js';

export interface Window {
  readonly from: Micros;
  readonly to: Micros;
}

export interface HolderSpan extends Window {
  readonly holders: readonly string[];
}

type EventOf<K extends TraceEvent['type']> = Extract<TraceEvent, { readonly type: K }>;

/** A trace's events of the kinds analyses read, each list in trace order. */
export interface TraceIndex {
  readonly vips: readonly EventOf<'vip'>[];
  readonly faults: readonly EventOf<'fault'>[];
  readonly probes: ReadonlyMap<string, readonly EventOf<'probe'>[]>;
  /** State, priority, VIP and fault events: all that changes who is what and who holds what. */
  readonly changes: readonly (EventOf<'state'> | EventOf<'priority'> | EventOf<'vip'> | EventOf<'fault'>)[];
}

/**
 * A trace is not changed once a run returns it (the length guards a trace still growing): the
 * expectations and invariants judging one run each read a few kinds of event among ~70, so the
 * trace is split once instead of walked whole by each.
 */
const indexOfTrace = new WeakMap<readonly TraceEvent[], { readonly length: number; readonly index: TraceIndex }>();

export function traceIndex(trace: readonly TraceEvent[]): TraceIndex {
  const known = indexOfTrace.get(trace);
  if (known !== undefined && known.length === trace.length) return known.index;
  const vips: EventOf<'vip'>[] = [];
  const faults: EventOf<'fault'>[] = [];
  const probes = new Map<string, EventOf<'probe'>[]>();
  const changes: (EventOf<'state'> | EventOf<'priority'> | EventOf<'vip'> | EventOf<'fault'>)[] = [];
  for (const e of trace) {
    switch (e.type) {
      case 'state': case 'priority': changes.push(e); break;
      case 'vip': vips.push(e); changes.push(e); break;
      case 'fault': faults.push(e); changes.push(e); break;
      case 'probe': {
        const list = probes.get(e.probe);
        if (list === undefined) probes.set(e.probe, [e]); else list.push(e);
        break;
      }
      default: break;
    }
  }
  const index = { vips, faults, probes, changes };
  indexOfTrace.set(trace, { length: trace.length, index });
  return index;
}

/** A trace is not changed once a run returns it: expectations and invariants share its spans (the length guards a trace still growing). */
const spansOf = new WeakMap<readonly TraceEvent[], { readonly end: Micros; readonly length: number; readonly spans: ReadonlyMap<Ipv4, readonly HolderSpan[]> }>();

/** For every VIP ever added: consecutive spans of its holder set, covering [first add, end]. */
export function vipHolderSpans(trace: readonly TraceEvent[], end: Micros): ReadonlyMap<Ipv4, readonly HolderSpan[]> {
  const known = spansOf.get(trace);
  if (known !== undefined && known.end === end && known.length === trace.length) return known.spans;
  const spans = holderSpans(trace, end);
  spansOf.set(trace, { end, length: trace.length, spans });
  return spans;
}

function holderSpans(trace: readonly TraceEvent[], end: Micros): Map<Ipv4, HolderSpan[]> {
  const holders = new Map<Ipv4, Set<string>>();
  const spans = new Map<Ipv4, HolderSpan[]>();
  const since = new Map<Ipv4, Micros>();
  const close = (vip: Ipv4, t: Micros): void => {
    const from = since.get(vip);
    const set = holders.get(vip);
    if (from === undefined || set === undefined || t === from) return;
    const list = spans.get(vip) ?? [];
    const hs = [...set].sort();
    const last = list[list.length - 1];
    if (last !== undefined && last.to === from && sameSet(last.holders, hs)) list[list.length - 1] = { ...last, to: t };
    else list.push({ from, to: t, holders: hs });
    spans.set(vip, list);
  };
  for (const e of traceIndex(trace).vips) {
    close(e.vip, e.t);
    const set = holders.get(e.vip) ?? new Set<string>();
    if (e.action === 'add') set.add(e.node);
    else set.delete(e.node);
    holders.set(e.vip, set);
    since.set(e.vip, e.t);
  }
  for (const vip of holders.keys()) close(vip, end);
  return spans;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Holders of `vip` just after every event at or before `t`. */
export function holdersAt(spans: readonly HolderSpan[] | undefined, t: Micros): readonly string[] {
  if (spans === undefined) return [];
  for (const s of spans) if (s.from <= t && t < s.to) return s.holders;
  const last = spans[spans.length - 1];
  return last !== undefined && t >= last.to ? last.holders : [];
}

/** State of every (node, instance) after all events at or before `t`. */
export function statesAt(trace: readonly TraceEvent[], t: Micros): Map<string, { node: string; instance: string; state: VrrpState }> {
  const m = new Map<string, { node: string; instance: string; state: VrrpState }>();
  for (const e of trace) {
    if (e.t > t) break;
    if (e.type === 'state') m.set(`${e.node}\u0000${e.instance}`, { node: e.node, instance: e.instance, state: e.to });
  }
  return m;
}

export function mastersAt(trace: readonly TraceEvent[], instance: string, t: Micros): string[] {
  return [...statesAt(trace, t).values()].filter((s) => s.instance === instance && s.state === 'MASTER').map((s) => s.node).sort();
}

/** Windows where the VIP had no holder, from its first holder on (startup is not an outage). */
export function outages(spans: readonly HolderSpan[]): Window[] {
  return spans.filter((s) => s.holders.length === 0).map(({ from, to }) => ({ from, to }));
}

export function dualHolders(spans: readonly HolderSpan[]): HolderSpan[] {
  return spans.filter((s) => s.holders.length >= 2);
}

/** Windows in which a fault makes two holders expected: partitions, multicast blocks, freezes. */
export function faultAllowanceWindows(trace: readonly TraceEvent[], end: Micros): Window[] {
  const out: Window[] = [];
  const open = new Map<string, Micros>();
  const begin = (k: string, t: Micros): void => {
    if (!open.has(k)) open.set(k, t);
  };
  const finish = (pred: (k: string) => boolean, t: Micros): void => {
    for (const [k, from] of [...open]) {
      if (!pred(k)) continue;
      out.push({ from, to: t });
      open.delete(k);
    }
  };
  for (const e of traceIndex(trace).faults) {
    const f: Fault = e.fault;
    const seg = 'segment' in f && f.segment !== undefined ? f.segment : '*';
    switch (f.kind) {
      case 'partition':
      case 'partition-oneway':
        begin(`partition:${seg}`, e.t);
        break;
      case 'heal':
        finish((k) => k.startsWith('partition:') && (seg === '*' || k === `partition:${seg}` || k === 'partition:*'), e.t);
        break;
      case 'block-multicast':
        begin(`mcast:${seg}`, e.t);
        break;
      case 'unblock-multicast':
        finish((k) => k.startsWith('mcast:') && (seg === '*' || k === `mcast:${seg}` || k === 'mcast:*'), e.t);
        break;
      case 'freeze':
        begin(`freeze:${f.node}`, e.t);
        break;
      case 'thaw':
      case 'crash':
      case 'restart':
      case 'stop':
        finish((k) => k === `freeze:${f.node}`, e.t);
        break;
      default:
        break;
    }
  }
  finish(() => true, end);
  return mergeWindows(out);
}

export function mergeWindows(ws: readonly Window[]): Window[] {
  const sorted = [...ws].sort((a, b) => a.from - b.from);
  const out: Window[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && w.from <= last.to) out[out.length - 1] = { from: last.from, to: Math.max(last.to, w.to) };
    else out.push(w);
  }
  return out;
}

/** `w` minus every window in `allowed`. */
export function subtractWindows(w: Window, allowed: readonly Window[]): Window[] {
  let parts: Window[] = [w];
  for (const a of allowed) {
    parts = parts.flatMap((p) => {
      if (a.to <= p.from || a.from >= p.to) return [p];
      const r: Window[] = [];
      if (a.from > p.from) r.push({ from: p.from, to: a.from });
      if (a.to < p.to) r.push({ from: a.to, to: p.to });
      return r;
    });
  }
  return parts;
}

export const length = (w: Window): Micros => w.to - w.from;

/**
 * Probe ok/failed windows from its change events, dated by when the attempts were made (a
 * connection that times out was already failing when it was sent). Availability is the share of
 * [from, end] the probe was succeeding: the time before its first success is an outage like any
 * other (a service nobody can reach for 100 s is not "100 % from 100 s"), and a probe that never
 * succeeds is 0 %.
 */
export function probeAvailability(
  trace: readonly TraceEvent[],
  probe: string,
  end: Micros,
  from: Micros = 0,
): { ratio: number; outages: Window[]; firstOk: Micros | null; from: Micros } {
  let firstOk: Micros | null = null;
  // Down until an attempt succeeds: before any attempt the client has reached nothing.
  let downSince: Micros | null = 0;
  const raw: Window[] = [];
  for (const e of traceIndex(trace).probes.get(probe) ?? []) {
    if (e.ok) {
      if (firstOk === null) firstOk = e.sent;
      if (downSince !== null) raw.push({ from: downSince, to: Math.max(downSince, e.sent) });
      downSince = null;
    } else if (downSince === null) downSince = e.sent;
  }
  if (downSince !== null) raw.push({ from: downSince, to: Math.max(downSince, end) });
  const outs = raw.map((w) => ({ from: Math.max(w.from, from), to: Math.min(w.to, end) })).filter((w) => w.to > w.from);
  const total = end - from;
  const down = outs.reduce((s, w) => s + length(w), 0);
  return { ratio: total <= 0 ? (firstOk === null ? 0 : 1) : (total - down) / total, outages: outs, firstOk, from };
}
