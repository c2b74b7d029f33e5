// `vrrplab import keepalived-operator FILES...`: a KeepalivedGroup CR and the Services that
// reference it as a runnable scenario.
import type { Command } from 'commander';
import { dirname, resolve } from 'node:path';
import { InputError } from './errors.js';
import type { Io } from './io.js';
import { readInputFile, schemaRefFor, writeScenarioOut } from './import-openshift4.js';
import { parseKeepalivedOperator } from '../keepalived-operator/parse.js';
import { writeKeepalivedOperatorScenario, type KaNode } from '../keepalived-operator/scenario.js';

const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function parseNode(text: string): KaNode {
  const [name = '', address = ''] = text.split('=');
  if (!/^[A-Za-z0-9_.:-]+$/.test(name) || !IPV4.test(address)) throw new InputError(`'${text}': expected NAME=IPV4 (a node the DaemonSet runs on)`, { file: '--node' });
  return { name, address };
}

export function addImportKeepalivedOperator(imp: Command, io: Io): void {
  imp
    .command('keepalived-operator')
    .description('a keepalived-operator KeepalivedGroup and its annotated Services as a scenario')
    .argument('<files...>', 'YAML manifests: one KeepalivedGroup, LoadBalancer / externalIPs Services')
    .option('--node <name=ip>', 'a node running the group\'s keepalived pod (repeatable; default two assumed nodes)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--auth-pass <pass>', "the passwordAuth secret's value, when the group uses one")
    .option('--out <file>', 'write the scenario here instead of printing it')
    .action((files: string[], opts: { node?: string[]; authPass?: string; out?: string }) => {
      const groups = parseKeepalivedOperator(files.map((file) => ({ file, text: readInputFile(io, file) })));
      if (groups.length > 1) throw new InputError(`${groups.length} KeepalivedGroups; expected one per scenario (vrrplab lint checks several together)`, groups[1]?.pos ?? { file: files[0] ?? '-' });
      const p = groups[0];
      if (p === undefined) return;
      for (const w of p.warnings) io.err(`warning: ${w}\n`);
      const nodes = (opts.node ?? []).map(parseNode);
      const assumed = nodes.length === 0;
      const use = assumed ? [{ name: 'node-1', address: '192.0.2.11' }, { name: 'node-2', address: '192.0.2.12' }] : nodes;
      const outDir = opts.out === undefined ? io.cwd : dirname(resolve(io.cwd, opts.out));
      writeScenarioOut(io, writeKeepalivedOperatorScenario(p, use, assumed, schemaRefFor(outDir), opts.authPass ?? ''), opts.out);
    });
}
