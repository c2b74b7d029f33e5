// JSON Lines: one object per line, times as seconds, each naming its scenario; the line types
// are report-lines.ts (published as schema/report-lines.schema.json). A state line starts with
// the fields the README documents, in that order, so scripts can rely on it.
import { safeJson, whereOf, type InputError } from '../../src/cli/errors.js';
import type { TraceEvent } from '../trace.js';
import type { ScenarioRun } from './run.js';
import type { ReportLine } from './report-lines.js';
import { probeAvailability } from './analysis.js';
import { describeFault, type ReportWriter } from './report-text.js';
import type { LoadedScenario } from './load.js';
import type { Micros } from '../../src/vrrp/types.js';

const sec = (us: number): number => us / 1_000_000;

function toJson(e: TraceEvent, scenario: string): ReportLine | null {
  switch (e.type) {
    case 'state':
      return { t: sec(e.t), type: 'state', node: e.node, instance: e.instance, from: e.from, to: e.to, priority: e.priority, reason: e.reason, scenario };
    case 'vip':
      return { t: sec(e.t), type: 'vip', node: e.node, instance: e.instance, vip: e.vip, action: e.action, scenario };
    case 'fault': {
      const f = e.fault;
      // Seconds like every other time on these lines.
      const times = f.kind === 'latency' ? { latency: sec(f.latency), ...(f.jitter !== undefined ? { jitter: sec(f.jitter) } : {}) } : {};
      return { t: sec(e.t), type: 'fault', ...f, ...times, text: describeFault(f), scenario };
    }
    case 'probe':
      return { t: sec(e.t), type: 'probe', probe: e.probe, ok: e.ok, via: e.via, reason: e.reason, sent: sec(e.sent), scenario };
    case 'priority':
      return { t: sec(e.t), type: 'priority', node: e.node, instance: e.instance, from: e.from, to: e.to, scenario };
    default:
      return null;
  }
}

function headLine(s: LoadedScenario, end: Micros): ReportLine {
  return { type: 'scenario', name: s.name, description: s.description, seed: s.spec.seed, duration: sec(end), scenario: s.file };
}

/** What follows the trace: availability, warnings, verdicts and the result. */
function tailLines(run: ScenarioRun): ReportLine[] {
  const s = run.scenario;
  const scenario = s.file;
  const lines: ReportLine[] = [];
  for (const p of s.spec.probes) {
    const a = probeAvailability(run.result.trace, p.name, run.result.end);
    lines.push({ type: 'availability', probe: p.name, target: p.target, port: p.port, ratio: a.ratio, from: sec(a.from), firstOk: a.firstOk === null ? null : sec(a.firstOk), outages: a.outages.map((w) => ({ from: sec(w.from), to: sec(w.to) })), scenario });
  }
  for (const w of s.warnings) lines.push({ type: 'warning', severity: w.severity, message: w.message, where: w.pos ? whereOf(w.pos) : null, scenario });
  for (const v of run.verdicts) {
    lines.push({ type: 'expect', kind: v.expectation.kind, label: v.expectation.label, ok: v.ok, detail: v.detail, where: whereOf(v.expectation.pos), scenario });
  }
  const failed = run.verdicts.filter((v) => !v.ok).length;
  lines.push({ type: 'result', ok: run.ok, passed: run.verdicts.length - failed, failed, scenario });
  return lines;
}

/** Every line of one scenario's run: what the text report shows, in its order. */
export function runLines(run: ScenarioRun): ReportLine[] {
  const lines: ReportLine[] = [headLine(run.scenario, run.result.end)];
  for (const e of run.result.trace) {
    const j = toJson(e, run.scenario.file);
    if (j !== null) lines.push(j);
  }
  return [...lines, ...tailLines(run)];
}

/** One run's lines (runLines) written through `write` as the run makes them; no summary line. */
export function jsonLinesReport(s: LoadedScenario, end: Micros, write: (text: string) => void): ReportWriter {
  write(text([headLine(s, end)]));
  return {
    events: (events) => {
      let out = '';
      for (const e of events) {
        const j = toJson(e, s.file);
        if (j !== null) out += `${safeJson(j)}\n`;
      }
      if (out !== '') write(out);
    },
    end: (run) => write(text(tailLines(run))),
  };
}

/** A scenario that could not be run, as its own item. */
export function errorLine(file: string, e: InputError): ReportLine {
  return { type: 'error', message: e.message, where: e.pos !== undefined ? whereOf(e.pos) : file, scenario: file };
}

export function summaryLine(runs: readonly ScenarioRun[], errors: number, exit: number): ReportLine {
  const passed = runs.filter((r) => r.ok).length;
  return { type: 'summary', scenarios: runs.length + errors, passed, failed: runs.length - passed, errors, exit };
}

const text = (lines: readonly ReportLine[]): string => lines.map((l) => `${safeJson(l)}\n`).join('');

/** One run, with its summary line last. */
export function renderJsonLines(run: ScenarioRun): string {
  return text([...runLines(run), summaryLine([run], 0, run.ok ? 0 : 1)]);
}

export function renderJsonLinesOf(lines: readonly ReportLine[]): string {
  return text(lines);
}
