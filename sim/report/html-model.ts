// What the HTML timeline draws, computed once from a run: lanes of time spans with their
// tooltip text already written, fault markers and verdicts. The browser script only maps these
// to pixels, so every number and word a reader sees comes from the same code as the text report.
import type { Micros, VrrpState } from '../../src/vrrp/types.js';
import type { TraceEvent } from '../trace.js';
import { dualHolders, faultAllowanceWindows, outages, probeAvailability, subtractWindows, vipHolderSpans } from '../scenario/analysis.js';
import { formatDuration, formatSeconds } from '../scenario/duration.js';
import { describeFault, isNotSimulated } from '../scenario/report-text.js';
import { whereOf } from '../../src/cli/errors.js';
import type { ScenarioRun } from '../scenario/run.js';

/** Fill classes the stylesheet knows; node colours are indices into `nodes`. */
export type SpanFill = VrrpState | 'held' | 'outage' | 'dual' | 'ok' | 'failing' | 'unreached';

export interface Span {
  readonly from: Micros;
  readonly to: Micros;
  readonly fill: SpanFill;
  /** Short text drawn inside the bar when it fits. */
  readonly text: string;
  /** Indices into `nodes` of the VIP's holders (VIP lanes only). */
  readonly holders: readonly number[];
  readonly tip: string;
}

export interface Lane {
  readonly kind: 'instance' | 'vip' | 'probe';
  /** Main and secondary label in the lane's header column. */
  readonly label: string;
  readonly sublabel: string;
  readonly spans: readonly Span[];
  /** Windows drawn over the spans: outages (red) and dual holders (hatched) on VIP lanes. */
  readonly marks: readonly Span[];
}

export interface FaultMark {
  readonly t: Micros;
  readonly label: string;
  readonly tip: string;
}

export interface VerdictRow {
  readonly ok: boolean;
  readonly label: string;
  readonly detail: string;
  readonly where: string;
  /** The instant a master/holder expectation looks at, for a marker on the time axis. */
  readonly at: Micros | null;
}

/** A scenario warning: what vrrplab reads differently from keepalived or does not simulate. */
export interface WarningRow {
  readonly severity: 'warning' | 'error';
  readonly message: string;
  /** `file:line:col`, or '' for a warning about no one place. */
  readonly where: string;
  /** A keyword vrrplab keeps but does not simulate (the text report counts these in one line). */
  readonly notSimulated: boolean;
}

export interface TimelineModel {
  readonly name: string;
  readonly file: string;
  readonly description: string;
  readonly seed: number;
  readonly end: Micros;
  readonly ok: boolean;
  readonly nodes: readonly string[];
  readonly lanes: readonly Lane[];
  readonly faults: readonly FaultMark[];
  readonly verdicts: readonly VerdictRow[];
  readonly warnings: readonly WarningRow[];
}

const sec = (t: Micros): string => `${formatSeconds(t)} s`;
const between = (from: Micros, to: Micros): string => `${sec(from)} → ${sec(to)} (${formatDuration(to - from)})`;

export function timelineModel(run: ScenarioRun): TimelineModel {
  const { spec } = run.scenario;
  const { trace, end } = run.result;
  const nodes = spec.nodes.map((n) => n.name);
  const nodeIndex = new Map(nodes.map((n, i) => [n, i]));
  return {
    name: run.scenario.name,
    file: run.scenario.file,
    description: run.scenario.description ?? '',
    seed: spec.seed,
    end,
    ok: run.ok,
    nodes,
    lanes: [...instanceLanes(run, trace, end), ...vipLanes(trace, end, nodeIndex, shortNames(nodes)), ...probeLanes(run, trace, end)],
    faults: trace.flatMap((e) => (e.type === 'fault' ? [{ t: e.t, label: describeFault(e.fault), tip: `${sec(e.t)}\n${describeFault(e.fault)}` }] : [])),
    verdicts: run.verdicts.map((v) => {
      const x = v.expectation;
      const p = x.pos;
      return { ok: v.ok, label: x.label, detail: v.detail, where: whereOf(p), at: x.kind === 'master' || x.kind === 'holder' ? x.at : null };
    }),
    warnings: run.scenario.warnings.map((w) => ({
      severity: w.severity,
      message: w.message,
      where: w.pos === undefined ? '' : whereOf(w.pos),
      notSimulated: isNotSimulated(w.message),
    })),
  };
}

/** One lane per node × instance, in the order the scenario declares them. */
function instanceLanes(run: ScenarioRun, trace: readonly TraceEvent[], end: Micros): Lane[] {
  const keys: { node: string; instance: string }[] = [];
  const seen = new Set<string>();
  const add = (node: string, instance: string): void => {
    const k = `${node}\u0000${instance}`;
    if (!seen.has(k)) keys.push({ node, instance });
    seen.add(k);
  };
  for (const n of run.scenario.spec.nodes) for (const i of n.router?.instances ?? []) add(n.name, i.name);
  for (const e of trace) if (e.type === 'state') add(e.node, e.instance);
  return keys.map(({ node, instance }) => ({ kind: 'instance', label: node, sublabel: instance, spans: stateSpans(trace, end, node, instance), marks: [] }));
}

