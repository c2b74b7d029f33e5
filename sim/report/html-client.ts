// The report's browser script, as a constant string so every build emits the same bytes (a
// function's toString would carry whatever the compiler did to it). It draws each scenario's
// timeline from the embedded JSON model and only ever sets text through textContent and
// attributes through setAttribute, so nothing from a scenario is parsed as markup. When a
// chart is drawn it sets data-* attributes that the browser test reads as proof the script ran.

export const CLIENT_SCRIPT = String.raw`(function () {
'use strict';
var SVG = 'http://www.w3.org/2000/svg';
var LABEL_W = 300, LANE_H = 24, LANE_GAP = 4, GROUP_H = 22, AXIS_H = 20, FAULT_ROW = 15, MAX_FAULT_ROWS = 6, MARK_H = 14, MIN_SPAN = 10;
var GROUPS = { instance: 'VRRP INSTANCES (state)', vip: 'VIPS (holder)', probe: 'PROBES (client view)' };
var data = JSON.parse(document.getElementById('vrrplab-data').textContent);
var tip = document.createElement('div');
tip.className = 'tip';
document.body.appendChild(tip);

function el(name, attrs, parent) {
  var e = document.createElementNS(SVG, name);
  for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
  if (parent) parent.appendChild(e);
  return e;
}
function text(parent, x, y, s, cls) {
  var t = el('text', { x: x, y: y }, parent);
  if (cls) t.setAttribute('class', cls);
  t.textContent = s;
  return t;
}
function pad6(n) { var s = String(n); while (s.length < 6) s = '0' + s; return s; }
function fmtSec(us) { us = Math.round(us); return Math.floor(us / 1e6) + '.' + pad6(us % 1e6) + ' s'; }
function tickLabel(t, step) {
  if (step % 1e6 === 0) return (t / 1e6) + 's';
  var z = 0, s = step; while (s % 10 === 0) { s /= 10; z++; }
  return Math.floor(t / 1e6) + '.' + pad6(t % 1e6).slice(0, 6 - z) + 's';
}
function tickStep(span, px) {
  var want = Math.max(2, Math.floor(px / 90));
  for (var k = 0; k < 14; k++) {
    var base = Math.pow(10, k), ms = [1, 2, 5];
    for (var i = 0; i < 3; i++) if (span / (ms[i] * base) <= want) return ms[i] * base;
  }
  return Math.pow(10, 14);
}
function textFits(s, w) { return s.length * 6.1 + 8 <= w; }
function clipText(s, w, charW) { var n = Math.floor((w - 8) / charW); return s.length <= n ? s : s.slice(0, Math.max(1, n - 1)) + '…'; }
var DARK = { MASTER: 1, FAULT: 1, STOP: 1, held: 1, failing: 1, outage: 1 };

function Chart(section, model, index) {
  this.section = section;
  this.model = model;
  this.index = index;
  this.end = Math.max(model.end, 1);
  this.view = { a: 0, b: this.end };
  this.focus = null;
  this.host = section.querySelector('[data-chart]');
  this.viewLabel = section.querySelector('[data-view]');
  var self = this;
  var buttons = section.querySelectorAll('[data-zoom]');
  for (var i = 0; i < buttons.length; i++) buttons[i].addEventListener('click', function (ev) { self.command(ev.currentTarget.getAttribute('data-zoom')); });
  var items = section.querySelectorAll('ol.verdicts li[data-at]');
  for (var j = 0; j < items.length; j++) items[j].addEventListener('click', function (ev) {
    var at = Number(ev.currentTarget.getAttribute('data-at'));
    self.focus = at;
    self.zoomTo(at - 5e6, at + 5e6);
  });
  section.querySelector('ol.verdicts').setAttribute('data-verdicts-linked', String(items.length));
}

Chart.prototype.command = function (c) {
  var a = this.view.a, b = this.view.b, w = b - a, mid = (a + b) / 2;
  if (c === 'in') this.zoomTo(mid - w / 4, mid + w / 4);
  else if (c === 'out') this.zoomTo(mid - w, mid + w);
  else if (c === 'left') this.zoomTo(a - w / 2, b - w / 2);
  else if (c === 'right') this.zoomTo(a + w / 2, b + w / 2);
  else { this.focus = null; this.zoomTo(0, this.end); }
};

Chart.prototype.zoomTo = function (a, b) {
  var w = Math.min(Math.max(b - a, MIN_SPAN), this.end);
  a = Math.round(a); b = Math.round(a + w);
  if (a < 0) { b -= a; a = 0; }
  if (b > this.end) { a -= b - this.end; b = this.end; }
  this.view = { a: Math.max(0, a), b: b };
  this.render();
  // The address names the window shown, so a link to the report can point at one failover.
  try { history.replaceState(null, '', '#s-' + this.index + '@' + this.view.a + '-' + this.view.b); } catch (e) { /* file:// in some browsers */ }
};

Chart.prototype.render = function () {
  var m = this.model, v = this.view, self = this;
  var width = Math.max(760, this.host.clientWidth || 0);
  var plotW = width - LABEL_W - 12;
  var x = function (t) { return LABEL_W + (t - v.a) / (v.b - v.a) * plotW; };
  var tAt = function (px) { return v.a + (px - LABEL_W) / plotW * (v.b - v.a); };
  var tips = [];
  var withTip = function (node, s) { node.setAttribute('data-tip', String(tips.length)); tips.push(s); return node; };

  // Fault labels take rows above the axis, greedily, so close faults do not overprint.
  var rowsEnd = [], placed = [];
  for (var f = 0; f < m.faults.length; f++) {
    var fx = x(m.faults[f].t);
    if (fx < LABEL_W || fx > LABEL_W + plotW) continue;
    var lw = m.faults[f].label.length * 6.2 + 6, r = 0;
    // Near the right edge the label goes to the left of its line instead of off the chart.
    var flip = fx + lw > LABEL_W + plotW + 10, start = flip ? fx - lw : fx;
    while (r < rowsEnd.length && rowsEnd[r] > start) r++;
    if (r >= MAX_FAULT_ROWS) { placed.push({ f: f, row: -1, flip: flip }); continue; }
    rowsEnd[r] = start + lw;
    placed.push({ f: f, row: r, flip: flip });
  }
  var top = Math.max(1, rowsEnd.length) * FAULT_ROW + 4;
  var y = top + AXIS_H;
  var layout = [];
  var lastKind = null;
  for (var l = 0; l < m.lanes.length; l++) {
    if (m.lanes[l].kind !== lastKind) { layout.push({ group: m.lanes[l].kind, y: y }); y += GROUP_H; lastKind = m.lanes[l].kind; }
    layout.push({ lane: m.lanes[l], y: y });
    y += LANE_H + LANE_GAP;
  }
  var lanesBottom = y;
  var height = lanesBottom + MARK_H + 6;

  var svg = el('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img' });
  var defs = el('defs', {}, svg);
  var hatchId = 'hatch-' + this.index;
  var pat = el('pattern', { id: hatchId, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, defs);
  el('rect', { width: 6, height: 6, fill: 'rgba(255,255,255,0.35)' }, pat);
  el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#c92a2a', 'stroke-width': 3 }, pat);
  var clipId = 'clip-' + this.index;
  var clip = el('clipPath', { id: clipId }, defs);
  el('rect', { x: LABEL_W, y: 0, width: plotW, height: height }, clip);

  // Axis and grid.
  var step = tickStep(v.b - v.a, plotW);
  var axis = el('g', { class: 'axis' }, svg);
  for (var t = Math.ceil(v.a / step) * step; t <= v.b; t += step) {
    var g = el('g', { class: 'tick' }, axis);
    el('line', { x1: x(t), x2: x(t), y1: top + AXIS_H - 4, y2: lanesBottom }, g);
    var tl = text(g, x(t), top + AXIS_H - 7, tickLabel(t, step));
    tl.setAttribute('text-anchor', 'middle');
  }

  var lanesG = el('g', { class: 'lanes' }, svg);
  var laneCount = 0;
  layout.forEach(function (row) {
    if (row.group) { text(lanesG, 4, row.y + 15, GROUPS[row.group] || row.group, 'group'); return; }
    var lane = row.lane;
    var g = el('g', { class: 'lane', 'data-lane-kind': lane.kind, 'data-lane-label': lane.label, 'data-lane-sublabel': lane.sublabel }, lanesG);
    laneCount++;
    el('rect', { class: 'lane-bg', x: LABEL_W, y: row.y, width: plotW, height: LANE_H }, g);
    // Long names are cut to the label column; the tooltip keeps them whole.
    withTip(text(g, 4, row.y + 10, clipText(lane.label, LABEL_W, 6.6), 'lane-label'), lane.label + '\n' + lane.sublabel);
    withTip(text(g, 4, row.y + 21, clipText(lane.sublabel, LABEL_W, 5.6), 'lane-sub'), lane.label + '\n' + lane.sublabel);
    var bars = el('g', { 'clip-path': 'url(#' + clipId + ')' }, g);
    // Labels go on top of every mark: under the two-holders hatching a label is unreadable, so
    // one that meets the hatching sits on a solid backdrop.
    var labels = [];
    var drawSpan = function (s, isMark) {
      if (s.to < v.a || s.from > v.b) return;
      var x0 = x(s.from), x1 = x(s.to), w = Math.max(x1 - x0, 1);
      var shape;
      if (!isMark && s.fill === 'held' && s.holders.length > 0) {
        var bandH = LANE_H / s.holders.length;
        shape = el('g', {}, bars);
        s.holders.forEach(function (h, k) {
          el('rect', { x: x0, y: row.y + k * bandH, width: w, height: bandH, fill: h >= 0 ? data.palette[h % data.palette.length] : '#868e96' }, shape);
        });
      } else {
        var fill = STATE[s.fill];
        shape = el('rect', { x: x0, y: row.y, width: w, height: LANE_H, class: fill ? '' : s.fill }, bars);
        if (fill) shape.setAttribute('fill', fill);
        if (s.fill === 'dual') shape.setAttribute('fill', 'url(#' + hatchId + ')');
      }
      shape.setAttribute('data-fill', s.fill);
      withTip(shape, s.tip);
      var vx0 = Math.max(x0, LABEL_W), vx1 = Math.min(x1, LABEL_W + plotW);
      if (s.text && textFits(s.text, vx1 - vx0)) labels.push({ s: s, x: vx0 + 4 });
    };
    lane.spans.forEach(function (s) { drawSpan(s, false); });
    lane.marks.forEach(function (s) { drawSpan(s, true); });
    labels.forEach(function (l) {
      var s = l.s, ty = row.y + LANE_H / 2 + 4;
      var hatched = lane.marks.some(function (d) { return d.fill === 'dual' && d.from < s.to && d.to > s.from; });
      if (hatched) el('rect', { class: 'bar-backdrop', x: l.x - 2, y: ty - 10, width: s.text.length * 6.1 + 4, height: 13, fill: '#fff' }, bars);
      text(bars, l.x, ty, s.text, 'bar-text' + (DARK[s.fill] && !hatched ? ' light' : ''));
    });
  });

  // Fault markers across every lane, labelled above the axis.
  var faultsG = el('g', { class: 'faults' }, svg);
  placed.forEach(function (p) {
    var fm = m.faults[p.f], fx = x(fm.t);
    el('line', { class: 'fault-line', x1: fx, x2: fx, y1: p.row < 0 ? top : (p.row + 1) * FAULT_ROW - 2, y2: lanesBottom }, faultsG);
    withTip(el('line', { class: 'fault-hit', x1: fx, x2: fx, y1: 0, y2: lanesBottom }, faultsG), fm.tip);
    if (p.row >= 0) {
      var lt = withTip(text(faultsG, p.flip ? fx - 3 : fx + 3, (p.row + 1) * FAULT_ROW - 4, fm.label, 'fault-label'), fm.tip);
      if (p.flip) lt.setAttribute('text-anchor', 'end');
    }
  });
  faultsG.setAttribute('data-fault-count', String(placed.length));

  // Expectations that look at one instant get a marker under the lanes.
  var marks = el('g', { class: 'verdict-marks' }, svg);
  m.verdicts.forEach(function (vd) {
    if (vd.at === null || vd.at < v.a || vd.at > v.b) return;
    var vx = x(vd.at);
    withTip(el('path', { class: 'verdict-mark ' + (vd.ok ? 'pass' : 'fail'), d: 'M' + vx + ' ' + (lanesBottom + 1) + 'l6 11h-12z' }, marks),
      (vd.ok ? 'PASS' : 'FAIL') + '  ' + vd.label + '\n' + vd.detail + '\n' + vd.where);
  });
  if (this.focus !== null && this.focus >= v.a && this.focus <= v.b) el('line', { class: 'focus-line', x1: x(this.focus), x2: x(this.focus), y1: top, y2: lanesBottom }, svg);

  var hover = el('line', { class: 'hover-line', x1: 0, x2: 0, y1: top, y2: lanesBottom, visibility: 'hidden' }, svg);
  var sel = el('rect', { class: 'selection', x: 0, y: top, width: 0, height: lanesBottom - top, visibility: 'hidden' }, svg);

  var drag = null;
  var inPlot = function (px) { return px >= LABEL_W && px <= LABEL_W + plotW; };
  var localX = function (ev) { return ev.clientX - svg.getBoundingClientRect().left; };
  svg.addEventListener('mousemove', function (ev) {
    var px = localX(ev);
    if (drag !== null) {
      var a = Math.max(LABEL_W, Math.min(drag, px)), b = Math.min(LABEL_W + plotW, Math.max(drag, px));
      sel.setAttribute('x', String(a)); sel.setAttribute('width', String(b - a)); sel.setAttribute('visibility', 'visible');
    }
    if (inPlot(px)) { hover.setAttribute('x1', String(px)); hover.setAttribute('x2', String(px)); hover.setAttribute('visibility', 'visible'); }
    else hover.setAttribute('visibility', 'hidden');
    var idx = ev.target && ev.target.getAttribute ? ev.target.getAttribute('data-tip') : null;
    if (idx === null && ev.target && ev.target.parentNode && ev.target.parentNode.getAttribute) idx = ev.target.parentNode.getAttribute('data-tip');
    if (idx === null && !inPlot(px)) { tip.style.display = 'none'; return; }
    tip.textContent = '';
    if (inPlot(px)) { var b = document.createElement('b'); b.textContent = 't = ' + fmtSec(tAt(px)); tip.appendChild(b); }
    if (idx !== null) tip.appendChild(document.createTextNode((inPlot(px) ? '\n' : '') + tips[Number(idx)]));
    tip.style.display = 'block';
    var tx = ev.clientX + 14, ty = ev.clientY + 14;
    if (tx + 470 > window.innerWidth) tx = Math.max(0, ev.clientX - 14 - tip.offsetWidth);
    if (ty + tip.offsetHeight + 8 > window.innerHeight) ty = Math.max(0, ev.clientY - 14 - tip.offsetHeight);
    tip.style.left = Math.max(0, tx) + 'px'; tip.style.top = Math.max(0, ty) + 'px';
  });
  svg.addEventListener('mouseleave', function () { tip.style.display = 'none'; hover.setAttribute('visibility', 'hidden'); });
  svg.addEventListener('mousedown', function (ev) { var px = localX(ev); if (ev.button === 0 && inPlot(px)) { drag = px; ev.preventDefault(); } });
  svg.addEventListener('mouseup', function (ev) {
    if (drag === null) return;
    var px = Math.max(LABEL_W, Math.min(LABEL_W + plotW, localX(ev))), from = drag;
    drag = null;
    sel.setAttribute('visibility', 'hidden');
    if (Math.abs(px - from) >= 4) self.zoomTo(tAt(Math.min(px, from)), tAt(Math.max(px, from)));
  });
  svg.addEventListener('dblclick', function () { self.command('reset'); });

  this.host.textContent = '';
  this.host.appendChild(svg);
  if (this.viewLabel) this.viewLabel.textContent = fmtSec(v.a) + ' – ' + fmtSec(v.b) + (v.a === 0 && v.b === this.end ? ' (whole run)' : '');
  this.host.setAttribute('data-lane-count', String(laneCount));
  this.host.setAttribute('data-view-from', String(v.a));
  this.host.setAttribute('data-view-to', String(v.b));
  this.section.setAttribute('data-rendered', 'true');
};

var STATE = data.stateFills;
var charts = [];
try {
  var sections = document.querySelectorAll('section.scenario');
  for (var i = 0; i < sections.length; i++) {
    var c = new Chart(sections[i], data.scenarios[i], i);
    c.render();
    charts.push(c);
  }
  var link = /^#s-(\d+)@(\d+)-(\d+)$/.exec(location.hash);
  if (link && charts[Number(link[1])]) {
    charts[Number(link[1])].zoomTo(Number(link[2]), Number(link[3]));
    charts[Number(link[1])].section.scrollIntoView();
  }
  var pending = false;
  window.addEventListener('resize', function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; charts.forEach(function (c) { c.render(); }); });
  });
  document.body.setAttribute('data-vrrplab-ready', String(charts.length));
} catch (e) {
  document.body.setAttribute('data-vrrplab-error', String(e && e.message || e));
  throw e;
}
})();
`;
