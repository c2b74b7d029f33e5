// `vrrplab run --html FILE`: one self-contained page (inline CSS, SVG and script; no network)
// with a timeline per scenario and its verdicts. Same runs → same bytes: nothing here reads a
// clock, a random number or the environment.
//
// Injection: every scenario string reaches the page either HTML-escaped in the static part or
// inside the JSON data block with `<`, `>`, `&` and the JS line separators escaped, and the
// script sets it with textContent/setAttribute only. A Content-Security-Policy allows just our
// own script and style (by hash) and no network at all, so even a mistake here cannot load or
// run anything else.
import { createHash } from 'node:crypto';
import { formatDuration } from '../scenario/duration.js';
import type { ScenarioError, ScenarioRun } from '../scenario/run.js';
import { formatInputError } from '../../src/cli/errors.js';
import { CLIENT_SCRIPT } from './html-client.js';
import { timelineModel, type TimelineModel } from './html-model.js';
import { NODE_PALETTE, STATE_FILLS, STYLE } from './html-style.js';

/** Markup-safe text; control characters HTML forbids in text become U+FFFD. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '\ufffd');
}

/** JSON that is safe inside <script>: no `</script>`, `<!--` or line separators survive. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const hash = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

export function renderHtml(runs: readonly ScenarioRun[], errors: readonly ScenarioError[] = []): string {
  const models = runs.map(timelineModel);
  const data = { palette: NODE_PALETTE, stateFills: STATE_FILLS, scenarios: models };
  const passed = models.filter((m) => m.ok).length;
  const title = models.length === 1 && errors.length === 0 && models[0] !== undefined ? `vrrplab — ${models[0].name}` : `vrrplab — ${models.length + errors.length} scenarios`;
  const csp = `default-src 'none'; script-src ${hash(CLIENT_SCRIPT)}; style-src ${hash(STYLE)}; img-src data:; base-uri 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    `<body data-scenarios="${models.length}">`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="sub">${passed} of ${models.length + errors.length} scenario(s) hold every expectation${errors.length > 0 ? `; ${errors.length} could not be run` : ''}. Hover a bar for exact times (µs); drag across the chart to zoom, double-click to reset.</p>`,
    models.length > 1 ? summaryTable(models) : '',
    ...models.map(section),
    ...errors.map(errorSection),
    `<script type="application/json" id="vrrplab-data">${jsonForScript(data)}</script>`,
    `<script>${CLIENT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// A scenario that could not be run, so a folder's report does not hide it.
function errorSection(e: ScenarioError, i: number): string {
  return `<section class="scenario" id="e-${i}" data-ok="false" data-error="true"><header><span class="badge fail">ERROR</span> <h2>${escapeHtml(e.file)}</h2><div class="meta">could not be run: <span class="mono">${escapeHtml(formatInputError(e.error))}</span></div></header></section>`;
}

function badge(ok: boolean): string {
  return ok ? '<span class="badge pass">PASS</span>' : '<span class="badge fail">FAIL</span>';
}

function summaryTable(models: readonly TimelineModel[]): string {
  const rows = models.map((m, i) => {
    const failed = m.verdicts.filter((v) => !v.ok).length;
    return `<tr><td>${badge(m.ok)}</td><td><a href="#s-${i}">${escapeHtml(m.name)}</a></td><td class="mono">${escapeHtml(m.file)}</td><td>${m.verdicts.length - failed}/${m.verdicts.length}</td><td>${m.warnings.length}</td><td>${escapeHtml(formatDuration(m.end))}</td></tr>`;
  });
  return `<table class="summary"><thead><tr><th></th><th>scenario</th><th>file</th><th>verdicts</th><th>warnings</th><th>virtual time</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function section(m: TimelineModel, i: number): string {
  const failed = m.verdicts.filter((v) => !v.ok).length;
  const verdicts = m.verdicts.map((v) => {
    const at = v.at === null ? '' : ` data-at="${v.at}" title="click: zoom to this instant"`;
    return `<li class="verdict ${v.ok ? 'pass' : 'fail'}" data-ok="${v.ok}"${at}>${badge(v.ok)} <span class="label">${escapeHtml(v.label)}</span> — <span class="detail">${escapeHtml(v.detail)}</span> <span class="where">${escapeHtml(v.where)}</span></li>`;
  });
  return [
    `<section class="scenario" id="s-${i}" data-index="${i}" data-ok="${m.ok}">`,
    `<header>${badge(m.ok)} <h2>${escapeHtml(m.name)}</h2>`,
    `<div class="meta"><span class="mono">${escapeHtml(m.file)}</span> · seed ${m.seed} · ${escapeHtml(formatDuration(m.end))} of virtual time · ${m.verdicts.length - failed} passed, ${failed} failed</div>`,
    m.description.trim() === '' ? '' : `<details class="desc"><summary>about this scenario</summary><p>${escapeHtml(m.description.trim())}</p></details>`,
    '</header>',
    warningsBlock(m.warnings),
    '<div class="toolbar"><button type="button" data-zoom="out" title="zoom out">−</button><button type="button" data-zoom="in" title="zoom in">+</button><button type="button" data-zoom="left" title="earlier">←</button><button type="button" data-zoom="right" title="later">→</button><button type="button" data-zoom="reset">whole run</button><span class="view" data-view></span><span class="hint">drag to zoom · double-click to reset · the address keeps the window for links</span></div>',
    '<div class="chart" data-chart><noscript><p class="noscript">The timeline is drawn by the page script; the verdicts below need none.</p></noscript></div>',
    legend(m),
    '<h3>Expectations</h3>',
    verdicts.length === 0 ? '<p class="sub">no expectations</p>' : `<ol class="verdicts">\n${verdicts.join('\n')}\n</ol>`,
    '</section>',
  ].join('\n');
}

/**
 * What vrrplab reads differently from keepalived or does not simulate, above the chart that it
 * may make wrong: each with its place, as the text report and the JSON Lines give them. The
 * keywords only kept (not simulated) are listed too, folded under one line as the text report
 * counts them.
 */