/** A span per state, split where the priority changes so each tooltip gives the priority then. */
function stateSpans(trace: readonly TraceEvent[], end: Micros, node: string, instance: string): Span[] {
  const out: Span[] = [];
  let cur: { from: Micros; state: VrrpState; priority: number; why: string } | null = null;
  const close = (t: Micros): void => {
    if (cur === null || t <= cur.from) return;
    out.push({
      from: cur.from, to: t, fill: cur.state, text: cur.state, holders: [],
      tip: `${node}\n${instance}\n${cur.state}, priority ${cur.priority}\n${between(cur.from, t)}${cur.why ? `\n${cur.why}` : ''}`,
    });
  };
  for (const e of trace) {
    if ((e.type !== 'state' && e.type !== 'priority') || e.node !== node || e.instance !== instance) continue;
    close(e.t);
    if (e.type === 'state') cur = { from: e.t, state: e.to, priority: e.priority, why: `${e.from} → ${e.to}${e.reason ? `: ${e.reason}` : ''}` };
    else if (cur !== null) cur = { from: e.t, state: cur.state, priority: e.to, why: `priority ${e.from} → ${e.to}` };
  }
  close(end);
  return out;
}

/** Host part of each node name when that alone tells nodes apart (bars are narrow). */
function shortNames(nodes: readonly string[]): ReadonlyMap<string, string> {
  const short = nodes.map((n) => n.split('.')[0] ?? n);
  const unique = new Set(short).size === short.length;
  return new Map(nodes.map((n, i) => [n, unique ? (short[i] ?? n) : n]));
}

function vipLanes(trace: readonly TraceEvent[], end: Micros, nodeIndex: ReadonlyMap<string, number>, short: ReadonlyMap<string, string>): Lane[] {
  const spans = vipHolderSpans(trace, end);
  const allowed = faultAllowanceWindows(trace, end);
  // Split brain inside a partition, multicast block or freeze is the fault working as modelled;
  // outside one it is what dualMaster expectations exist to catch.
  const why = (w: { from: Micros; to: Micros }): string => {
    const outside = subtractWindows(w, allowed).reduce((n, x) => n + x.to - x.from, 0);
    if (outside === 0) return '\nwhile a partition, multicast block or freeze separates them';
    if (outside === w.to - w.from) return '\nnot explained by a partition, multicast block or freeze';
    return `\n${formatDuration(outside)} of it outside the partition, multicast block or freeze`;
  };
  return [...spans.keys()].sort(compareIpv4).map((vip) => {
    const ss = spans.get(vip) ?? [];
    const held: Span[] = ss
      .filter((s) => s.holders.length > 0)
      .map((s) => ({
        from: s.from, to: s.to, fill: 'held' as const, text: s.holders.map((h) => short.get(h) ?? h).join(' + '),
        holders: s.holders.map((h) => nodeIndex.get(h) ?? -1),
        tip: `${vip}\nheld by ${s.holders.join(' and ')}\n${between(s.from, s.to)}`,
      }));
    const marks: Span[] = [
      ...outages(ss).map((w) => ({ ...w, fill: 'outage' as const, text: 'unheld', holders: [], tip: `${vip}\nOUTAGE: held by nobody\n${between(w.from, w.to)}` })),
      ...dualHolders(ss).map((s) => ({
        from: s.from, to: s.to, fill: 'dual' as const, text: '', holders: [],
        tip: `${vip}\nTWO HOLDERS: ${s.holders.join(' and ')}\n${between(s.from, s.to)}${why(s)}`,
      })),
    ].sort((a, b) => a.from - b.from);
    return { kind: 'vip', label: vip, sublabel: 'VIP holder', spans: held, marks };
  });
}

function probeLanes(run: ScenarioRun, trace: readonly TraceEvent[], end: Micros): Lane[] {
  return run.scenario.spec.probes.map((p) => {
    const a = probeAvailability(trace, p.name, end);
    const spans: Span[] = [];
    let cur: { from: Micros; ok: boolean; text: string } | null = null;
    const close = (t: Micros): void => {
      if (cur === null || t <= cur.from) return;
      // Failures before the first success are startup (nobody holds the VIP yet), not outages.
      const fill: SpanFill = cur.ok ? 'ok' : a.firstOk === null || cur.from < a.firstOk ? 'unreached' : 'failing';
      spans.push({ from: cur.from, to: t, fill, text: cur.ok ? 'ok' : 'FAILING', holders: [], tip: `probe ${p.name} → ${p.target}:${p.port}\n${cur.ok ? 'ok' : 'FAILING'}: ${cur.text}\n${between(cur.from, t)}` });
    };
    for (const e of trace) {
      if (e.type !== 'probe' || e.probe !== p.name) continue;
      close(e.t);
      cur = { from: e.t, ok: e.ok, text: e.ok ? (e.via !== null ? `via ${e.via}` : 'reached') : e.reason };
    }
    close(end);
    const availability = a.firstOk === null ? 'never reached' : `${(a.ratio * 100).toFixed(3)}% available`;
    return { kind: 'probe', label: `probe ${p.name}`, sublabel: `${p.target}:${p.port} · ${availability}`, spans, marks: [] };
  });
}

function compareIpv4(a: string, b: string): number {
  const n = (s: string): number => s.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  return n(a) - n(b) || (a < b ? -1 : a > b ? 1 : 0);
}
