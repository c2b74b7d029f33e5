// The study as one self-contained page (inline CSS and SVG, no script, no network; a CSP that
// allows only its own style): per probe, the nines of each variant with their interval, the
// outage-duration distribution and the downtime attribution. Same result → same bytes.
import { createHash } from 'node:crypto';
import { escapeHtml } from '../../sim/report/html.js';
import { humanDuration, YEAR } from './duration.js';
import { causesText, ninesText, pct } from './report-text.js';
import type { StudyResult } from './study.js';
import type { ProbeSummary } from './summary.js';

export const VARIANT_COLOURS: readonly string[] = ['#1971c2', '#e8590c', '#2f9e44', '#9c36b5', '#c2255c', '#0c8599', '#5c940d', '#364fc7'];
export const CAUSE_COLOURS: readonly string[] = ['#f03e3e', '#f59f00', '#7048e8', '#12b886', '#e64980', '#1c7ed6', '#74b816', '#868e96'];
/** Outage-duration bins (upper edges, µs): log-spaced, the scale operators think in. */
const BINS: readonly { readonly label: string; readonly upTo: number }[] = [
  { label: '<1s', upTo: 1e6 }, { label: '1–3s', upTo: 3e6 }, { label: '3–10s', upTo: 1e7 }, { label: '10–30s', upTo: 3e7 }, { label: '30s–1m', upTo: 6e7 },
  { label: '1–3m', upTo: 1.8e8 }, { label: '3–10m', upTo: 6e8 }, { label: '10–30m', upTo: 1.8e9 }, { label: '30m–1h', upTo: 3.6e9 }, { label: '>1h', upTo: Infinity },
];

const STYLE = `body{font:14px system-ui,sans-serif;margin:24px;color:#212529;background:#fff}
h1{font-size:20px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;margin:8px 0}
td,th{border:1px solid #dee2e6;padding:3px 8px;text-align:right}th{background:#f1f3f5}td:first-child,th:first-child{text-align:left}
.plots{display:flex;flex-wrap:wrap;gap:16px}.plot{border:1px solid #dee2e6;padding:6px}.warn{color:#c92a2a}
svg text{font:11px system-ui,sans-serif;fill:#343a40}`;

const hash = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const n = (x: number): string => (Number.isFinite(x) ? Number(x.toFixed(2)).toString() : '0');

function colour(list: readonly string[], i: number): string {
  return list[i % list.length] ?? '#868e96';
}

/** Nines of every variant for one probe, a bar each with its interval as a whisker. */
function ninesPlot(rows: readonly { name: string; p: ProbeSummary }[]): string {
  const W = 420, H = 40 + rows.length * 34;
  const finite = rows.flatMap((r) => [r.p.nines.mean, r.p.nines.high, r.p.nines.low]).filter((x): x is number => x !== null);
  const top = Math.max(1, Math.ceil(Math.max(0, ...finite) + 0.5));
  const x = (v: number | null): number => 130 + (Math.min(v ?? top, top) / top) * (W - 150);
  const parts = rows.map((r, i) => {
    const y = 24 + i * 34;
    const { mean, low, high } = r.p.nines;
    return `<g data-plot-bar="nines" data-variant="${escapeHtml(r.name)}"><text x="4" y="${y + 14}">${escapeHtml(r.name.slice(0, 20))}</text>`
      + `<rect x="130" y="${y}" width="${n(x(mean) - 130)}" height="20" fill="${colour(VARIANT_COLOURS, i)}"></rect>`
      + `<line x1="${n(x(low))}" x2="${n(x(high))}" y1="${y + 10}" y2="${y + 10}" stroke="#212529" stroke-width="2"></line>`
      + `<text x="${n(Math.min(W - 40, x(mean) + 4))}" y="${y + 14}">${ninesText(mean)}</text></g>`;
  });
  const ticks = [...Array(top + 1).keys()].map((t) => `<line x1="${n(x(t))}" x2="${n(x(t))}" y1="18" y2="${H - 14}" stroke="#e9ecef"></line><text x="${n(x(t) - 3)}" y="${H - 2}">${t}</text>`);
  return `<svg class="plot" data-plot="nines" width="${W}" height="${H + 4}" viewBox="0 0 ${W} ${H + 4}" role="img"><title>nines per variant</title><text x="4" y="12">nines (bar: mean; whisker: interval)</text>${ticks.join('')}${parts.join('')}</svg>`;
}

/** Outages per year by duration bin, one bar series per variant. */
function durationPlot(rows: readonly { name: string; durations: readonly number[]; years: number }[]): string {
  const W = 460, H = 200, left = 40, bottom = 40;
  const counts = rows.map((r) => BINS.map((b, i) => r.durations.filter((d) => d < b.upTo && d >= (BINS[i - 1]?.upTo ?? 0)).length / Math.max(r.years, 1e-12)));
  const max = Math.max(1e-9, ...counts.flat());
  const bw = (W - left - 10) / BINS.length;
  const barW = bw / Math.max(1, rows.length) - 1;
  const bars = counts.flatMap((cs, v) => cs.map((c, i) => {
    const h = (c / max) * (H - bottom - 20);
    return `<rect data-plot-bar="duration" x="${n(left + i * bw + v * (barW + 1))}" y="${n(H - bottom - h)}" width="${n(barW)}" height="${n(h)}" fill="${colour(VARIANT_COLOURS, v)}"><title>${escapeHtml(rows[v]?.name ?? '')} ${BINS[i]?.label}: ${c.toFixed(2)}/yr</title></rect>`;
  }));
  const labels = BINS.map((b, i) => `<text x="${n(left + i * bw + 2)}" y="${H - bottom + 14}" transform="rotate(30 ${n(left + i * bw + 2)} ${H - bottom + 14})">${escapeHtml(b.label)}</text>`);
  return `<svg class="plot" data-plot="durations" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img"><title>outage durations</title><text x="4" y="12">outages per year by duration (max ${max.toFixed(2)}/yr)</text><line x1="${left}" x2="${W - 10}" y1="${H - bottom}" y2="${H - bottom}" stroke="#868e96"></line>${bars.join('')}${labels.join('')}</svg>`;
}

