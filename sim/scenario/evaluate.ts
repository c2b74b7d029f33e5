// Expectation verdicts from a trace. Each verdict says what was observed, so a failure reads as
// a finding ("192.0.2.101 was unheld for 3.61s from 10.0s"), not just FAIL.
import type { Micros } from '../../src/vrrp/types.js';
import type { SimResult, TraceEvent } from '../trace.js';
import type { SimSpec, TimelineEvent } from '../spec.js';
import { checkInvariants } from '../../src/testing/invariants.js';
import { formatDuration, formatSeconds } from './duration.js';
import type { Expectation, Verdict } from './expectations.js';
import {
  dualHolders, faultAllowanceWindows, holdersAt, length, mastersAt, outages, probeAvailability, subtractWindows, vipHolderSpans,
  type HolderSpan, type Window,
} from './analysis.js';

const T = formatDuration;
const at = (w: Window): string => `${formatSeconds(w.from)}s–${formatSeconds(w.to)}s`;

export function evaluate(expectations: readonly Expectation[], result: SimResult, spec: SimSpec): Verdict[] {
  const spans = vipHolderSpans(result.trace, result.end);
  return expectations.map((x) => ({ expectation: x, ...check(x, result, spans, spec) }));
}

function check(x: Expectation, r: SimResult, spans: ReadonlyMap<string, readonly HolderSpan[]>, spec: SimSpec): { ok: boolean; detail: string } {
  const timeline: readonly TimelineEvent[] = spec.timeline;
  switch (x.kind) {
    case 'invariants': {
      const report = checkInvariants(spec, r, x.only ?? undefined);
      const bad = report.verdicts.filter((v) => !v.ok);
      return { ok: bad.length === 0, detail: bad.length === 0 ? `${report.verdicts.length} hold` : bad.map((v) => `${v.name}: ${v.detail}`).join('; ') };
    }
    case 'master': {
      if (x.at > r.end) return { ok: false, detail: `the run ended at ${T(r.end)}, before ${T(x.at)}` };
      const ms = mastersAt(r.trace, x.instance, x.at);
      const ok = sameNodes(ms, x.nodes);
      return { ok, detail: ms.length === 0 ? 'no MASTER' : `MASTER: ${ms.join(', ')}` };
    }
    case 'holder': {
      if (x.at > r.end) return { ok: false, detail: `the run ended at ${T(r.end)}, before ${T(x.at)}` };
      const hs = holdersAt(spans.get(x.vip), x.at);
      const ok = sameNodes(hs, x.nodes);
      return { ok, detail: hs.length === 0 ? 'held by nobody' : `held by ${hs.join(', ')}` };
    }
    case 'longestOutage': {
      const vips = x.vip === null ? [...spans.keys()] : [x.vip];
      if (x.vip !== null && !spans.has(x.vip)) return { ok: false, detail: `${x.vip} was never held` };
      let worst: { vip: string; w: Window } | null = null;
      for (const v of vips) for (const w of outages(spans.get(v) ?? [])) if (worst === null || length(w) > length(worst.w)) worst = { vip: v, w };
      if (worst === null) return { ok: true, detail: 'no outage' };
      return { ok: length(worst.w) <= x.max, detail: `longest ${T(length(worst.w))}: ${worst.vip} unheld ${at(worst.w)}` };
    }
    case 'dualMaster': {
      const allowed = x.allowDuringFaults ? faultAllowanceWindows(r.trace, r.end) : [];
      const windows: { vip: string; w: Window; holders: readonly string[] }[] = [];
      for (const [vip, ss] of spans) for (const s of dualHolders(ss)) for (const w of subtractWindows(s, allowed)) windows.push({ vip, w, holders: s.holders });
      const total = windows.reduce((s, d) => s + length(d.w), 0);
      const longest = windows.reduce<(typeof windows)[number] | null>((b, d) => (b === null || length(d.w) > length(b.w) ? d : b), null);
      const ok = (x.longest === null || (longest === null ? 0 : length(longest.w)) <= x.longest) && (x.total === null || total <= x.total);
      if (longest === null) return { ok, detail: 'never two holders' };
      return { ok, detail: `total ${T(total)}, longest ${T(length(longest.w))}: ${longest.vip} held by ${longest.holders.join(' and ')} ${at(longest.w)}` };
    }
    case 'convergence': {
      const last = timeline.length === 0 ? 0 : Math.max(...timeline.map((e) => e.at));
      const settled = settleTime(r.trace, last);
      const vips = [...spans.keys()];
      const bad = vips.filter((v) => holdersAt(spans.get(v), r.end).length !== 1);
      if (bad.length > 0) return { ok: false, detail: `at the end ${bad.map((v) => `${v} has ${holdersAt(spans.get(v), r.end).length} holders`).join(', ')}` };
      const took = settled - last;
      return { ok: took <= x.within, detail: `settled ${T(took)} after the last event (${T(last)})` };
    }
    case 'availability': {
      const a = probeAvailability(r.trace, x.probe, r.end, x.from);
      const pct = (a.ratio * 100).toFixed(3);
      const worst = a.outages.reduce<Window | null>((b, w) => (b === null || length(w) > length(b) ? w : b), null);
      const never = a.firstOk === null ? ', never succeeded' : '';
      return { ok: a.ratio >= x.min, detail: `${pct}% of ${at({ from: a.from, to: r.end })}${never}${worst ? `, ${a.outages.length} outage(s), longest ${T(length(worst))} ${at(worst)}` : ''}` };
    }
  }
}

function sameNodes(seen: readonly string[], want: readonly string[]): boolean {
  const w = [...want].sort();
  return seen.length === w.length && [...seen].sort().every((n, i) => n === w[i]);
}

/** Time of the last state or VIP change at or after `from` (or `from` if none). */
function settleTime(trace: readonly TraceEvent[], from: Micros): Micros {
  // From the end: the last such event in trace order is the first found (the run's last few events).
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i]!;
    if ((e.type === 'state' || e.type === 'vip') && e.t >= from) return e.t;
  }
  return from;
}
