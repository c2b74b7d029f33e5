// The comparison as the table `vrrplab conformance` prints: both timelines side by side, the
// differences marked, then ownership, the tolerances (with the run's measured drift) and the verdict.
import type { Micros, VrrpState } from '../vrrp/types.js';
import { MAX_DRIFT, type Comparison } from './compare.js';
import { escapeControls } from '../cli/errors.js';

const secs = (t: Micros): string => (t / 1e6).toFixed(3);
const ms = (t: Micros): string => `${t >= 0 ? '+' : '-'}${(Math.abs(t) / 1000).toFixed(1)}ms`;
const tr = (e: { from: VrrpState; to: VrrpState }): string => `${e.from}->${e.to}`;

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
}

export function formatComparisonText(c: Comparison): string {
  const header = ['', 'node', 'instance', 'simulated', 'real', 'error', 'note'];
  const body = c.rows.map((r) => {
    switch (r.kind) {
      case 'matched': {
        const mark = r.withinTolerance ? ' ' : '!';
        const notes = [
          r.withinTolerance ? '' : `outside ±${(r.tolerance / 1000).toFixed(0)}ms`,
          r.checkDriven ? 'check-driven' : '',
          r.carrierDriven ? 'carrier-driven' : '',
          r.fromDiffers ? `real from ${r.real.from}` : '',
        ].filter(Boolean).join('; ');
        return [mark, r.node, r.instance, `${secs(r.sim.t)} ${tr(r.sim)} p${r.sim.priority}`, `${secs(r.real.t)} ${tr(r.real)} p${r.real.priority}`, ms(r.error), notes];
      }
      case 'missing':
        return ['!', r.node, r.instance, `${secs(r.sim.t)} ${tr(r.sim)} p${r.sim.priority}`, '-', '', 'missing in real run'];
      case 'extra':
        return ['!', r.node, r.instance, '-', `${secs(r.real.t)} ${tr(r.real)} p${r.real.priority}`, '', 'extra in real run'];
      case 'blip': {
        const text = `${secs(r.first.t)} ${tr(r.first)}->${r.second.to}`;
        return ['~', r.node, r.instance, r.side === 'sim' ? text : '-', r.side === 'real' ? text : '-', '', 'race within tolerance (not counted)'];
      }
    }
  });
  // Instance names come from keepalived.conf, where any non-blank byte goes: shown escaped.
  const rows = body.map((row) => row.map(escapeControls));
  const widths = header.map((_, i) => Math.max(header[i]?.length ?? 0, ...rows.map((row) => row[i]?.length ?? 0)));
  const lines = [pad(header, widths), ...rows.map((row) => pad(row, widths))];
  const o = c.ownership;
  lines.push('');
  lines.push(`ownership (${o.basis === 'vip' ? 'by VIP' : 'by MASTER state'}): ${o.disagreements.length === 0 ? 'agrees' : `${o.disagreements.length} disagreement(s)`}, ${(o.totalDisagreement / 1000).toFixed(1)}ms differing in total`);
  for (const d of o.disagreements) {
    lines.push(escapeControls(`! ${d.subject} ${secs(d.from)}-${secs(d.to)}s: simulated ${d.sim.join(',') || '(none)'}, real ${d.real.join(',') || '(none)'}`));
  }
  lines.push(`tolerance: timer ±${(c.tolerances.timer / 1000).toFixed(0)}ms, check ±${(c.tolerances.check / 1000).toFixed(0)}ms, carrier ±${(c.tolerances.carrier / 1000).toFixed(0)}ms${c.drift > 0 ? `, each + ${(c.drift * 1000).toFixed(2)} ms per second elapsed (real timers drifted late: keepalived re-arms from when it woke; allowed up to ${MAX_DRIFT * 1000})` : ''}; max |error| ${(c.maxAbsError / 1000).toFixed(1)}ms`);
  const diffs = c.missing + c.extra + c.outOfTolerance + o.disagreements.length;
  lines.push(`verdict: ${c.verdict === 'agree' ? 'AGREE' : `DIFFER (${diffs} difference(s): ${c.missing} missing, ${c.extra} extra, ${c.outOfTolerance} late/early, ${o.disagreements.length} ownership)`}`);
  return `${lines.join('\n')}\n`;
}
