// JSON Lines: one object per line, times as seconds. The `state` line has exactly the fields the
// README documents, in that order, so scripts can rely on it.
import type { TraceEvent } from '../trace.js';
import type { ScenarioRun } from './run.js';

const sec = (us: number): number => us / 1_000_000;

function toJson(e: TraceEvent): object | null {
  switch (e.type) {
    case 'state':
      return { t: sec(e.t), type: 'state', node: e.node, instance: e.instance, from: e.from, to: e.to, priority: e.priority };
    case 'vip':
      return { t: sec(e.t), type: 'vip', node: e.node, instance: e.instance, vip: e.vip, action: e.action };
    case 'fault':
      return { t: sec(e.t), type: 'fault', ...e.fault };
    case 'probe':
      return { t: sec(e.t), type: 'probe', probe: e.probe, ok: e.ok, via: e.via, reason: e.reason, sent: sec(e.sent) };
    case 'priority':
      return { t: sec(e.t), type: 'priority', node: e.node, instance: e.instance, from: e.from, to: e.to };
    default:
      return null;
  }
}

export function renderJsonLines(run: ScenarioRun): string {
  const lines: string[] = [];
  for (const e of run.result.trace) {
    const j = toJson(e);
    if (j !== null) lines.push(JSON.stringify(j));
  }
  // Warnings too: a prediction that rests on something vrrplab does not simulate says so here.
  for (const w of run.scenario.warnings) {
    const where = w.pos === undefined ? null : `${w.pos.file}${w.pos.line !== undefined ? `:${w.pos.line}:${w.pos.col ?? 1}` : ''}`;
    lines.push(JSON.stringify({ type: 'warning', severity: w.severity, message: w.message, where }));
  }
  for (const v of run.verdicts) {
    const p = v.expectation.pos;
    lines.push(JSON.stringify({ type: 'expect', kind: v.expectation.kind, label: v.expectation.label, ok: v.ok, detail: v.detail, where: `${p.file}:${p.line ?? 1}:${p.col ?? 1}` }));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
