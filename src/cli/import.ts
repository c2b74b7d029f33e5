// `vrrplab import keepalived FILE... [--names n1,n2] [--out FILE] [--format yaml|json]`:
// keepalived.conf files, one per node, as a runnable scenario skeleton (YAML) that refers to the
// files, or as the deployment model (JSON). A .conf does not say which addresses the node's
// interfaces have: the scenario marks what it had to assume.
import type { Command } from 'commander';
import { InputError, safeJson } from './errors.js';
import type { CommandModule } from './program.js';
import { addImportIpfailover } from './import-ipfailover.js';
import { addImportOpenshift4 } from './import-openshift4.js';
import { addImportKeepalivedOperator } from './import-keepalived-operator.js';
import { loadInputs } from '../keepalived/inputs.js';
import { formatWarning } from '../model/format.js';
import type { Deployment } from '../model/types.js';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { writeOutputFile } from '../keepalived/atomic.js';
import { skeletonScenario } from '../../sim/scenario/from-keepalived.js';
import { readFileSync } from 'node:fs';

export const register: CommandModule = (program: Command, io, setExit) => {
  program
    .command('import')
    .description('turn keepalived.conf files (one per node) into a scenario skeleton')
    .argument('<source>', 'what to import: keepalived')
    .argument('<files...>', 'keepalived.conf files, one per node')
    .option('--names <list>', 'comma-separated node names, one per file')
    .option('--out <file>', 'write the scenario here instead of printing it')
    .option('--format <format>', 'yaml (a scenario) or json (the deployment model)', 'yaml')
    .action((source: string, files: string[], opts: { names?: string; out?: string; format: string }) => {
      if (opts.format !== 'yaml' && opts.format !== 'json') throw new InputError(`'${opts.format}': expected yaml or json`, { file: '--format' });
      if (source !== 'keepalived') throw new InputError(`unknown import source '${source}'; expected keepalived`, { file: source });
      const names = opts.names?.split(',').map((s) => s.trim());
      // The scenario schema would reject the written file on its first run; say so now.
      const badName = (names ?? []).find((n) => !/^[A-Za-z0-9_.:-]+$/.test(n));
      if (badName !== undefined) throw new InputError(`'${badName}' is not a node name; expected letters, digits, _ . : -`, { file: '--names' });
      const nodes = loadInputs(files, { cwd: io.cwd, ...(names !== undefined ? { names } : {}) });
      for (const n of nodes) {
        for (const w of n.warnings) io.err(`${formatWarning(w)}\n`);
        if (opts.format === 'json') io.err(`${n.node.name}: interfaces are not in keepalived.conf; fill in name/address/prefix for each\n`);
      }
      if (opts.format === 'json') {
        const deployment: Deployment = { nodes: nodes.map((n) => n.node) };
        io.out(`${safeJson(deployment, 2)}\n`);
        return;
      }
      const outPath = opts.out === undefined ? undefined : resolve(io.cwd, opts.out);
      const base = outPath === undefined ? io.cwd : dirname(outPath);
      const rel = (p: string): string => {
        const r = relative(base, resolve(io.cwd, p));
        return isAbsolute(r) ? r : r.startsWith('.') ? r : `./${r}`;
      };
      const schemaRef = relative(base, resolve(dirname(new URL(import.meta.url).pathname), '../../schema/scenario.schema.json').replace('/dist/', '/')) || 'scenario.schema.json';
      const scenarioPath = outPath ?? resolve(io.cwd, 'scenario.yaml');
      const yaml = skeletonScenario(nodes.map((n, i) => ({ node: n, ref: rel(files[i] ?? '') })), nodes.map((n) => n.node.name).join('-'), schemaRef, scenarioPath, (p) => readFileSync(resolve(io.cwd, p), 'utf8'));
      if (outPath === undefined) io.out(yaml);
      else {
        writeOutputFile(outPath, yaml, '--out', opts.out ?? outPath);
        io.err(`wrote ${outPath}\n`);
      }
    });
  const sub = program.commands.find((c) => c.name() === 'import');
  if (sub !== undefined) {
    addImportIpfailover(sub, io, setExit);
    addImportOpenshift4(sub, io);
    addImportKeepalivedOperator(sub, io);
  }
};
