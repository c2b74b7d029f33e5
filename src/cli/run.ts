// `vrrplab run SCENARIO|DIR`: the main job. One scenario prints its timeline and verdicts; a
// folder runs every scenario in it and prints a summary table. Exit 0 all hold, 1 one fails,
// 2 bad input.
import { readdirSync, statSync } from 'node:fs';
import { readInputText } from './read-input.js';
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, EXIT_BAD_INPUT, EXIT_FAILED, formatInputError } from './errors.js';
import type { CommandModule } from './program.js';
import type { Io } from './io.js';
import { parseDuration, formatDuration } from '../../sim/scenario/duration.js';
import { runLoaded, runScenarioFile, type ScenarioError, type ScenarioRun } from '../../sim/scenario/run.js';
import { loadScenario } from '../../sim/scenario/load.js';
import { textReport } from '../../sim/scenario/report-text.js';
import { errorLine, jsonLinesReport, renderJsonLinesOf, runLines, summaryLine } from '../../sim/scenario/report-json.js';
import { createMeter, createProgress, stderrSink } from '../../sim/report/progress.js';
import { globIn } from '../keepalived/fs.js';

interface RunOptions {
  readonly seed?: string;
  readonly until?: string;
  readonly format: string;
  readonly html?: string;
  readonly junit?: string;
}

function parseSeed(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s) || Number(s) > 2 ** 32 - 1) throw new InputError(`'${s}' is not a seed; expected an integer 0..4294967295`, { file: '--seed' });
  return Number(s);
}

function parseUntil(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const d = parseDuration(s);
  if (typeof d === 'string') throw new InputError(d, { file: '--until' });
  if (d === 0) throw new InputError('expected a duration longer than 0', { file: '--until' });
  return d;
}

export function scenarioFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

