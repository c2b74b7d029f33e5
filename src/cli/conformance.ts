// `vrrplab conformance SCENARIO`: run the scenario's world in real keepalived 2.2.7 (network
// namespaces, real time) and in the simulator, and say whether they agree. Exit 0 agree,
// 1 differ, 2 bad input or a host that cannot run it (not root, no iproute2/keepalived).
import { readInputText } from './read-input.js';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT_FAILED, InputError, escapeControls, safeJson } from './errors.js';
import type { CommandModule } from './program.js';
import type { Io } from './io.js';
import { loadScenarioText, type LoadedScenario } from '../../sim/scenario/load.js';
import type { OriginalConf } from '../conformance/run.js';
import { simulate } from '../../sim/simulate.js';
import { checkConformance, prerequisitesFor } from '../conformance/conformance.js';
import { formatComparisonText } from '../conformance/compare-text.js';
import { describePrerequisite, missingPrerequisites } from '../conformance/prereq.js';
import { assertTopologyAt } from '../conformance/topology-at.js';
import { bundleIncludes } from '../conformance/original-conf.js';
import { globIn } from '../keepalived/fs.js';
import type { Glob, ReadFile } from '../keepalived/read.js';

interface Options {
  readonly keep?: boolean;
  readonly rendered?: boolean;
  readonly format: string;
}

export const register: CommandModule = (program: Command, io: Io, setExit) => {
  program
    .command('conformance')
    .description('run a scenario in real keepalived (network namespaces, needs root) and compare it with the simulation')
    .argument('<scenario>', 'scenario YAML file')
    .option('--keep', 'leave the namespaces, processes and logs in place afterwards')
    .option('--rendered', "give keepalived vrrplab's rendering of each node instead of the scenario's own keepalived.conf files")
    .option('--format <format>', 'text or json', 'text')
    .action(async (target: string, opts: Options) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new InputError(`unknown format '${opts.format}', expected text or json`, { file: '--format' });
      const readFile = (p: string): string => readInputText(resolve(io.cwd, p));
      let text: string;
      try {
        text = readFile(target);
      } catch (e) {
        throw new InputError(`cannot read scenario: ${(e as NodeJS.ErrnoException).code ?? String(e)}; expected a readable YAML file`, { file: target });
      }
      const glob = globIn(io.cwd);
      const loaded = loadScenarioText(text, target, { readFile, glob });
      assertTopologyAt(loaded.spec, text, target);
      const missing = await missingPrerequisites(prerequisitesFor(loaded.spec));
      const first = missing[0];
      if (first !== undefined) {
        throw new InputError(`conformance needs ${describePrerequisite(first)}${missing.length > 1 ? ` (also missing: ${missing.slice(1).join(', ')})` : ''}; run as root on a host with iproute2 and keepalived`);
      }
      const originals = opts.rendered === true ? undefined : originalConfs(loaded, readFile, glob);
      const r = await checkConformance(loaded.spec, simulate, { keep: opts.keep === true, ...(originals !== undefined ? { originals } : {}) });
      const c = r.comparison;
      if (opts.format === 'json') {
        io.out(`${safeJson({
          scenario: loaded.name, file: target, verdict: c.verdict,
          matched: c.matched, missing: c.missing, extra: c.extra, outOfTolerance: c.outOfTolerance, maxAbsError: c.maxAbsError,
          tolerances: c.tolerances, drift: c.drift, ownership: c.ownership, rows: c.rows,
          startLatency: r.real.startLatency, unrealisedDelay: r.real.unrealisedDelay, notes: r.real.notes,
          ...(r.real.kept ? { kept: { namespaces: r.real.namespaces, workDir: r.real.workDir } } : {}),
        })}\n`);
      } else {
        io.out(`conformance: ${loaded.name} (${target}), ${(loaded.spec.until / 1e6).toFixed(1)} s of real keepalived 2.2.7 ${originals !== undefined ? "on the scenario's own keepalived.conf files" : "on vrrplab's rendering of them"} vs the simulator\n`);
        for (const n of r.real.notes) io.out(`${escapeControls(`note: ${n}`)}\n`);
        if (r.real.unrealisedDelay > 0) {
          io.out(`WARNING: latency/jitter NOT REALISED on this host (kernel without sch_netem): the real run had no added delay, so this comparison does not test it (tolerances widened by ${(r.real.unrealisedDelay / 1000).toFixed(0)}ms)\n`);
        }
        io.out(formatComparisonText(c));
        if (r.real.kept) io.out(`kept: namespaces ${r.real.namespaces.join(' ')}; logs and configs in ${r.real.workDir}\n`);
      }
      if (c.verdict !== 'agree') setExit(EXIT_FAILED);
    });
};

/**
 * Each node's keepalived.conf as the user wrote it, with the files it includes (read and globbed
 * as the loader read them), and the node's shell. Interface names need no substitution: the
 * namespaces give every node the interfaces its scenario lists, by name.
 */
function originalConfs(loaded: LoadedScenario, readFile: ReadFile, glob: Glob): Map<string, OriginalConf> {
  const out = new Map<string, OriginalConf>();
  for (const n of loaded.nodes) {
    const src = loaded.sources.get(n.name);
    if (src === undefined) continue;
    out.set(n.name, { ...bundleIncludes(src.text, src.file ?? loaded.file, readFile, glob), shell: n.shell ?? 'dash' });
  }
  return out;
}
