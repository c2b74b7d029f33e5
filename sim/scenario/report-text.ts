// The readable timeline: one line per thing an operator cares about, aligned in columns, then one
// verdict line per expectation with the line of the scenario that stated it.
import type { Fault } from '../spec.js';
import type { TraceEvent } from '../trace.js';
import { formatDuration, formatSeconds } from './duration.js';
import { probeAvailability } from './analysis.js';
import type { ScenarioRun } from './run.js';

export function describeFault(f: Fault): string {
  const seg = 'segment' in f && f.segment !== undefined ? ` on ${f.segment}` : '';
  switch (f.kind) {
    case 'crash': case 'stop': case 'start': case 'restart': case 'freeze': case 'thaw':
      return `${f.kind} ${f.node}`;
    case 'link-down': case 'link-up':
      return `${f.kind} ${f.node}${f.iface !== undefined ? ` ${f.iface}` : ''}`;
    case 'service-down': case 'service-up':
      return `${f.kind} ${f.node}${f.service !== undefined ? ` ${f.service}` : ''}${f.port !== undefined ? ` :${f.port}` : ''}`;
    case 'partition':
      return `partition${seg} ${f.groups.map((g) => `[${g.join(', ')}]`).join(' | ')}`;
    case 'partition-oneway':
      return `partition${seg} one-way [${f.from.join(', ')}] -> [${f.to.join(', ')}] dropped`;
    case 'heal': case 'block-multicast': case 'unblock-multicast':
      return `${f.kind}${seg}`;
    case 'loss':
      return `loss${seg} ${(f.rate * 100).toFixed(2).replace(/\.?0+$/, '')}%`;
    case 'latency':
      return `latency${seg} ${formatDuration(f.latency)}${f.jitter !== undefined ? ` jitter ${formatDuration(f.jitter)}` : ''}`;
    case 'set-priority':
      return `set-priority ${f.node} ${f.instance} ${f.priority}`;
  }
}

function line(e: TraceEvent): [string, string, string] | null {
  switch (e.type) {
    case 'state':
      return [e.node, e.instance, `${e.from} -> ${e.to}  prio ${e.priority}${e.reason ? `  (${e.reason})` : ''}`];
    case 'priority':
      return [e.node, e.instance, `priority ${e.from} -> ${e.to}`];
    case 'vip':
      return [e.node, e.instance, `${e.action === 'add' ? '+' : '-'} ${e.vip}`];
    case 'fault':
      return ['**', '', describeFault(e.fault)];
    case 'probe':
      return [`probe ${e.probe}`, '', e.ok ? `ok${e.via !== null ? ` via ${e.via}` : ''}` : `FAILING: ${e.reason}`];
    default:
      return null;
  }
}

export function renderText(run: ScenarioRun, opts: { readonly color?: boolean } = {}): string {
  const s = run.scenario;
  const out: string[] = [];
  const c = (code: string, t: string): string => (opts.color ? `\u001b[${code}m${t}\u001b[0m` : t);
  out.push(`${s.name} — seed ${s.spec.seed}, ${formatDuration(run.result.end)} of virtual time`);
  if (s.description) out.push(...s.description.trim().split('\n').map((l) => `  ${l}`));
  out.push('');
  const rows = run.result.trace.flatMap((e) => {
    const l = line(e);
    return l === null ? [] : [[formatSeconds(e.t), ...l] as const];
  });
  const w1 = Math.max(4, ...rows.map((r) => r[1].length));
  const w2 = Math.max(0, ...rows.map((r) => r[2].length));
  for (const r of rows) out.push(`${r[0].padStart(12)}  ${r[1].padEnd(w1)}  ${r[2].padEnd(w2)}  ${r[3]}`.trimEnd());
  for (const p of s.spec.probes) {
    const a = probeAvailability(run.result.trace, p.name, run.result.end);
    out.push('');
    out.push(a.firstOk === null ? `probe ${p.name}: never reached ${p.target}:${p.port} (0% available)` : `probe ${p.name} (${p.target}:${p.port}): ${(a.ratio * 100).toFixed(3)}% available from ${formatDuration(a.from)}, first success at ${formatDuration(a.firstOk)}, ${a.outages.length} outage(s)${a.outages.map((w) => `\n  outage ${formatSeconds(w.from)}s – ${formatSeconds(w.to)}s (${formatDuration(w.to - w.from)})`).join('')}`);
  }
  // Keywords kept verbatim but not simulated (smtp_server, ...) change no verdict: count them
  // instead of burying the adjustments that do (preempt_delay cleared, ...).
  const notSimulated = s.warnings.filter((w) => /outside the VRRP subset/.test(w.message));
  const shown = s.warnings.filter((w) => !notSimulated.includes(w));
  if (shown.length + notSimulated.length > 0) out.push('');
  for (const w of shown) out.push(`${w.pos ? `${w.pos.file}:${w.pos.line ?? 1}:${w.pos.col ?? 1}: ` : ''}${w.severity}: ${w.message}`);
  if (notSimulated.length > 0) out.push(`(${notSimulated.length} keyword(s) outside the VRRP subset are kept but not simulated; vrrplab check-config lists them)`);
  out.push('');
  if (run.verdicts.length === 0) out.push('no expectations');
  for (const v of run.verdicts) {
    const p = v.expectation.pos;
    out.push(`${v.ok ? c('32', 'PASS') : c('31', 'FAIL')}  ${v.expectation.label} — ${v.detail}${v.ok ? '' : `  (${p.file}:${p.line ?? 1}:${p.col ?? 1})`}`);
  }
  const failed = run.verdicts.filter((v) => !v.ok).length;
  out.push(`${run.verdicts.length - failed} passed, ${failed} failed`);
  return `${out.join('\n')}\n`;
}