export const register: CommandModule = (program: Command, io: Io, setExit) => {
  program
    .command('run')
    .description('simulate a scenario (or every scenario in a folder) and check its expectations')
    .argument('<scenario>', 'scenario YAML file, or a folder of them')
    .option('--seed <n>', 'override the scenario seed')
    .option('--until <time>', 'override the virtual time the run covers (e.g. 1h)')
    .option('--format <format>', 'text or json (JSON Lines)', 'text')
    .option('--html <file>', 'also write a self-contained HTML timeline (one section per scenario)')
    .option('--junit <file>', 'also write the verdicts as JUnit XML')
    .action(async (target: string, opts: RunOptions) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new InputError(`unknown format '${opts.format}'; expected text or json`, { file: '--format' });
      // The HTML and JUnit writers (and node:crypto, which the HTML report hashes with) are
      // loaded only when asked for: without --html/--junit there is nothing to check or write,
      // and loading them was ~4 ms of a cold `vrrplab run`.
      const reports = opts.html !== undefined || opts.junit !== undefined ? await import('../../sim/report/write.js') : undefined;
      const path = resolve(io.cwd, target);
      let isDir: boolean;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        throw new InputError('no such file or folder, expected a scenario YAML file or a folder of them', { file: target });
      }
      const readFile = (p: string): string => readInputText(resolve(io.cwd, p));
      const shown = (p: string): string => {
        const r = relative(io.cwd, p);
        return r.startsWith('..') || isAbsolute(r) ? p : r;
      };
      const loadOpts = { readFile, glob: globIn(io.cwd), ...(parseSeed(opts.seed) !== undefined ? { seed: parseSeed(opts.seed) as number } : {}), ...(parseUntil(opts.until) !== undefined ? { until: parseUntil(opts.until) as number } : {}) };
      if (!isDir) {
        const scenario = loadScenario(shown(path), loadOpts);
        reports?.checkReportTargets(opts, io.cwd);
        const until = scenario.spec.until;
        // A long run (100 days of virtual time takes seconds) shows how far it has got.
        const meter = createMeter(stderrSink(io.err, { isTTY: io.errIsTTY, ...(io.errColumns !== undefined ? { columns: io.errColumns } : {}) }), 'vrrplab', { quietFor: 1000 });
        const onProgress = (now: number, end: number): void => meter.update(now, end, `${shown(path)}: ${Math.round((100 * now) / Math.max(1, end))}% of ${formatDuration(end)} of virtual time`);
        // The report goes out as the run makes it; the meter's line is erased before each write.
        const out = (t: string): void => { meter.end(); io.out(t); };
        const report = opts.format === 'json' ? jsonLinesReport(scenario, until, out) : textReport(scenario, until, out);
        let run: ScenarioRun;
        try {
          // Off a terminal the meter writes a line per tenth at most: finer slices buy nothing.
          run = runLoaded(scenario, { onProgress, onTrace: report.events, steps: io.errIsTTY ? 100 : 10 });
        } finally {
          meter.end();
        }
        reports?.writeReports([run], opts, io.cwd, false);
        report.end(run);
        if (opts.format === 'json') io.out(renderJsonLinesOf([summaryLine([run], 0, run.ok ? 0 : 1)]));
        if (!run.ok) setExit(EXIT_FAILED);
        return;
      }
      const files = scenarioFilesIn(path);
      if (files.length === 0) throw new InputError('no .yaml scenarios in this folder', { file: target });
      reports?.checkReportTargets(opts, io.cwd);
      const progress = createProgress(stderrSink(io.err, { isTTY: io.errIsTTY, ...(io.errColumns !== undefined ? { columns: io.errColumns } : {}) }), files.length);
      // JSON Lines go out scenario by scenario (the progress line erased first); the text summary needs them all.
      const json = (lines: Parameters<typeof renderJsonLinesOf>[0]): void => {
        if (opts.format !== 'json') return;
        progress.done();
        io.out(renderJsonLinesOf(lines));
      };
      // One bad file is that file's error: the others still run and are reported, exit 2 at the end.
      const items: ({ readonly run: ScenarioRun } | { readonly error: ScenarioError })[] = [];
      try {
        for (const f of files) {
          progress.start(shown(f));
          try {
            const r = runScenarioFile(shown(f), loadOpts);
            progress.finish(shown(f), r.ok ? 'PASS' : 'FAIL');
            items.push({ run: r });
            json(runLines(r));
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
            progress.finish(shown(f), 'ERROR');
            items.push({ error: { file: shown(f), error: e } });
            json([errorLine(shown(f), e)]);
          }
        }
      } finally {
        progress.done();
      }
      const runs = items.flatMap((i) => ('run' in i ? [i.run] : []));
      const errors = items.flatMap((i) => ('error' in i ? [i.error] : []));
      for (const e of errors) io.err(`vrrplab: ${formatInputError(e.error)}\n`);
      reports?.writeReports(runs, opts, io.cwd, true, errors);
      const exit = errors.length > 0 ? EXIT_BAD_INPUT : runs.some((r) => !r.ok) ? EXIT_FAILED : 0;
      if (opts.format === 'json') io.out(renderJsonLinesOf([summaryLine(runs, errors.length, exit)]));
      else io.out(summaryTable(runs, errors));
      setExit(exit);
    });
};

export function summaryTable(runs: readonly ScenarioRun[], errors: readonly ScenarioError[] = []): string {
  const rows = runs.map((r) => {
    const failed = r.verdicts.filter((v) => !v.ok);
    return [r.ok ? 'PASS' : 'FAIL', r.scenario.file, `${r.verdicts.length - failed.length}/${r.verdicts.length}`, formatDuration(r.result.end), failed.map((v) => v.expectation.label).join('; ')];
  });
  for (const e of errors) rows.push(['ERROR', e.file, '-', '-', formatInputError(e.error)]);
  const w = [4, Math.max(8, ...rows.map((r) => (r[1] ?? '').length)), 8, 8];
  const head = ['', 'scenario', 'verdicts', 'virtual', 'failed'];
  const fmt = (r: readonly string[]): string => r.map((c, i) => (i < 4 ? c.padEnd(w[i] ?? 0) : c)).join('  ').trimEnd();
  const passed = runs.filter((r) => r.ok).length;
  return `${[fmt(head), ...rows.map(fmt)].join('\n')}\n${passed} passed, ${runs.length - passed} failed${errors.length > 0 ? `, ${errors.length} could not be run` : ''}\n`;
}
