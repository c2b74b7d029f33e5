// The HTML report in a real browser (Debian's chromium, headless): the seed scenario's page must
// run its script under its own Content-Security-Policy and draw a lane per node × instance and
// per VIP, list every verdict, and paint a screenshot in which the state colours actually appear.
// The data-* attributes checked here are set by the page script after it has drawn, so finding
// them proves the script ran; the pixels prove the chart was painted, not just built.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../sim/report/html.js';
import { STATE_FILLS } from '../../sim/report/html-style.js';
import { runScenarioFile, type ScenarioRun } from '../../sim/scenario/run.js';
import { vipHolderSpans } from '../../sim/scenario/analysis.js';
import { fixtureRun, hostileRun } from '../unit/report/fixture.js';
import { chromium, haveChromium, pngPixels } from '../support/chromium.js';

const SEED = 'scenarios/openshift-ha-router.yaml';
const onCi = process.env['CI'] === 'true';
if (!haveChromium && !onCi) console.warn('SKIPPING the HTML report browser test: chromium is not installed (apt-get install chromium)');

const unescapeAttr = (s: string): string => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attrValues = (dom: string, re: RegExp): string[] => [...dom.matchAll(re)].map((m) => unescapeAttr(m[1] ?? ''));

describe.skipIf(!haveChromium && !onCi)('HTML report in headless Chromium', () => {
  let dir = '';
  let run: ScenarioRun;
  let dom = '';
  const out: Record<'link' | 'dual' | 'csp' | 'hostile' | 'shot', string> = { link: '', dual: '', csp: '', hostile: '', shot: '' };
  const LINK = [55_000_000, 70_000_000] as const;
  /** The seed scenario's multicast block: both nodes hold both VIPs. */
  const SPLIT = [290_000_000, 370_000_000] as const;
  // Every browser run starts at once: each is mostly waiting, and together they take the time of one.
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vrrplab-html-'));
    run = runScenarioFile(SEED);
    const page = renderHtml([run]);
    const url = (f: string): string => `file://${join(dir, f)}`;
    writeFileSync(join(dir, 'report.html'), page);
    writeFileSync(join(dir, 'injected.html'), page.replace('</body>', "<script>document.body.setAttribute('data-injected', '1')</script>\n</body>"));
    writeFileSync(join(dir, 'hostile.html'), renderHtml([hostileRun(fixtureRun())]));
    if (!haveChromium) return;
    [dom, out.link, out.dual, out.csp, out.hostile, out.shot] = await Promise.all([
      chromium(dir, 'profile-dom', ['--dump-dom', url('report.html')]),
      chromium(dir, 'profile-link', ['--dump-dom', `${url('report.html')}#s-0@${LINK[0]}-${LINK[1]}`]),
      chromium(dir, 'profile-dual', ['--dump-dom', `${url('report.html')}#s-0@${SPLIT[0]}-${SPLIT[1]}`]),
      chromium(dir, 'profile-csp', ['--dump-dom', url('injected.html')]),
      chromium(dir, 'profile-hostile', ['--dump-dom', url('hostile.html')]),
      chromium(dir, 'profile-shot', [`--screenshot=${join(dir, 'report.png')}`, '--window-size=1400,900', '--virtual-time-budget=3000', url('report.html')]),
    ]);
  }, 180_000);
  afterAll(() => { if (dir !== '') rmSync(dir, { recursive: true, force: true }); });

  it('has chromium (fails on CI when missing)', () => {
    expect(haveChromium, 'chromium is not installed').toBe(true);
  });

  it('the page script ran under the page CSP without an error', () => {
    expect(dom).toMatch(/<body [^>]*data-vrrplab-ready="1"/);
    expect(dom).not.toMatch(/<body [^>]*data-vrrplab-error=/);
    expect(dom).toContain('data-rendered="true"');
  });

  it('draws one lane per node × instance and one per VIP', () => {
    const instances = run.scenario.spec.nodes.flatMap((n) => (n.router?.instances ?? []).map((i) => `${n.name} ${i.name}`));
    expect(instances.length).toBeGreaterThanOrEqual(4);
    const drawn = attrValues(dom, /data-lane-kind="instance" data-lane-label="([^"]*)"/g);
    const sub = attrValues(dom, /data-lane-kind="instance" data-lane-label="[^"]*" data-lane-sublabel="([^"]*)"/g);
    expect(drawn.map((n, i) => `${n} ${sub[i]}`)).toEqual(instances);
    const vips = [...vipHolderSpans(run.result.trace, run.result.end).keys()].sort();
    expect(attrValues(dom, /data-lane-kind="vip" data-lane-label="([^"]*)"/g)).toEqual(vips);
    expect(attrValues(dom, /data-lane-kind="probe" data-lane-label="([^"]*)"/g)).toEqual(run.scenario.spec.probes.map((p) => `probe ${p.name}`));
    expect(dom).toMatch(new RegExp(`data-lane-count="${instances.length + vips.length + run.scenario.spec.probes.length}"`));
  });

  it('marks every fault and lists every verdict, linked by the script', () => {
    const faults = run.result.trace.filter((e) => e.type === 'fault').length;
    expect(dom).toContain(`data-fault-count="${faults}"`);
    expect(dom.split('<li class="verdict ').length - 1).toBe(run.verdicts.length);
    for (const v of run.verdicts) expect(dom).toContain(`data-ok="${v.ok}"`);
    const linked = run.verdicts.filter((v) => v.expectation.kind === 'master' || v.expectation.kind === 'holder').length;
    expect(dom).toContain(`data-verdicts-linked="${linked}"`);
  });

  it('the CSP lets no other inline script run, so a markup slip could not become script', () => {
    expect(out.csp).toMatch(/<body [^>]*data-vrrplab-ready="1"/);
    expect(out.csp).not.toMatch(/<body [^>]*data-injected=/);
  });

  it('hostile names render as text: no element or script comes from them, and the chart still draws', () => {
    expect(out.hostile).toMatch(/<body [^>]*data-vrrplab-ready="1"/);
    expect(out.hostile).not.toMatch(/<img\b/i);
    expect(out.hostile).not.toMatch(/<body [^>]*data-vrrplab-error=/);
    // The hostile node's lane exists, labelled with the name as data.
    expect(attrValues(out.hostile, /data-lane-kind="instance" data-lane-label="([^"]*)"/g).some((l) => l.startsWith('lb-b<img src=x onerror="alert(1)">'))).toBe(true);
  });

  it('a link naming a window opens the chart zoomed on it, with only that window\'s faults', () => {
    const [a, b] = LINK;
    const inWindow = run.result.trace.filter((e) => e.type === 'fault' && e.t >= a && e.t <= b).length;
    expect(inWindow).toBeGreaterThan(0);
    expect(out.link).toContain(`data-view-from="${a}" data-view-to="${b}"`);
    expect(out.link).toContain(`data-fault-count="${inWindow}"`);
    expect(out.link).toContain(`${a / 1e6}.000000 s – ${b / 1e6}.000000 s`);
  });

  it('the two-holders label is painted over the hatching, on a solid backdrop', () => {
    const label = 'ose-ha-node-01 + ose-ha-node-02';
    const lanes = out.dual.split('data-lane-kind="vip"').slice(1);
    expect(lanes.length).toBe(2);
    for (const lane of lanes) {
      const at = lane.indexOf(`>${label}</text>`);
      expect(at, 'the label is drawn').toBeGreaterThan(0);
      // Nothing hatched comes after it in paint order, and just before it is an opaque backdrop.
      expect(lane.lastIndexOf('data-fill="dual"')).toBeGreaterThan(0);
      expect(lane.lastIndexOf('data-fill="dual"')).toBeLessThan(at);
      const before = lane.slice(0, at);
      expect(before.slice(before.lastIndexOf('<rect'))).toMatch(/^<rect class="bar-backdrop"[^>]* fill="#fff"><\/rect><text [^>]*class="bar-text"$/);
    }
  });

  it('a screenshot at 1400×900 shows the chart painted in the state colours', () => {
    const png = join(dir, 'report.png');
    expect(statSync(png).size).toBeGreaterThan(20_000);
    const img = pngPixels(readFileSync(png));
    expect([img.width, img.height]).toEqual([1400, 900]);
    const counts = new Map<number, number>();
    for (let i = 0; i < img.width * img.height; i++) counts.set(img.rgb(i), (counts.get(img.rgb(i)) ?? 0) + 1);
    const px = (hex: string | undefined): number => counts.get(parseInt((hex ?? '#000000').slice(1), 16)) ?? 0;
    // The seed scenario spends most of its time with MASTER and BACKUP bars on screen.
    expect(px(STATE_FILLS['MASTER'])).toBeGreaterThan(10_000);
    expect(px(STATE_FILLS['BACKUP'])).toBeGreaterThan(5_000);
    expect(counts.size).toBeGreaterThan(50);
  });
});
