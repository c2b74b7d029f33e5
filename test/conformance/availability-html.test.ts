// The availability page in a real browser (Debian's chromium, headless): every probe's three
// plots are in the DOM with a bar per variant / cause, its CSP runs no script at all (so a markup
// slip cannot become one), and a screenshot shows the plots' colours actually painted.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAvailabilityHtml, VARIANT_COLOURS } from '../../src/availability/report-html.js';
import { runStudy, type StudyResult } from '../../src/availability/study.js';
import { applySets } from '../../src/availability/variants.js';
import { TWO_NODES, twoNodes, variantOf } from '../unit/availability/fixture.js';

const haveChromium = spawnSync('chromium', ['--version'], { stdio: 'ignore' }).status === 0;
const onCi = process.env['CI'] === 'true';
if (!haveChromium && !onCi) console.warn('SKIPPING the availability HTML browser test: chromium is not installed (apt-get install chromium)');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function chromium(dir: string, profile: string, args: readonly string[]): Promise<string> {
  return new Promise((resolveRun, reject) => {
    execFile('chromium', [...FLAGS, `--user-data-dir=${join(dir, profile)}`, ...args], { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      if (err) reject(err);
      else resolveRun(stdout);
    });
  });
}

/** The set of RGB colours of an 8-bit RGB(A) PNG (filters undone), enough to see what was painted. */
function pngColours(png: Buffer): Set<number> {
  let off = 8, width = 0, height = 0, type = 0;
  const idat: Buffer[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const kind = png.toString('latin1', off + 4, off + 8);
    const body = png.subarray(off + 8, off + 8 + len);
    if (kind === 'IHDR') { width = body.readUInt32BE(0); height = body.readUInt32BE(4); type = body[9] ?? 0; } else if (kind === 'IDAT') idat.push(body);
    off += 12 + len;
  }
  const bpp = type === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= bpp ? (out[y * stride + x - bpp] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= bpp && y > 0 ? (out[(y - 1) * stride + x - bpp] ?? 0) : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? (pa <= pb && pa <= pc ? a : pb <= pc ? b : c) : 0;
      out[y * stride + x] = (v + pred) & 0xff;
    }
  }
  const colours = new Set<number>();
  for (let i = 0; i < width * height; i++) colours.add(((out[i * bpp] ?? 0) << 16) | ((out[i * bpp + 1] ?? 0) << 8) | (out[i * bpp + 2] ?? 0));
  return colours;
}

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
