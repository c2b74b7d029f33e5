// The readable timeline: one line per thing an operator cares about, aligned in columns, then one
// verdict line per expectation with the line of the scenario that stated it.
import type { Fault } from '../spec.js';
import type { TraceEvent } from '../trace.js';
import { formatDuration, formatSeconds } from './duration.js';
import { probeAvailability } from './analysis.js';
import type { ScenarioRun } from './run.js';
import type { LoadedScenario } from './load.js';
import type { Micros } from '../../src/vrrp/types.js';
import { escapeControls, whereOf } from '../../src/cli/errors.js';

// Names read from keepalived.conf (instances, scripts, interfaces) may hold any byte keepalived
// accepts, ESC included: every such string is shown escaped (escapeControls), as error lines
// are, so a configuration cannot drive the reader's terminal. The colours are the report's own.
const x = escapeControls;

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
      return [e.node, x(e.instance), x(`${e.from} -> ${e.to}  prio ${e.priority}${e.reason ? `  (${e.reason})` : ''}`)];
    case 'priority':
      return [e.node, x(e.instance), `priority ${e.from} -> ${e.to}`];
    case 'vip':
      return [e.node, x(e.instance), `${e.action === 'add' ? '+' : '-'} ${e.vip}`];
    case 'fault':
      return ['**', '', x(describeFault(e.fault))];
    case 'probe':
      return [`probe ${e.probe}`, '', x(e.ok ? `ok${e.via !== null ? ` via ${e.via}` : ''}` : `FAILING: ${e.reason}`)];
    default:
      return null;
  }
}

/**
 * A scenario's warnings as the text reports show them, escaped. Keywords kept verbatim but not
 * simulated (smtp_server, ...) change no verdict: they are counted instead of burying the
 * adjustments that do (preempt_delay cleared, ...).
 */
/** A keyword keepalived acts on but vrrplab only keeps (keepalived/parse-common.ts words it so). */
export function isNotSimulated(message: string): boolean {
  return /outside the VRRP subset/.test(message);
}

export function warningLines(warnings: LoadedScenario['warnings']): string[] {
  const notSimulated = warnings.filter((w) => isNotSimulated(w.message));
  const lines = warnings.filter((w) => !notSimulated.includes(w)).map((w) => x(`${w.pos ? `${whereOf(w.pos)}: ` : ''}${w.severity}: ${w.message}`));
  if (notSimulated.length > 0) lines.push(`(${notSimulated.length} keyword(s) outside the VRRP subset are kept but not simulated; vrrplab check-config lists them)`);
  return lines;
}

/** A report written as the run goes: the trace as it comes, the rest once the run is over. */
export interface ReportWriter {
  readonly events: (events: readonly TraceEvent[]) => void;
  readonly end: (run: ScenarioRun) => void;
}

type Row = readonly [string, string, string, string];

/** The widest a row's node and instance columns can be: keepalived nodes, probes, `**`, instance names. */
function widest(s: LoadedScenario): { readonly node: number; readonly instance: number } {
  const routers = s.spec.nodes.filter((n) => n.router !== null);
  return {
    node: Math.max(4, 2, ...routers.map((n) => n.name.length), ...s.spec.probes.map((p) => `probe ${p.name}`.length)),
    instance: Math.max(0, ...routers.flatMap((n) => n.router!.instances.map((i) => x(i.name).length))),
  };
}

/**
 * The readable timeline, written through `write` as the run makes it. Its columns are as wide as
 * the widest row, so rows are held until a row as wide as any can be has been seen (at startup,
 * when every keepalived node reports its first state), then written as they come.
 */
export function textReport(s: LoadedScenario, end: Micros, write: (text: string) => void, opts: { readonly color?: boolean } = {}): ReportWriter {
  const c = (code: string, t: string): string => (opts.color ? `\u001b[${code}m${t}\u001b[0m` : t);
  const head = [`${x(s.name)} — seed ${s.spec.seed}, ${formatDuration(end)} of virtual time`];
  if (s.description) head.push(...s.description.trim().split('\n').map((l) => `  ${x(l)}`));
  write(`${head.join('\n')}\n\n`);
  const most = widest(s);
  let held: Row[] | null = [];
  let w1 = 4;
  let w2 = 0;
  const text = (r: Row): string => `${`${r[0].padStart(12)}  ${r[1].padEnd(w1)}  ${r[2].padEnd(w2)}  ${r[3]}`.trimEnd()}\n`;
  return {
    events: (events) => {
      let out = '';
      for (const e of events) {
        const l = line(e);
        if (l === null) continue;
        const r: Row = [formatSeconds(e.t), ...l];
        if (held === null) {
          if (r[1].length > w1 || r[2].length > w2) throw new Error(`text report: row wider than its columns (${r[1]}, ${r[2]})`);
          out += text(r);
          continue;
        }
        held.push(r);
        w1 = Math.max(w1, r[1].length);
        w2 = Math.max(w2, r[2].length);
        if (w1 >= most.node && w2 >= most.instance) {
          for (const h of held) out += text(h);
          held = null;
        }
      }
      if (out !== '') write(out);
    },
    end: (run) => {
      let out = held === null ? '' : held.map(text).join('');
      held = null;
      const lines: string[] = [];
      for (const p of s.spec.probes) {
        const a = probeAvailability(run.result.trace, p.name, run.result.end);
        lines.push('');
        lines.push(a.firstOk === null ? `probe ${p.name}: never reached ${p.target}:${p.port} (0% available)` : `probe ${p.name} (${p.target}:${p.port}): ${(a.ratio * 100).toFixed(3)}% available from ${formatDuration(a.from)}, first success at ${formatDuration(a.firstOk)}, ${a.outages.length} outage(s)${a.outages.map((w) => `\n  outage ${formatSeconds(w.from)}s – ${formatSeconds(w.to)}s (${formatDuration(w.to - w.from)})`).join('')}`);
      }
      const warnings = warningLines(s.warnings);
      if (warnings.length > 0) lines.push('', ...warnings);
      lines.push('');
      if (run.verdicts.length === 0) lines.push('no expectations');
      for (const v of run.verdicts) {
        const p = v.expectation.pos;
        lines.push(`${v.ok ? c('32', 'PASS') : c('31', 'FAIL')}  ${x(`${v.expectation.label} — ${v.detail}${v.ok ? '' : `  (${whereOf(p)})`}`)}`);
      }
      const failed = run.verdicts.filter((v) => !v.ok).length;
      lines.push(`${run.verdicts.length - failed} passed, ${failed} failed`);
      out += `${lines.join('\n')}\n`;
      write(out);
    },
  };
}

export function renderText(run: ScenarioRun, opts: { readonly color?: boolean } = {}): string {
  let out = '';
  const r = textReport(run.scenario, run.result.end, (t) => { out += t; }, opts);
  r.events(run.result.trace);
  r.end(run);
  return out;
}
