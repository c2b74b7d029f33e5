import { describe, expect, it } from 'vitest';
import { createProgress, stderrSink } from '../../../sim/report/progress.js';

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, sink: { write: (t: string) => { writes.push(t); }, isTTY, columns: 60 } };
}

/** A clock the test moves by hand. */
function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

function runItems(p: ReturnType<typeof createProgress>, c: ReturnType<typeof clock>, items: readonly string[], each: number): void {
  for (const it of items) {
    p.start(it);
    c.advance(each);
    p.finish(it, 'PASS');
  }
  p.done();
}

describe('progress', () => {
  it('not a terminal: silent while the work is quick', () => {
    const { writes, sink: s } = sink(false);
    const c = clock();
    runItems(createProgress(s, 3, { now: c.now }), c, ['a.yaml', 'b.yaml', 'c.yaml'], 100);
    expect(writes).toEqual([]);
  });

  it('not a terminal: once past a second, one plain line per finished item, never more', () => {
    const { writes, sink: s } = sink(false);
    const c = clock();
    runItems(createProgress(s, 4, { now: c.now }), c, ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml'], 400);
    // Items end at 0.4 s, 0.8 s, 1.2 s, 1.6 s: the last two are reported.
    expect(writes).toEqual(['vrrplab: [3/4] c.yaml: PASS (0.4s)\n', 'vrrplab: [4/4] d.yaml: PASS (0.4s)\n']);
    expect(writes.join('')).not.toMatch(/\r|\u001b/);
  });

  it('a terminal: redraws one line in place, fits the width, and erases it when done', () => {
    const { writes, sink: s } = sink(true);
    const c = clock();
    const long = `${'x'.repeat(100)}.yaml`;
    runItems(createProgress(s, 2, { now: c.now }), c, ['a.yaml', long], 10);
    expect(writes.every((w) => w.startsWith('\r\u001b[2K'))).toBe(true);
    expect(writes.join('')).not.toContain('\n');
    expect(writes[0]).toContain('[1/2] a.yaml');
    expect(writes.map((w) => w.replace('\r\u001b[2K', '').length).every((n) => n <= 59)).toBe(true);
    expect(writes[writes.length - 1]).toBe('\r\u001b[2K');
    // The long item keeps its end (the file name) and the outcome stays visible.
    expect(writes.some((w) => /\[2\/2\] …x+\.yaml: PASS {2}\(0\.0s\)$/.test(w))).toBe(true);
  });

  it('a terminal of unknown width (0 columns) is treated as 80 wide', () => {
    const writes: string[] = [];
    const p = createProgress({ write: (t) => { writes.push(t); }, isTTY: true, columns: 0 }, 1, { now: () => 0 });
    p.start('scenarios/openshift-ha-router.yaml');
    expect(writes[0]).toBe('\r\u001b[2Kvrrplab: [1/1] scenarios/openshift-ha-router.yaml  (0.0s)');
  });

  it('a terminal that was never drawn on is left alone', () => {
    const { writes, sink: s } = sink(true);
    createProgress(s, 0).done();
    expect(writes).toEqual([]);
  });

  it('stderrSink takes the terminal facts from the stream it is given', () => {
    const w = (): void => {};
    expect(stderrSink(w, { isTTY: true, columns: 100 })).toEqual({ write: w, isTTY: true, columns: 100 });
    expect(stderrSink(w, {})).toEqual({ write: w, isTTY: false });
    expect(stderrSink(w, { isTTY: true, columns: 0 })).toEqual({ write: w, isTTY: true });
  });
});
