// Reports are written as the run makes them, not built as one string at the end: a long run
// with adverts traced hands its trace over in bounded chunks while it is still running, and
// `vrrplab run` prints timeline lines before the run reaches its end.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../sim/scenario/load.js';
import { runLoaded } from '../../../sim/scenario/run.js';
import { renderJsonLines, jsonLinesReport } from '../../../sim/scenario/report-json.js';
import { renderText, textReport } from '../../../sim/scenario/report-text.js';
import { main } from '../../../src/cli/program.js';
import type { Io } from '../../../src/cli/io.js';

const SEED = 'scenarios/openshift-ha-router.yaml';
const DAY = 86_400_000_000;

describe('streamed trace', () => {
  it('a virtual day with adverts traced reaches the sink in chunks while the run goes on, and adverts are not kept', () => {
    const loaded = loadScenario(SEED, { until: DAY });
    const scenario = { ...loaded, spec: { ...loaded.spec, traceAdverts: true } };
    const seen: ({ kind: 'chunk'; size: number; adverts: number } | { kind: 'progress'; now: number })[] = [];
    const run = runLoaded(scenario, {
      onTrace: (es) => seen.push({ kind: 'chunk', size: es.length, adverts: es.filter((e) => e.type === 'advert').length }),
      onProgress: (now) => seen.push({ kind: 'progress', now }),
    });
    const chunks = seen.flatMap((x) => (x.kind === 'chunk' ? [x] : []));
    const adverts = chunks.reduce((s, c) => s + c.adverts, 0);
    // One advert a second per instance for a day: far more than any chunk may hold.
    expect(adverts).toBeGreaterThan(100_000);
    expect(Math.max(...chunks.map((c) => c.size))).toBeLessThanOrEqual(8192);
    // Chunks arrive before the run's half-way progress report, not all at the end.
    const half = seen.findIndex((x) => x.kind === 'progress' && x.now >= DAY / 2);
    expect(seen.slice(0, half).filter((x) => x.kind === 'chunk' && x.adverts > 0).length).toBeGreaterThan(10);
    expect(run.result.trace.some((e) => e.type === 'advert')).toBe(false);
    expect(run.result.end).toBe(DAY);
  });

  it('in tenths (progress off a terminal) the run reports only tenths and its report is byte for byte the whole run\'s', () => {
    const scenario = loadScenario(SEED, { until: 3_600_000_000 });
    let text = '';
    const t = textReport(scenario, scenario.spec.until, (s) => { text += s; });
    const progress: number[] = [];
    // A clock that says every slice was slow keeps the stride at one step: every tenth is seen.
    let ms = 0;
    const run = runLoaded(scenario, { onTrace: t.events, onProgress: (now) => progress.push(now), steps: 10, clock: () => (ms += 60) });
    t.end(run);
    expect(progress).toEqual(Array.from({ length: 10 }, (_, k) => 360_000_000 * (k + 1)));
    expect(text).toBe(renderText(runLoaded(scenario)));
  });

  it('the streamed reports are byte for byte the reports of the whole run', () => {
    const scenario = loadScenario(SEED, { until: 3_600_000_000 });
    let text = '';
    let json = '';
    const t = textReport(scenario, scenario.spec.until, (s) => { text += s; });
    const j = jsonLinesReport(scenario, scenario.spec.until, (s) => { json += s; });
    const run = runLoaded(scenario, { onTrace: (es) => { t.events(es); j.events(es); } });
    t.end(run);
    j.end(run);
    const whole = runLoaded(scenario);
    expect(text).toBe(renderText(whole));
    // renderJsonLines adds the one-run summary line.
    expect(renderJsonLines(whole).startsWith(json)).toBe(true);
    expect(renderJsonLines(whole).slice(json.length).split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['summary']);
  });
});

describe('vrrplab run writes as it goes', () => {
  for (const format of ['text', 'json']) {
    it(`--format ${format}: timeline lines reach stdout before the run's last progress step`, async () => {
      // On a terminal the meter redraws at every hundredth of the run: stdout writes between
      // those draws were made while the run was going on.
      const order: string[] = [];
      const io: Io = {
        out: (t) => { order.push(`out ${t}`); },
        err: (t) => { order.push(`err ${t}`); },
        cwd: process.cwd(),
        errIsTTY: true,
      };
      expect(await main(['run', SEED, '--until', '720h', '--format', format], io)).toBe(0);
      const lastBar = order.length - 1 - [...order].reverse().findIndex((x) => x.startsWith('err \r['));
      const firstTimeline = order.findIndex((x) => x.startsWith('out ') && /MASTER/.test(x));
      expect(order.some((x) => x.startsWith('err \r['))).toBe(true);
      expect(firstTimeline).toBeGreaterThanOrEqual(0);
      expect(firstTimeline).toBeLessThan(lastBar);
      // The verdicts, which need the whole run, come after it.
      expect(order.findIndex((x) => x.startsWith('out ') && /passed|"type":"result"/.test(x))).toBeGreaterThan(lastBar);
    });
  }
});
