import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, renderHtml } from '../../../sim/report/html.js';
import { CLIENT_SCRIPT } from '../../../sim/report/html-client.js';
import { timelineModel, type TimelineModel } from '../../../sim/report/html-model.js';
import { outages, vipHolderSpans } from '../../../sim/scenario/analysis.js';
import { EVIL, fixtureRun, hostileRun, renamed } from './fixture.js';
import { runScenarioFile } from '../../../sim/scenario/run.js';
import { isNotSimulated } from '../../../sim/scenario/report-text.js';

const run = fixtureRun();

/** The JSON model the page script draws from, read back out of the page. */
function pageData(html: string): { scenarios: TimelineModel[] } {
  const m = /<script type="application\/json" id="vrrplab-data">([^<]*)<\/script>/.exec(html);
  if (m === null) throw new Error('no data block');
  return JSON.parse(m[1] ?? '') as { scenarios: TimelineModel[] };
}

const count = (s: string, sub: string): number => s.split(sub).length - 1;

describe('timelineModel', () => {
  const m = timelineModel(run);
  it('has a lane per node × instance, per VIP and per probe', () => {
    const want = run.scenario.spec.nodes.flatMap((n) => (n.router?.instances ?? []).map((i) => `${n.name}/${i.name}`));
    expect(m.lanes.filter((l) => l.kind === 'instance').map((l) => `${l.label}/${l.sublabel}`)).toEqual(want);
    expect(m.lanes.filter((l) => l.kind === 'vip').map((l) => l.label)).toEqual([...vipHolderSpans(run.result.trace, run.result.end).keys()].sort());
    expect(m.lanes.filter((l) => l.kind === 'probe').map((l) => l.label)).toEqual(run.scenario.spec.probes.map((p) => `probe ${p.name}`));
  });

  it('instance lanes tile time without gaps from the first state change to the end', () => {
    for (const lane of m.lanes.filter((l) => l.kind === 'instance')) {
      expect(lane.spans.length).toBeGreaterThan(0);
      lane.spans.forEach((s, i) => {
        expect(s.to).toBeGreaterThan(s.from);
        if (i > 0) expect(s.from).toBe(lane.spans[i - 1]!.to);
      });
      expect(lane.spans[lane.spans.length - 1]!.to).toBe(run.result.end);
    }
  });

  it('VIP lanes mark exactly the outages and dual-holder windows the analysis finds', () => {
    const spans = vipHolderSpans(run.result.trace, run.result.end);
    for (const lane of m.lanes.filter((l) => l.kind === 'vip')) {
      const ss = spans.get(lane.label) ?? [];
      expect(lane.marks.filter((k) => k.fill === 'outage').map(({ from, to }) => ({ from, to }))).toEqual(outages(ss));
      expect(lane.marks.filter((k) => k.fill === 'dual').map((k) => k.from)).toEqual(ss.filter((s) => s.holders.length > 1).map((s) => s.from));
    }
    // The fixture crashes the holder and blocks multicast: both kinds must be there to draw.
    expect(m.lanes.some((l) => l.marks.some((k) => k.fill === 'outage'))).toBe(true);
    expect(m.lanes.some((l) => l.marks.some((k) => k.fill === 'dual'))).toBe(true);
  });

  it('VIP bars name holders by host part when that tells nodes apart, tooltips by full name', () => {
    const texts = (r: typeof run): string[] => timelineModel(r).lanes.filter((l) => l.kind === 'vip').flatMap((l) => l.spans.map((x) => x.text));
    const dotted = renamed(renamed(run, 'lb-a', 'lb-a.example.com'), 'lb-b', 'lb-b.example.com');
    expect(new Set(texts(dotted).flatMap((t) => t.split(' + ')))).toEqual(new Set(['lb-a', 'lb-b']));
    expect(timelineModel(dotted).lanes.find((l) => l.kind === 'vip')?.spans[0]?.tip).toMatch(/held by lb-[ab]\.example\.com/);
    const clash = renamed(renamed(run, 'lb-a', 'lb.one'), 'lb-b', 'lb.two');
    expect(new Set(texts(clash).flatMap((t) => t.split(' + ')))).toEqual(new Set(['lb.one', 'lb.two']));
  });

  it('two-holder tooltips say whether a fault explains them', () => {
    const tips = m.lanes.flatMap((l) => l.marks.filter((k) => k.fill === 'dual').map((k) => k.tip));
    // The fixture has a one-frame overlap when lb-a preempts (no fault), and the multicast block,
    // whose split outlives the unblock until the next advert arrives.
    expect(tips.some((t) => t.includes('not explained by'))).toBe(true);
    expect(tips.some((t) => / of it outside the partition, multicast block or freeze$|while a partition, multicast block or freeze separates them$/.test(t))).toBe(true);
  });

  it('tooltips give span bounds to the microsecond', () => {
    const tips = m.lanes.flatMap((l) => l.spans.map((s) => s.tip));
    expect(tips.every((t) => /\d+\.\d{6} s → \d+\.\d{6} s/.test(t))).toBe(true);
  });

  it('fault markers are the trace faults, in order, labelled as the text report does', () => {
    const faults = run.result.trace.filter((e) => e.type === 'fault');
    expect(m.faults.map((f) => f.t)).toEqual(faults.map((e) => e.t));
    expect(m.faults.map((f) => f.label)).toContain('crash lb-a');
  });
});

