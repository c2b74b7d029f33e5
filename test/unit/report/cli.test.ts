// `vrrplab run --html/--junit` in-process: the files appear whole, the exit code still reflects
// the verdicts, and a path that cannot be written is exit 2 with one line, not a stack trace.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { parseXml, childrenNamed } from './xml.js';
import { FIXTURE } from './fixture.js';

const tmp = mkdtempSync(join(tmpdir(), 'vrrplab-report-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fixture = resolve(FIXTURE);

describe('vrrplab run --html --junit', () => {
  it('one scenario: writes both files atomically, stdout keeps the text report, exit 1 for the failed expectation', async () => {
    const dir = join(tmp, 'one');
    const io = bufferIo();
    const code = await main(['run', fixture, '--html', join(dir, 'r.html'), '--junit', join(dir, 'r.xml')], io);
    expect(code).toBe(1);
    expect(io.stdout()).toContain('FAIL  at 15s 192.0.2.100 is held by lb-a');
    expect(readdirSync(dir).sort()).toEqual(['r.html', 'r.xml']);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<section class="scenario" id="s-0"');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const root = parseXml(readFileSync(join(dir, 'r.xml'), 'utf8'));
    expect(root.name).toBe('testsuite');
    expect(childrenNamed(root, 'testcase').length).toBeGreaterThan(0);
  });

  it('a folder: one HTML with a section per scenario and a <testsuites> root', async () => {
    const scen = join(tmp, 'scenarios');
    const out = join(tmp, 'out');
    mkdirSync(scen);
    for (const n of ['a.yaml', 'b.yaml']) copyFileSync(fixture, join(scen, n));
    const io = bufferIo();
    const code = await main(['run', scen, '--html', join(out, 'all.html'), '--junit', join(out, 'all.xml')], io);
    expect(code).toBe(1);
    const html = readFileSync(join(out, 'all.html'), 'utf8');
    expect(html.split('<section class="scenario"').length - 1).toBe(2);
    const root = parseXml(readFileSync(join(out, 'all.xml'), 'utf8'));
    expect(root.name).toBe('testsuites');
    expect(childrenNamed(root, 'testsuite').map((s) => s.attrs['file'])).toEqual([join(scen, 'a.yaml'), join(scen, 'b.yaml')]);
    // Progress never touches stdout and writes at most a line per scenario.
    expect(io.stdout()).not.toContain('[1/2]');
    expect(io.stderr().split('\n').filter((l) => l !== '').length).toBeLessThanOrEqual(2);
  });

  it('an unwritable path: exit 2, one line naming it, and no file left behind', async () => {
    const blocker = join(tmp, 'plain-file');
    writeFileSync(blocker, 'not a folder');
    const io = bufferIo();
    const code = await main(['run', fixture, '--junit', join(blocker, 'r.xml')], io);
    expect(code).toBe(2);
    expect(io.stderr()).toMatch(/^vrrplab: .*plain-file\/r\.xml: --junit: cannot write the report \([A-Z]+\); expected a writable file path\n$/);
    expect(io.stdout()).toBe('');
    expect(existsSync(join(blocker, 'r.xml'))).toBe(false);
  });

  it('--html and --junit naming the same file is refused with exit 2', async () => {
    const io = bufferIo();
    const same = join(tmp, 'same.out');
    expect(await main(['run', fixture, '--html', same, '--junit', same], io)).toBe(2);
    expect(io.stderr()).toContain('--html and --junit name the same file');
    expect(existsSync(same)).toBe(false);
  });
});
