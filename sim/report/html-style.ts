// The report's stylesheet and colours. System fonts only: the file must render offline.

/** Holder colours for VIP lanes, by node index; none is red, which means "nobody holds it". */
export const NODE_PALETTE: readonly string[] = ['#6741d9', '#0c8599', '#364fc7', '#9c36b5', '#5c940d', '#8d5524', '#1971c2', '#c2255c'];

export const STATE_FILLS: Readonly<Record<string, string>> = {
  MASTER: '#2f9e44',
  BACKUP: '#a5d8ff',
  FAULT: '#f08c00',
  STOP: '#495057',
  INIT: '#dee2e6',
};

export const STYLE = `
:root { --fg: #212529; --muted: #6c757d; --line: #dee2e6; --bg: #fff; --pass: #2f9e44; --fail: #e03131; }
* { box-sizing: border-box; }
body { margin: 0; padding: 16px 24px 40px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0; display: inline; }
h3 { font-size: 14px; margin: 14px 0 6px; }
code, .mono, .where, .view { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
.sub { color: var(--muted); margin: 0 0 12px; }
table.summary { border-collapse: collapse; margin: 8px 0 18px; }
table.summary td, table.summary th { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; }
section.scenario { border-top: 2px solid var(--line); padding-top: 12px; margin-top: 14px; }
.badge { display: inline-block; padding: 0 7px; border-radius: 3px; color: #fff; font-weight: 600; font-size: 12px; letter-spacing: .03em; vertical-align: 2px; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); }
.meta { color: var(--muted); font-size: 12px; margin: 2px 0 4px; }
details.desc summary { cursor: pointer; color: var(--muted); font-size: 12px; }
details.desc p { white-space: pre-wrap; margin: 4px 0 0; font-size: 12px; max-width: 110ch; }
.toolbar { display: flex; gap: 6px; align-items: center; margin: 8px 0 4px; flex-wrap: wrap; }
.toolbar button { font: inherit; min-width: 30px; padding: 1px 8px; border: 1px solid #adb5bd; border-radius: 4px; background: #f8f9fa; cursor: pointer; }
.toolbar button:hover { background: #e9ecef; }
.toolbar .hint { color: var(--muted); font-size: 12px; }
.chart { position: relative; width: 100%; min-height: 40px; user-select: none; }
.chart svg { display: block; }
.chart text { font-size: 11px; fill: var(--fg); }
.chart .lane-label { font-weight: 600; }
.chart .lane-sub { fill: var(--muted); font-size: 10px; }
.chart .group { font-size: 11px; font-weight: 700; fill: var(--muted); letter-spacing: .06em; }
.chart .bar-text { font-size: 10.5px; pointer-events: none; }
.chart .bar-text.light { fill: #fff; }
.chart .tick line { stroke: #e9ecef; }
.chart .tick text { fill: var(--muted); font-size: 10px; }
.chart .lane-bg { fill: #f8f9fa; }
.chart .fault-line { stroke: #212529; stroke-width: 1; stroke-dasharray: 4 3; pointer-events: none; }
.chart .fault-hit { stroke: transparent; stroke-width: 9; }
.chart .fault-label { font-size: 10.5px; font-weight: 600; }
.chart .outage { fill: #e03131; }
.chart .dual { stroke: #c92a2a; stroke-width: 1; }
.chart .ok { fill: #8ce99a; } .chart .failing { fill: #e03131; } .chart .unreached { fill: #ced4da; }
.chart .verdict-mark.pass { fill: var(--pass); } .chart .verdict-mark.fail { fill: var(--fail); }
.chart .hover-line { stroke: #212529; stroke-opacity: .55; stroke-width: 1; pointer-events: none; }
.chart .selection { fill: rgba(51, 154, 240, .18); stroke: #339af0; pointer-events: none; }
.chart .focus-line { stroke: #e64980; stroke-width: 2; pointer-events: none; }
.tip { position: fixed; z-index: 10; pointer-events: none; background: #212529; color: #f8f9fa; font-size: 12px; padding: 6px 8px; border-radius: 4px; white-space: pre-line; max-width: 460px; box-shadow: 0 2px 8px rgba(0,0,0,.25); display: none; }
.tip b { color: #ffd43b; font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: #495057; margin: 6px 0; }
.legend span { display: inline-flex; align-items: center; gap: 4px; }
.legend svg { display: inline-block; }
div.warnings { margin: 8px 0; padding: 4px 8px; border-left: 3px solid #e8590c; background: #fff4e6; font-size: 12px; }
div.warnings h3 { margin: 2px 0; } div.warnings ul { margin: 2px 0; padding-left: 18px; }
div.warnings li.error b { color: var(--fail); } div.warnings .where { font-family: ui-monospace, monospace; color: var(--muted); }
ol.verdicts { list-style: none; padding: 0; margin: 0; }
ol.verdicts li { padding: 3px 6px; border-left: 3px solid var(--pass); margin: 2px 0; }
ol.verdicts li.fail { border-left-color: var(--fail); background: #fff5f5; }
ol.verdicts li[data-at] { cursor: pointer; }
ol.verdicts li[data-at]:hover { background: #f1f3f5; }
ol.verdicts .detail { color: #495057; }
ol.verdicts .where { color: var(--muted); }
.noscript { color: var(--muted); }
`;
