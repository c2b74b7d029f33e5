// `vrrplab explore SCENARIO --runs N`: random fault schedules on a scenario's deployment; on a
// failure, the schedule shrunk to a minimal one is written as a runnable scenario. Exit 0 none
// found, 1 found, 2 bad input.
import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, EXIT_FAILED, escapeControls, safeJson } from './errors.js';
import type { CommandModule } from './program.js';
import type { Io } from './io.js';
import { loadScenarioText } from '../../sim/scenario/load.js';
import { describeFault, warningLines } from '../../sim/scenario/report-text.js';
import { formatSeconds, parseDuration } from '../../sim/scenario/duration.js';
import { DISRUPTIONS, faultArbitraries, type Disruption } from '../testing/schedule.js';
import { explore, type ExploreOptions, type ExploreOutcome } from '../explore/explore.js';
import { progressReporter } from '../explore/progress.js';
import { counterexampleYaml, readText } from '../explore/write-scenario.js';
import { writeFileAtomic } from '../keepalived/atomic.js';
import { exploreShard, mergeExplore, outcomeOf } from '../explore/shard.js';
import { exploreInJobs, judgedToParent } from './explore-jobs.js';
import { childShards, parseJobs } from './jobs.js';
import { parseShard } from './availability.js';
import { globIn } from '../keepalived/fs.js';

interface ExploreCliOptions {
  readonly runs: string;
  readonly seed?: string;
  readonly faults?: string;
  readonly maxFaults: string;
  readonly horizon?: string;
  readonly out?: string;
  readonly shard?: string;
  readonly jobs?: string;
  readonly allowTotalOutage?: boolean;
}

function positiveInt(flag: string, s: string, max: number): number {
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > max) throw new InputError(`'${s}': expected an integer 1..${max}`, { file: flag });
  return Number(s);
}

export function parseKinds(s: string | undefined): Disruption[] | undefined {
  if (s === undefined) return undefined;
  const kinds = s.split(',').map((k) => k.trim()).filter((k) => k !== '');
  const known: readonly string[] = DISRUPTIONS;
  for (const k of kinds) {
    if (!known.includes(k)) {
      throw new InputError(`unknown fault '${k}'; expected a comma-separated list of ${DISRUPTIONS.join(', ')} (recoveries such as start, thaw and heal are added by every schedule)`, { file: '--faults' });
    }
  }
  if (kinds.length === 0) throw new InputError(`expected at least one of ${DISRUPTIONS.join(', ')}`, { file: '--faults' });
  return kinds as Disruption[];
}

