// The study as a text table: per probe, every variant's availability with its interval, nines,
// outages per year and their duration distribution, and what caused the downtime; then each
// variant's paired difference to the first, the VIPs' dual-master time, and the warnings.
import { humanDuration, YEAR } from './duration.js';
import type { StudyResult } from './study.js';
import { worstRun } from './replay.js';
import type { ProbeSummary } from './summary.js';
import { escapeControls } from '../cli/errors.js';

export const pct = (x: number): string => `${(x * 100).toFixed(x > 0.9999 ? 5 : 4)}%`;
export const ninesText = (n: number | null): string => (n === null ? '∞' : n.toFixed(2));
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - [...s].length));

/** Cells are escaped (escapeControls): variant names come from --set and file names, warnings from keepalived.conf. */
function table(raw: readonly (readonly string[])[]): string[] {
  const rows = raw.map((r) => r.map(escapeControls));
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, [...c].length); });
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i] ?? 0))).join('  ').trimEnd());
}

export function causesText(p: ProbeSummary): string {
  return p.causes.length === 0 ? '-' : p.causes.map((c) => `${c.cause} ${(c.share * 100).toFixed(0)}%`).join(', ');
}

export function renderText(r: StudyResult): string {
  const s = r.study;
  const out: string[] = [];
  const shard = r.shard === null ? '' : ` (shard ${r.shard.index}/${r.shard.count}: ${r.runs.length} of them)`;
  out.push(`availability: ${s.runs} runs × ${s.years} year(s) per variant${shard}, seed ${s.seed}`);
  out.push(`estimator: ${s.estimator}, ${Math.round(s.level * 100)}% intervals`);
  const variants = r.summary.variants;
  const probes = [...new Set(variants.flatMap((v) => v.probes.map((p) => p.probe)))];
  for (const name of probes) {
    out.push('', `probe ${name} (as its client sees it, through its ARP cache)`);
    const rows: string[][] = [['variant', 'availability', `nines [${Math.round(s.level * 100)}% CI]`, 'down/yr', 'outages/yr', 'p50', 'p90', 'p99', 'max', 'caused by']];
    for (const v of variants) {
      const p = v.probes.find((x) => x.probe === name);
      if (p === undefined) continue;
      rows.push([
        v.name, pct(p.availability.mean), `${ninesText(p.nines.mean)} [${ninesText(p.nines.low)}, ${ninesText(p.nines.high)}]`, humanDuration(p.downtimePerYear),
        p.outagesPerYear.toFixed(1), humanDuration(p.outage.p50), humanDuration(p.outage.p90), humanDuration(p.outage.p99), humanDuration(p.outage.max), causesText(p),
      ]);
    }
    out.push(...table(rows).map((l) => `  ${l}`));
  }
  const diffs = variants.filter((v) => v.versusFirst !== null && v.versusFirst.length > 0);
  if (diffs.length > 0) {
    out.push('', `versus ${variants[0]?.name ?? 'the first'} (paired over the same failure histories; < 0 is less downtime)`);
    const rows: string[][] = [['variant', 'probe', 'Δ downtime/yr', `${Math.round(s.level * 100)}% CI`]];
    const signed = (us: number): string => (us < 0 ? `-${humanDuration(-us)}` : `+${humanDuration(us)}`);
    for (const v of diffs) for (const d of v.versusFirst ?? []) rows.push([v.name, d.probe, signed(d.downtimePerYear), `[${signed(d.unavailability.low * YEAR)}, ${signed(d.unavailability.high * YEAR)}]`]);
    out.push(...table(rows).map((l) => `  ${l}`));
  }
  out.push('', 'VIPs (from the first holder on)');
  const vrows: string[][] = [['variant', 'vip', 'unheld/yr', 'dual master/yr']];
  for (const v of variants) for (const x of v.vips) vrows.push([v.name, x.vip, humanDuration(x.unheldPerYear), humanDuration(x.dualPerYear)]);
  out.push(...table(vrows).map((l) => `  ${l}`));
  const worst = worstRun(r.runs);
  if (worst !== null) out.push('', `longest outage: run ${worst.run}, ${escapeControls(worst.probe)} ${humanDuration(worst.outage)}${variants.length > 1 ? ` (${escapeControls(variants[0]?.name ?? '')})` : ''}; \`--history ${worst.run}\` writes that run as a scenario \`vrrplab run\` replays`);
  for (const w of s.warnings) out.push(escapeControls(`warning: ${w}`));
  return `${out.join('\n')}\n`;
}
