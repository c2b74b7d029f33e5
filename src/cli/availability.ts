// `vrrplab availability SCENARIO --years Y --runs N`: how many nines each probe gets under the
// scenario's `failures:` block, by Monte Carlo over independent histories; `--compare FILE` and
// `--set path=value` add variants run on the same histories; `--shard i/n` runs one slice and
// `vrrplab availability merge FILE...` puts the slices back together exactly; `--jobs N` runs N
// such slices at once in child processes and merges them, the same result on more cores.
import { basename, isAbsolute, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from './errors.js';
import { formatDuration } from '../../sim/scenario/duration.js';
import type { CommandModule } from './program.js';
import type { Io } from './io.js';
import { readText } from '../explore/write-scenario.js';
import { writeFileAtomic } from '../keepalived/atomic.js';
import { applySets, loadVariant, type Variant } from '../availability/variants.js';
import { assemble, runStudy, studyParams, type RunRecord, type Shard, type StudyResult } from '../availability/study.js';
import { mergeShards, resultJson } from '../availability/merge.js';
import { renderText } from '../availability/report-text.js';
import { renderAvailabilityHtml } from '../availability/report-html.js';
import { studyProgress } from '../availability/progress.js';
import { historyScenario, worstRun } from '../availability/replay.js';
import { childShards, parentChannel, parseJobs, runJobs, sliceSize } from './jobs.js';

interface AvailabilityCliOptions {
  readonly years: string;
  readonly runs: string;
  readonly seed?: string;
  readonly compare: readonly string[];
  readonly set: readonly string[];
  readonly shard?: string;
  readonly jobs?: string;
  readonly format?: string;
  readonly out?: string;
  readonly history?: string;
}

const collect = (v: string, prev: readonly string[]): string[] => [...prev, v];

export function parseShard(s: string | undefined, flag = '--shard'): Shard | null {
  if (s === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const index = Number(m?.[1]), count = Number(m?.[2]);
  if (m === null || count < 1 || index >= count || count > 100_000) throw new InputError(`'${s}': expected i/n with 0 <= i < n (0-based, like JOB_COMPLETION_INDEX), e.g. 0/4`, { file: flag });
  return { index, count };
}

function render(r: StudyResult, format: string): string {
  if (format === 'json') return resultJson(r);
  if (format === 'html') return renderAvailabilityHtml(r);
  return renderText(r);
}

function checkFormat(f: string): void {
  if (f !== 'text' && f !== 'json' && f !== 'html') throw new InputError(`'${f}': expected text, json or html`, { file: '--format' });
}

/** --history: a run index, `worst`, or null; only on a study of the scenario alone. */
function parseHistory(opts: AvailabilityCliOptions, target: string): number | 'worst' | null {
  const h = opts.history;
  if (h === undefined) return null;
  if (h !== 'worst' && !/^\d+$/.test(h)) throw new InputError(`'${h}': expected a run index (0-based, as in the JSON's runs) or worst`, { file: '--history' });
  const clash = target === 'merge' ? 'merge' : opts.compare.length > 0 ? '--compare' : opts.set.length > 0 ? '--set' : opts.shard !== undefined ? '--shard' : opts.format !== undefined ? '--format' : null;
  if (clash !== null) throw new InputError(`--history writes a scenario of the study's own file, expected it without ${clash} (every variant shares the runs' histories: apply a setting to the written file to replay it)`, { file: '--history' });
  return h === 'worst' ? 'worst' : Number(h);
}

function writeHistory(io: Io, out: string | undefined, v: Variant, text: string, path: string, seed: number, run: number, years: number, why: string): void {
  const file = resolve(io.cwd, out ?? 'history.yaml');
  const yaml = historyScenario(v, text, path, file, seed, run, years, why);
  output(io, out, yaml, `: run ${run}${why === '' ? '' : `, ${why}`}; replay it with vrrplab run ${out}`);
}

/** What the command prints, to stdout or whole into --out (a path that cannot take it is bad input). */
function output(io: Io, out: string | undefined, text: string, wrote = ''): void {
  if (out === undefined) {
    io.out(text);
    return;
  }
  try {
    writeFileAtomic(resolve(io.cwd, out), text);
  } catch (e) {
    throw new InputError(`cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)}), expected a writable path`, { file: out });
  }
  io.err(`wrote ${out}${wrote}\n`);
}

export const register: CommandModule = (program: Command, io: Io) => {
  program
    .command('availability')
    .description('Monte Carlo availability of each VIP as clients see it, from the scenario\'s failures: block; `availability merge FILE...` combines --shard results')
    .argument('<scenario>', 'scenario YAML file with a failures: block (or `merge`)')
    .argument('[files...]', 'with merge: the JSON results of every shard')
    .option('--years <y>', 'virtual years per history', '1')
    .option('--runs <n>', 'independent histories per variant', '100')
    .option('--seed <n>', 'master seed (default: the scenario\'s seed)')
    .option('--compare <file>', 'another scenario to run on the same failure histories (repeatable)', collect, [])
    .option('--set <path=value>', 'a variant of the scenario with this setting (repeatable; several settings in one variant: a=1; b=2)', collect, [])
    .option('--shard <i/n>', 'run only runs k with k mod n = i (0-based); merge the JSON results with `availability merge`')
    .option('--jobs <n>', 'run the histories in n processes at once (or auto: one per core); the result is the same')
    .option('--format <fmt>', 'text, json or html (default: text; merge: json)')
    .option('--out <file>', 'write the report here instead of stdout')
    .option('--history <k|worst>', 'instead of the report, write run k\'s sampled failure history (or the run with the longest outage) as a scenario `vrrplab run` replays')
    .action(async (target: string, files: readonly string[], opts: AvailabilityCliOptions) => {
      const format = opts.format ?? (target === 'merge' ? 'json' : 'text');
      checkFormat(format);
      const history = parseHistory(opts, target);
      const shown = (p: string): string => {
        const r = relative(io.cwd, p);
        return r.startsWith('..') || isAbsolute(r) ? p : r;
      };
      const read = (p: string, flag: string): string => {
        try {
          return readText(resolve(io.cwd, p));
        } catch (e) {
          throw new InputError(`cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)}), expected a readable file`, { file: flag === '' ? p : `${flag} ${p}` });
        }
      };
      let result: StudyResult;
      if (target === 'merge') {
        result = mergeShards(files.map((f) => ({ file: f, text: read(f, '') })));
      } else {
        if (files.length > 0) throw new InputError(`unexpected argument '${files[0]}', expected one scenario (more go in --compare)`, { file: 'availability' });
        const years = Number(opts.years);
        if (!/^\d+(\.\d+)?$/.test(opts.years) || !(years > 0) || years > 1_000_000) throw new InputError(`'${opts.years}': expected a number of years > 0, e.g. 1 or 0.01`, { file: '--years' });
        if (!/^\d+$/.test(opts.runs) || Number(opts.runs) < 2 || Number(opts.runs) > 10_000_000) throw new InputError(`'${opts.runs}': expected an integer 2..10000000 (an interval needs two runs)`, { file: '--runs' });
        const shard = parseShard(opts.shard);
        const readRel = (p: string): string => readText(resolve(io.cwd, p));
        const path = resolve(io.cwd, target);
        const text = read(target, '');
        const variants: Variant[] = [loadVariant(basename(target).replace(/\.ya?ml$/, ''), text, shown(path), readRel)];
        for (const c of opts.compare) variants.push(loadVariant(basename(c).replace(/\.ya?ml$/, ''), read(c, '--compare'), shown(resolve(io.cwd, c)), readRel));
        for (const s of opts.set) variants.push(loadVariant(s, applySets(text, s), `${shown(path)} (--set ${s})`, readRel));
        const names = new Set<string>();
        for (const v of variants) {
          if (names.has(v.name)) throw new InputError(`two variants are named '${v.name}', expected scenario files with different names`, { file: '--compare' });
          names.add(v.name);
        }
        const seed = opts.seed === undefined ? variants[0]?.scenario.spec.seed ?? 1 : Number(opts.seed);
        if (opts.seed !== undefined && (!/^\d+$/.test(opts.seed) || seed > 0xffffffff)) throw new InputError(`'${opts.seed}': expected an integer 0..4294967295`, { file: '--seed' });
        if (history !== null && history !== 'worst') {
          if (history >= Number(opts.runs)) throw new InputError(`run ${history} of ${opts.runs}: expected a run index below --runs`, { file: '--history' });
          writeHistory(io, opts.out, variants[0]!, text, path, seed, history, years, '');
          return;
        }
        const mine = sliceSize(Number(opts.runs), shard);
        const children = childShards(Number(opts.runs), shard, parseJobs(opts.jobs));
        const toParent = parentChannel();
        const progress = toParent !== null ? { update: (done: number) => toParent(String(done)), end: () => {} } : studyProgress(io.err, io.errIsTTY);
        const study = { years, runs: Number(opts.runs), seed, shard };
        if (children.length === 0) result = runStudy(variants, { ...study, onRun: progress.update });
        else {
          const common = [
            'availability', target, '--years', opts.years, '--runs', opts.runs, '--seed', String(seed),
            ...opts.compare.flatMap((c) => ['--compare', c]), ...opts.set.flatMap((x) => ['--set', x]), '--format', 'json',
          ];
          const done = children.map(() => 0);
          const outs = await runJobs(children.map((c) => [...common, '--shard', `${c.index}/${c.count}`]), io.cwd, (j, line) => {
            done[j] = Number(line);
            progress.update(done.reduce((a, b) => a + b, 0), mine);
          });
          const params = studyParams(variants, study);
          const runs: RunRecord[] = [];
          for (const o of outs) {
            const part = JSON.parse(o.stdout) as StudyResult;
            // A child reads the files again: one that changed meanwhile must not blend in.
            if (JSON.stringify(part.study) !== JSON.stringify(params)) throw new InputError('a scenario file changed while the study ran, expected the files to stay as they were', { file: target });
            runs.push(...part.runs);
          }
          result = assemble(params, shard, runs.sort((a, b) => a.run - b.run));
        }
        progress.end();
        if (history === 'worst') {
          const worst = worstRun(result.runs);
          if (worst === null) {
            io.err(`no run of ${opts.runs} had an outage: no history to write\n`);
            return;
          }
          writeHistory(io, opts.out, variants[0]!, text, path, seed, worst.run, years, `its ${worst.probe} outage of ${formatDuration(worst.outage)} is the longest of ${opts.runs} runs`);
          return;
        }
      }
      output(io, opts.out, render(result, format));
    });
};