export const register: CommandModule = (program: Command, io: Io, setExit) => {
  program
    .command('explore')
    .description('run random fault schedules on a scenario\'s deployment and shrink the first failure to a runnable scenario; schedules keep at least one node able to hold each VIP unless --allow-total-outage')
    .argument('<scenario>', 'scenario YAML file (its timeline is replaced; expectations without a time are kept), or `merge`')
    .argument('[files...]', 'with merge: the JSON results of every --shard run')
    .option('--runs <n>', 'number of random schedules', '100')
    .option('--seed <n>', 'seed of the random schedules (default: random, printed)')
    .option('--faults <kinds>', `comma-separated fault kinds (default: all of ${DISRUPTIONS.join(',')})`)
    .option('--max-faults <n>', 'most faults in one schedule', '4')
    .option('--horizon <time>', 'faults fall within this time from the start (default: half the scenario, 10s..60s)')
    .option('--out <file>', 'where to write the shrunk counterexample scenario')
    .option('--shard <i/n>', 'judge only runs k with k mod n = i (0-based), stop at the first failure, print JSON for `explore merge`')
    .option('--jobs <n>', 'judge the runs in n processes at once (or auto: one per core); the result is the same')
    .option('--allow-total-outage', 'also try schedules that leave a VIP with no node able to hold it (every holder crashed, stopped, frozen or cut off); by default each VIP keeps at least one')
    .action(async (target: string, files: readonly string[], opts: ExploreCliOptions) => {
      if (target === 'merge') {
        mergeCommand(files, opts, io, setExit);
        return;
      }
      if (files.length > 0) throw new InputError(`unexpected argument '${files[0]}', expected one scenario`, { file: 'explore' });
      const shard = parseShard(opts.shard);
      const runs = positiveInt('--runs', opts.runs, 1_000_000);
      const maxFaults = positiveInt('--max-faults', opts.maxFaults, 100);
      const jobs = parseJobs(opts.jobs);
      const seed = opts.seed === undefined ? Math.floor(Math.random() * 0x7fffffff) : parseSeed(opts.seed);
      const kinds = parseKinds(opts.faults);
      let horizon: number | undefined;
      if (opts.horizon !== undefined) {
        const h = parseDuration(opts.horizon);
        if (typeof h === 'string') throw new InputError(`${h}`, { file: '--horizon' });
        horizon = h;
      }
      if (opts.out !== undefined) checkOutPath(resolve(io.cwd, opts.out), opts.out);
      const path = resolve(io.cwd, target);
      const shown = (p: string): string => {
        const r = relative(io.cwd, p);
        return r.startsWith('..') || isAbsolute(r) ? p : r;
      };
      let text: string;
      try {
        text = readText(path);
      } catch {
        throw new InputError('cannot read the scenario, expected a scenario YAML file', { file: target });
      }
      const scenario = loadScenarioText(text, shown(path), { readFile: (p) => readText(resolve(io.cwd, p)), glob: globIn(io.cwd) });
      if (faultArbitraries(scenario.spec, kinds).length === 0) {
        throw new InputError(`none of the faults ${(kinds ?? DISRUPTIONS).join(', ')} has a target in this scenario (service faults need services, partitions two keepalived nodes); expected other --faults`, { file: '--faults' });
      }
      io.err(`explore: ${runs} runs of ${shown(path)}, seed ${seed}${shard === null ? '' : `, shard ${shard.index}/${shard.count}`}\n`);
      const progress = progressReporter(io.err, io.errIsTTY);
      const onJudged = judgedToParent();
      const exploreOpts: ExploreOptions = {
        runs, seed, maxFaults, onProgress: onJudged === undefined ? progress.update : () => {},
        ...(opts.allowTotalOutage === true ? { allowTotalOutage: true } : {}), ...(kinds !== undefined ? { kinds } : {}), ...(horizon !== undefined ? { horizon } : {}), ...(onJudged !== undefined ? { onJudged } : {}),
      };
      const children = childShards(runs, shard, jobs);
      let outcome: ExploreOutcome;
      if (children.length > 0) {
        const args = [
          'explore', target, '--runs', String(runs), '--seed', String(seed), '--max-faults', String(maxFaults),
          ...(opts.faults !== undefined ? ['--faults', opts.faults] : []), ...(opts.horizon !== undefined ? ['--horizon', opts.horizon] : []),
          ...(opts.allowTotalOutage === true ? ['--allow-total-outage'] : []),
        ];
        const r = await exploreInJobs(scenario, exploreOpts, shard, children, args, io.cwd, (done, total) => progress.update({ phase: 'run', done, total }));
        progress.end();
        if (shard !== null) {
          io.out(`${safeJson(r.shard, 1)}\n`);
          if (r.first !== null) setExit(EXIT_FAILED);
          return;
        }
        outcome = r.first === null ? { seed, runs, failure: null } : outcomeOf(scenario, exploreOpts, r.first);
      } else if (shard !== null) {
        const r = exploreShard(scenario, exploreOpts, shard);
        progress.end();
        io.out(`${safeJson(r, 1)}\n`);
        if (r.failures.length > 0) setExit(EXIT_FAILED);
        return;
      } else {
        outcome = explore(scenario, exploreOpts);
        progress.end();
      }
      const f = outcome.failure;
      if (f === null) {
        io.out(`${[`no failure in ${outcome.runs} runs (seed ${seed})`, ...warningLines(scenario.warnings)].join('\n')}\n`);
        return;
      }
      const out = resolve(io.cwd, opts.out ?? `${basename(path).replace(/\.ya?ml$/, '')}.explore-${seed}.yaml`);
      const n = f.schedule.steps.length;
      const yamlText = counterexampleYaml(text, path, out, f.spec.timeline, f.spec.until, { seed, path: f.path, findings: f.findings.map((x) => `${x.what} — ${x.detail}`) });
      writeCounterexample(out, yamlText, opts.out ?? out);
      const lines = [
        `FAILURE found at run ${f.foundAt} (seed ${seed}), shrunk ${f.numShrinks} time(s) to ${n} fault${n === 1 ? '' : 's'}:`,
        ...f.spec.timeline.map((e) => `  ${formatSeconds(e.at).padStart(12)}s  ${describeFault(e.fault)}${e.at === f.schedule.recoveryAt && n > 0 ? '  (recovery)' : ''}`),
        ...f.findings.map((x) => `FAIL  ${x.what} — ${x.detail}`),
        `wrote ${shown(out)}; replay: vrrplab run ${shown(out)}  (or vrrplab explore ${shown(path)} --seed ${seed} --runs ${runs}${opts.faults !== undefined ? ` --faults ${opts.faults}` : ''}${opts.maxFaults !== '4' ? ` --max-faults ${maxFaults}` : ''}${opts.horizon !== undefined ? ` --horizon ${opts.horizon}` : ''}${opts.allowTotalOutage === true ? ' --allow-total-outage' : ''})`,
      ];
      io.out(`${[...lines.map(escapeControls), ...warningLines(scenario.warnings)].join('\n')}\n`);
      setExit(EXIT_FAILED);
    });
};