/** Downtime per year, stacked by cause, one bar per variant. */
function causePlot(rows: readonly { name: string; p: ProbeSummary }[], causes: readonly string[]): string {
  const W = 460, H = 40 + rows.length * 30 + 20 * Math.ceil(causes.length / 3);
  const max = Math.max(1, ...rows.map((r) => r.p.downtimePerYear));
  const x = (us: number): number => (us / max) * (W - 150);
  const bars = rows.map((r, i) => {
    const y = 22 + i * 30;
    let at = 130;
    const segs = r.p.causes.map((c) => {
      const w = x(c.perYear);
      const s = `<rect data-plot-bar="cause" x="${n(at)}" y="${y}" width="${n(w)}" height="20" fill="${colour(CAUSE_COLOURS, causes.indexOf(c.cause))}"><title>${escapeHtml(c.cause)}: ${humanDuration(c.perYear)}/yr</title></rect>`;
      at += w;
      return s;
    });
    return `<text x="4" y="${y + 14}">${escapeHtml(r.name.slice(0, 20))}</text>${segs.join('')}<text x="${n(Math.min(W - 60, at + 4))}" y="${y + 14}">${escapeHtml(humanDuration(r.p.downtimePerYear))}</text>`;
  });
  const legend = causes.map((c, i) => {
    const lx = 4 + (i % 3) * 150, ly = 30 + rows.length * 30 + Math.floor(i / 3) * 20;
    return `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${colour(CAUSE_COLOURS, i)}"></rect><text x="${lx + 16}" y="${ly + 10}">${escapeHtml(c.slice(0, 22))}</text>`;
  });
  return `<svg class="plot" data-plot="causes" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img"><title>downtime attribution</title><text x="4" y="12">downtime per year by cause</text>${bars.join('')}${legend.join('')}</svg>`;
}

export function renderAvailabilityHtml(r: StudyResult): string {
  const s = r.study;
  const variants = r.summary.variants;
  const probes = [...new Set(variants.flatMap((v) => v.probes.map((p) => p.probe)))];
  const title = `vrrplab availability — ${variants.map((v) => v.name).join(' vs ')}`;
  const csp = `default-src 'none'; style-src ${hash(STYLE)}; base-uri 'none'; form-action 'none'`;
  const sections = probes.map((name) => {
    const rows = variants.flatMap((v, vi) => {
      const p = v.probes.find((x) => x.probe === name);
      if (p === undefined) return [];
      const durations = r.runs.flatMap((run) => run.variants[vi]?.probes.find((x) => x.probe === name)?.outages ?? []);
      const years = r.runs.reduce((acc, run) => acc + (run.variants[vi]?.probes.find((x) => x.probe === name)?.measured ?? 0), 0) / YEAR;
      return [{ name: v.name, p, durations, years }];
    });
    const causes = [...new Set(rows.flatMap((x) => x.p.causes.map((c) => c.cause)))].sort();
    const table = [
      '<table><tr><th>variant</th><th>availability</th><th>nines [CI]</th><th>down/yr</th><th>outages/yr</th><th>p50</th><th>p90</th><th>p99</th><th>max</th><th>caused by</th></tr>',
      ...rows.map(({ name: vn, p }) => `<tr><td>${escapeHtml(vn)}</td><td>${pct(p.availability.mean)}</td><td>${ninesText(p.nines.mean)} [${ninesText(p.nines.low)}, ${ninesText(p.nines.high)}]</td><td>${humanDuration(p.downtimePerYear)}</td><td>${p.outagesPerYear.toFixed(1)}</td><td>${humanDuration(p.outage.p50)}</td><td>${humanDuration(p.outage.p90)}</td><td>${humanDuration(p.outage.p99)}</td><td>${humanDuration(p.outage.max)}</td><td>${escapeHtml(causesText(p))}</td></tr>`),
      '</table>',
    ].join('');
    return `<section data-probe="${escapeHtml(name)}"><h2>probe ${escapeHtml(name)}</h2>${table}<div class="plots">${ninesPlot(rows)}${durationPlot(rows)}${causePlot(rows, causes)}</div></section>`;
  });
  const vipRows = variants.flatMap((v) => v.vips.map((x) => `<tr><td>${escapeHtml(v.name)}</td><td>${escapeHtml(x.vip)}</td><td>${humanDuration(x.unheldPerYear)}</td><td>${humanDuration(x.dualPerYear)}</td></tr>`));
  return [
    '<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    `<title>${escapeHtml(title)}</title>`, `<style>${STYLE}</style>`, '</head>',
    `<body data-variants="${variants.length}" data-probes="${probes.length}">`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${s.runs} runs × ${s.years} year(s) per variant, seed ${s.seed}${r.shard === null ? '' : `, shard ${r.shard.index}/${r.shard.count}`}. Estimator: ${escapeHtml(s.estimator)}, ${Math.round(s.level * 100)}% intervals.</p>`,
    ...s.warnings.map((w) => `<p class="warn">warning: ${escapeHtml(w)}</p>`),
    ...sections,
    `<h2>VIPs</h2><table><tr><th>variant</th><th>vip</th><th>unheld/yr</th><th>dual master/yr</th></tr>${vipRows.join('')}</table>`,
    '</body>', '</html>', '',
  ].join('\n');
}