describe('renderHtml', () => {
  const html = renderHtml([run]);

  it('is one self-contained document: no external fetches of any kind', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*"(?!#)/);
    expect(html).not.toMatch(/@import|url\((?!#)/);
    expect(html).toContain("default-src 'none'");
  });

  it('lists every verdict with PASS/FAIL, detail and position', () => {
    expect(count(html, '<li class="verdict ')).toBe(run.verdicts.length);
    for (const v of run.verdicts) {
      expect(html).toContain(`data-ok="${v.ok}"`);
      expect(html).toContain(escapeHtml(v.expectation.label));
      expect(html).toContain(escapeHtml(v.detail));
    }
    const failed = run.verdicts.find((v) => !v.ok);
    expect(failed).toBeDefined();
    expect(html).toContain(`${failed?.expectation.pos.file}:${failed?.expectation.pos.line}:${failed?.expectation.pos.col}`);
    expect(html).toContain('<span class="badge fail">FAIL</span>');
  });

  it('embeds the model the script draws, lanes included', () => {
    expect(pageData(html).scenarios).toEqual([JSON.parse(JSON.stringify(timelineModel(run)))]);
  });

  it('the CSP allows exactly the inline script and style it carries', () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*)<\/style>/.exec(html)?.[1] ?? '';
    const h = (s: string): string => createHash('sha256').update(s).digest('base64');
    expect(script).toBe(CLIENT_SCRIPT);
    expect(html).toContain(`script-src 'sha256-${h(script)}'`);
    expect(html).toContain(`style-src 'sha256-${h(style)}'`);
  });

  it('the page script is valid JavaScript', () => {
    expect(() => new Function(CLIENT_SCRIPT)).not.toThrow();
  });

  it('a section per scenario for folder runs, with a summary table', () => {
    const two = renderHtml([run, run]);
    expect(count(two, '<section class="scenario"')).toBe(2);
    expect(two).toContain('<table class="summary">');
    expect(pageData(two).scenarios).toHaveLength(2);
  });

  it('is deterministic: the same scenario run twice gives the same bytes', () => {
    expect(renderHtml([fixtureRun()])).toBe(html);
  });

  it('escapes hostile node names, scenario text and labels: no markup, no script break-out', () => {
    const bad = hostileRun(run);
    const page = renderHtml([bad]);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('onerror="');
    expect(page).not.toContain('<!--');
    // Inside the data block a raw U+2028 would end a JS string in older engines.
    expect(/id="vrrplab-data">([^<]*)</.exec(page)?.[1]).not.toMatch(/[\u2028\u2029]/);
    expect(page).not.toMatch(/[\u0001]/);
    expect(count(page, '<script')).toBe(2);
    expect(count(page, '</script>')).toBe(2);
    expect(page).toContain(escapeHtml(`lb-b${EVIL}`));
    // The script still receives the names exactly, to set them with textContent.
    const data = pageData(page).scenarios[0];
    expect(data?.nodes).toContain(`lb-b${EVIL}`);
    expect(data?.name).toBe(`name${EVIL}`);
    expect(data?.lanes.some((l) => l.label === `lb-b${EVIL}`)).toBe(true);
  });

  it('lists every scenario warning with its place and severity, as the JSON Lines carry them', () => {
    const warned = runScenarioFile('test/unit/report/warned.yaml');
    const w = warned.scenario.warnings;
    expect(w.some((x) => x.severity === 'error')).toBe(true);
    expect(w.some((x) => isNotSimulated(x.message))).toBe(true);
    expect(w.some((x) => x.severity === 'warning' && !isNotSimulated(x.message))).toBe(true);
    const page = renderHtml([warned]);
    expect(page).toContain(`<div class="warnings" data-warnings="${w.length}">`);
    for (const x of w) {
      expect(page).toContain(`<span class="where">${escapeHtml(`${x.pos?.file}:${x.pos?.line}:${x.pos?.col}`)}</span> <b>${x.severity}</b>: ${escapeHtml(x.message)}</li>`);
    }
    // A run without warnings has no block; a hostile message is text.
    expect(html).not.toContain('<div class="warnings"');
    const bad = renderHtml([{ ...warned, scenario: { ...warned.scenario, warnings: [{ severity: 'warning', message: `m${EVIL}` }] } }]);
    expect(bad).not.toContain('<img');
    expect(bad).toContain(`<b>warning</b>: ${escapeHtml(`m${EVIL}`)}</li>`);
  });

  it('escapers cover what HTML and inline JSON need', () => {
    expect(escapeHtml(`<a href="x">'&\u0001`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;\ufffd');
    expect(jsonForScript({ s: '</script><!--&\u2028' })).toBe('{"s":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028"}');
    expect(JSON.parse(jsonForScript({ s: '</script>\u2029' }))).toEqual({ s: '</script>\u2029' });
  });

  it('the page script never parses strings as markup', () => {
    expect(CLIENT_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });
});