/** The shards' failures, identical shrunk schedules once; the first (lowest run) is written as a scenario. */
function mergeCommand(files: readonly string[], opts: ExploreCliOptions, io: Io, setExit: (code: number) => void): void {
  const m = mergeExplore(files.map((f) => {
    try {
      return { file: f, text: readText(resolve(io.cwd, f)) };
    } catch {
      throw new InputError('cannot read, expected a JSON result of explore --shard', { file: f });
    }
  }));
  const first = m.failures[0];
  if (first === undefined) {
    io.out(`${[`no failure in ${m.judged} runs (seed ${m.seed})`, ...m.warnings.map(escapeControls)].join('\n')}\n`);
    return;
  }
  const lines = [`${m.failures.length} distinct failure(s) in ${m.judged} runs judged (seed ${m.seed}); the first is the one an unsharded explore reports:`];
  for (const f of m.failures) {
    lines.push(`run ${f.run}: shrunk ${f.numShrinks} time(s) to ${f.timeline.length} event(s):`, ...f.timeline.map((e) => `  ${formatSeconds(e.at).padStart(12)}s  ${describeFault(e.fault)}`), ...f.findings.map((x) => `  FAIL  ${x.what} — ${x.detail}`));
  }
  let text: string;
  const path = resolve(io.cwd, m.scenario);
  try {
    text = readText(path);
  } catch {
    throw new InputError('cannot read the scenario the shards explored, expected it at the path they name', { file: m.scenario });
  }
  const out = resolve(io.cwd, opts.out ?? `${basename(path).replace(/\.ya?ml$/, '')}.explore-${m.seed}.yaml`);
  writeCounterexample(out, counterexampleYaml(text, path, out, first.timeline, first.until, { seed: m.seed, path: first.path, findings: first.findings.map((x) => `${x.what} — ${x.detail}`) }), opts.out ?? out);
  lines.push(`wrote ${relative(io.cwd, out)} (run ${first.run}); replay: vrrplab run ${relative(io.cwd, out)}`);
  io.out(`${[...lines, ...m.warnings].map(escapeControls).join('\n')}\n`);
  setExit(EXIT_FAILED);
}

function parseSeed(s: string): number {
  if (!/^\d+$/.test(s) || Number(s) > 0x7fffffff) throw new InputError(`'${s}': expected an integer 0..2147483647`, { file: '--seed' });
  return Number(s);
}

/** The counterexample file, whole or not at all; a path that cannot take it is bad input (exit 2). */
function writeCounterexample(out: string, text: string, given: string): void {
  try {
    writeFileAtomic(out, text);
  } catch (e) {
    throw new InputError(`cannot write the counterexample (${(e as NodeJS.ErrnoException).code ?? String(e)}), expected a writable path`, { file: given });
  }
}

/** A bad --out would otherwise surface only after every run and the shrinking. */
function checkOutPath(out: string, given: string): void {
  const kind = (p: string): 'dir' | 'file' | 'none' => {
    try { return statSync(p).isDirectory() ? 'dir' : 'file'; } catch { return 'none'; }
  };
  if (kind(out) === 'dir') throw new InputError('--out names a folder; expected a file path for the counterexample scenario', { file: given });
  if (kind(dirname(out)) !== 'dir') throw new InputError('--out: the folder does not exist; expected a file path in an existing folder', { file: given });
}