function warningsBlock(warnings: TimelineModel['warnings']): string {
  if (warnings.length === 0) return '';
  const item = (w: TimelineModel['warnings'][number]): string =>
    `<li class="${w.severity}"><span class="where">${escapeHtml(w.where)}</span> <b>${w.severity}</b>: ${escapeHtml(w.message)}</li>`;
  const shown = warnings.filter((w) => !w.notSimulated);
  const kept = warnings.filter((w) => w.notSimulated);
  return [
    `<div class="warnings" data-warnings="${warnings.length}"><h3>Warnings (${warnings.length})</h3>`,
    shown.length === 0 ? '' : `<ul>\n${shown.map(item).join('\n')}\n</ul>`,
    kept.length === 0 ? '' : `<details><summary>${kept.length} keyword(s) outside the VRRP subset are kept but not simulated</summary><ul>\n${kept.map(item).join('\n')}\n</ul></details>`,
    '</div>',
  ].join('\n');
}

function swatch(fill: string, extra = ''): string {
  return `<svg width="14" height="10" aria-hidden="true"><rect width="14" height="10" fill="${fill}"${extra}/></svg>`;
}

function legend(m: TimelineModel): string {
  const states = Object.entries(STATE_FILLS).map(([s, c]) => `<span>${swatch(c)}${s}</span>`);
  const hatch = '<svg width="14" height="10" aria-hidden="true"><rect width="14" height="10" fill="#fff" stroke="#c92a2a"/><path d="M0 10L10 0M4 10L14 0M-4 6L2 0" stroke="#c92a2a" stroke-width="2"/></svg>';
  const holding = new Set(m.lanes.flatMap((l) => l.spans.flatMap((s) => s.holders)));
  const holders = m.nodes.flatMap((n, i) => (holding.has(i) ? [`<span>${swatch(NODE_PALETTE[i % NODE_PALETTE.length] ?? '#868e96')}${escapeHtml(n)}</span>`] : []));
  const fault = '<svg width="14" height="10" aria-hidden="true"><line x1="7" x2="7" y1="0" y2="10" stroke="#212529" stroke-dasharray="3 2"/></svg>';
  return [
    '<div class="legend">',
    `<span><b>state</b></span>${states.join('')}`,
    `<span><b>VIP holder</b></span>${holders.join('')}<span>${swatch('#e03131')}held by nobody</span><span>${hatch}two holders</span>`,
    `<span><b>probe</b></span><span>${swatch('#8ce99a')}ok</span><span>${swatch('#e03131')}failing</span><span>${swatch('#ced4da')}not yet reached</span>`,
    `<span>${fault}fault</span>`,
    '</div>',
  ].join('');
}
