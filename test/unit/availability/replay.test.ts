// --history: a run's sampled failures written as a scenario replay that run exactly — the
// outages `vrrplab run` sees in the written file are those the study counted — and `worst`
// picks the run with the longest outage. Misuse is one line and exit 2.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';
import { simulate } from '../../../sim/simulate.js';
import { probeOutages } from '../../../src/availability/account.js';
import { runStudy } from '../../../src/availability/study.js';
import { historyScenario, worstRun } from '../../../src/availability/replay.js';
import { renderText } from '../../../src/availability/report-text.js';
import { TWO_NODES, twoNodes } from './fixture.js';
import { formatDuration } from '../../../sim/scenario/duration.js';

const dir = mkdtempSync(join(tmpdir(), 'vrrplab-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo(resolve('.'));
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('availability --history', () => {
  const v = twoNodes();
  const text = readFileSync(TWO_NODES, 'utf8');
  const years = 0.001;
  const study = runStudy([v], { years, runs: 6, seed: 5, shard: null });

  it('a written history replays to the outages the study counted for that run', () => {
    let outages = 0;
    for (const r of study.runs) {
      const yaml = historyScenario(v, text, TWO_NODES, join(dir, 'h.yaml'), 5, r.run, years, '');
      const s = loadScenarioText(yaml, join(dir, 'h.yaml'), { readFile: (p) => readFileSync(p, 'utf8') });
      const replay = simulate(s.spec);
      for (const p of r.variants[0]!.probes) {
        const seen = probeOutages(replay, p.probe).outages.map((o) => o.to - o.from);
        expect(seen).toEqual(p.outages);
        outages += seen.length;
      }
    }
    expect(outages).toBeGreaterThan(0);
  });

  it('worst is the run with the longest single outage, the lowest index among equals', () => {
    const w = worstRun(study.runs)!;
    const all = study.runs.flatMap((r) => r.variants[0]!.probes.flatMap((p) => p.outages.map((o) => ({ run: r.run, o }))));
    const longest = Math.max(...all.map((x) => x.o));
    expect(w.outage).toBe(longest);
    expect(w.run).toBe(Math.min(...all.filter((x) => x.o === longest).map((x) => x.run)));
    expect(worstRun([])).toBeNull();
    // The text report names it, so the reader knows which run to ask for.
    expect(renderText(study)).toContain(`longest outage: run ${w.run}, ${w.probe} `);
  });

  it('through the CLI: --history worst writes that run, --history k prints run k', async () => {
    const out = join(dir, 'worst.yaml');
    const r = await cli(['availability', TWO_NODES, '--years', String(years), '--runs', '6', '--seed', '5', '--history', 'worst', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const w = worstRun(study.runs)!;
    expect(r.err).toContain(`wrote ${out}: run ${w.run}`);
    expect(readFileSync(out, 'utf8')).toBe(historyScenario(v, text, resolve(TWO_NODES), out, 5, w.run, years, `its ${w.probe} outage of ${formatDuration(w.outage)} is the longest of 6 runs`));
    const k = await cli(['availability', TWO_NODES, '--years', String(years), '--runs', '6', '--seed', '5', '--history', '2']);
    expect(k.code, k.err).toBe(0);
    expect(k.out).toContain('# Run 2 of `vrrplab availability');
  });

  it('misuse is one line and exit 2', async () => {
    for (const args of [['--history', '6'], ['--history', 'x'], ['--history', '1', '--set', 'failures.0.mttr=30s'], ['--history', 'worst', '--format', 'json']]) {
      const r = await cli(['availability', TWO_NODES, '--years', '0.001', '--runs', '6', ...args]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^vrrplab: --history: /);
    }
  });
});
