// The availability page in a real browser (Debian's chromium, headless): every probe's three
// plots are in the DOM with a bar per variant / cause, its CSP runs no script at all (so a markup
// slip cannot become one), and a screenshot shows the plots' colours actually painted.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAvailabilityHtml, VARIANT_COLOURS } from '../../src/availability/report-html.js';
import { runStudy, type StudyResult } from '../../src/availability/study.js';
import { applySets } from '../../src/availability/variants.js';
import { TWO_NODES, twoNodes, variantOf } from '../unit/availability/fixture.js';
import { chromium, haveChromium, pngColours } from '../support/chromium.js';

const onCi = process.env['CI'] === 'true';
if (!haveChromium && !onCi) console.warn('SKIPPING the availability HTML browser test: chromium is not installed (apt-get install chromium)');

describe.skipIf(!haveChromium && !onCi)('availability HTML page in headless Chromium', () => {
  let dir = '';
  let result: StudyResult;
  let dom = '';
  let injected = '';
  let shot = new Set<number>();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vrrplab-avail-html-'));
    const faster = variantOf('mttr-30s', applySets(readFileSync(TWO_NODES, 'utf8'), 'failures.0.mttr=30s'));
    result = runStudy([twoNodes(), faster], { years: 0.0002, runs: 3, seed: 4, shard: null });
    const page = renderAvailabilityHtml(result);
    writeFileSync(join(dir, 'report.html'), page);
    writeFileSync(join(dir, 'injected.html'), page.replace('</body>', "<script>document.body.setAttribute('data-injected', '1')</script>\n</body>"));
    if (!haveChromium) return;
    const url = (f: string): string => `file://${join(dir, f)}`;
    let png = '';
    [dom, injected, png] = await Promise.all([
      chromium(dir, 'p-dom', ['--dump-dom', url('report.html')]),
      chromium(dir, 'p-csp', ['--dump-dom', url('injected.html')]),
      chromium(dir, 'p-shot', [`--screenshot=${join(dir, 'report.png')}`, '--window-size=1400,1000', url('report.html')]).then(() => 'ok'),
    ]);
    expect(png).toBe('ok');
    shot = pngColours(readFileSync(join(dir, 'report.png')));
  }, 180_000);
  afterAll(() => { if (dir !== '') rmSync(dir, { recursive: true, force: true }); });

  it('has chromium (fails on CI when missing)', () => {
    expect(haveChromium, 'chromium is not installed').toBe(true);
  });

  it('draws the nines, outage-duration and attribution plots of every probe', () => {
    const probes = result.summary.variants[0]?.probes ?? [];
    expect(probes.length).toBeGreaterThan(0);
    for (const kind of ['nines', 'durations', 'causes']) expect(dom.split(`data-plot="${kind}"`).length - 1).toBe(probes.length);
    expect(dom.split('data-plot-bar="nines"').length - 1).toBe(2 * probes.length);
    const causes = result.summary.variants.flatMap((v) => v.probes.flatMap((p) => p.causes)).length;
    expect(causes).toBeGreaterThan(1);
    expect(dom.split('data-plot-bar="cause"').length - 1).toBe(causes);
    expect(dom).toContain('<body data-variants="2"');
  });

  it('runs no script, even one slipped into the page (CSP default-src none)', () => {
    expect(injected).toContain('data-plot="nines"');
    expect(injected).not.toMatch(/<body [^>]*data-injected=/);
  });

  it('paints the variants\' colours', () => {
    for (const c of VARIANT_COLOURS.slice(0, 2)) expect(shot.has(parseInt(c.slice(1), 16)), c).toBe(true);
  });
});
