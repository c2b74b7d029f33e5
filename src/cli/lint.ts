// `vrrplab lint INPUT... [--node NAME,ADDRESS[,LABEL=VALUE...]] [--format text|json]`: the
// failover pitfalls in keepalived.conf files and ipfailover inputs taken together (one L2
// segment). Exit 1 when any finding is an error, 2 on bad input.
import { readInputText } from './read-input.js';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT_FAILED, InputError, safeJson } from './errors.js';
import type { CommandModule } from './program.js';
import { loadKeepalivedNode } from '../keepalived/fs.js';
import { detectIpfailoverInput, parseIpfailoverInput } from '../ipfailover/parse.js';
import { assertNodeAddress } from '../ipfailover/plan.js';
import { formatFinding } from '../lint/finding.js';
import { lint, type LintIpfailover, type LintKeepalived, type LintNode } from '../lint/lint.js';
import { loadScenarioForCli } from '../../sim/scenario/as-inputs.js';
import { looksLikeInstallConfig, type LintInstallConfig } from '../lint/openshift4.js';
import { parseInstallConfig } from '../openshift4/install-config.js';
import { looksLikeKeepalivedOperator } from '../lint/keepalived-operator.js';
import { parseKeepalivedOperator } from '../keepalived-operator/parse.js';
import { countLine } from './check-config.js';

function parseNode(text: string): LintNode {
  const [name = '', address = '', ...labels] = text.split(',').map((s) => s.trim());
  if (name === '' || address === '') throw new InputError(`'${text}': expected NAME,ADDRESS[,LABEL=VALUE...]`, { file: '--node' });
  try {
    assertNodeAddress(address);
  } catch (e) {
    // assertNodeAddress names --address (render ipfailover's flag); here the flag is --node.
    if (e instanceof InputError) throw new InputError(`'${text}': ${e.message}`, { file: '--node' });
    throw e;
  }
  if (labels.length === 0) return { name, address };
  const map = new Map<string, string>();
  for (const l of labels) {
    const eq = l.indexOf('=');
    if (eq <= 0) throw new InputError(`'${text}': label '${l}' is not LABEL=VALUE`, { file: '--node' });
    map.set(l.slice(0, eq), l.slice(eq + 1));
  }
  return { name, address, labels: map };
}

export const register: CommandModule = (program: Command, io, setExit) => {
  program
    .command('lint')
    .description('find failover pitfalls in keepalived.conf files and ipfailover inputs (taken to share one segment)')
    .argument('<inputs...>', 'scenarios, keepalived.conf files, oc adm/oadm ipfailover command files, OPENSHIFT_HA_* env files, Deployment YAMLs, OpenShift 4 install-config.yaml files')
    .option('--node <spec>', 'a cluster node for ipfailover checks: NAME,ADDRESS[,LABEL=VALUE...] (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--format <format>', 'text | json', 'text')
    .action((inputs: string[], opts: { node: string[]; format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new InputError(`unknown format '${opts.format}'; expected text or json`, { file: '--format' });
      const nodes = opts.node.map(parseNode);
      const keepalived: LintKeepalived[] = [];
      const ipfailover: LintIpfailover[] = [];
      const openshift4: LintInstallConfig[] = [];
      const kaFiles: Array<{ file: string; text: string }> = [];
      for (const path of inputs) {
        let text: string;
        try {
          text = readInputText(resolve(io.cwd, path));
        } catch (e) {
          throw new InputError(`cannot read input (${(e as NodeJS.ErrnoException).code ?? 'unreadable'}); expected a readable file`, { file: path });
        }
        if (looksLikeKeepalivedOperator(text) || /^kind:\s*Service\s*$/m.test(text)) {
          kaFiles.push({ file: path, text });
        } else if (looksLikeInstallConfig(text)) {
          openshift4.push({ config: parseInstallConfig(text, path) });
        } else if (detectIpfailoverInput(text) !== undefined) {
          ipfailover.push({ parsed: parseIpfailoverInput(text, path), ...(nodes.length > 0 ? { nodes } : {}) });
        } else if (/\.ya?ml$/i.test(path)) {
          // A scenario knows its nodes' addresses and labels: ipfailover checks use them, and the
          // configs an ipfailover block generates are linted as that block, not as files.
          const s = loadScenarioForCli(path, io.cwd);
          const scenarioNodes: LintNode[] = s.spec.nodes.flatMap((n) => {
            const address = n.interfaces[0]?.address;
            const interfaces = s.ipfailoverHosts.get(n.name);
            return address === undefined ? [] : [{ name: n.name, address, labels: n.labels, ...(interfaces !== undefined ? { interfaces } : {}) }];
          });
          for (const p of s.ipfailover) ipfailover.push({ parsed: p, nodes: [...nodes, ...scenarioNodes] });
          s.nodes.forEach((node, i) => {
            // An application node has no keepalived; a node whose VRRP exits (a missing
            // interface) still has a configuration to lint.
            if ((s.spec.nodes[i]?.router === null && node.keepalived.instances.length === 0) || s.ipfailoverNodes.includes(node.name)) return;
            keepalived.push({ node, positions: s.positions.get(node.name) ?? new Map(), file: s.file });
          });
        } else {
          const loaded = loadKeepalivedNode(path, io.cwd);
          keepalived.push({ node: loaded.node, positions: loaded.positions, file: path });
        }
      }
      // Services may sit in other files than their group: they are read together.
      const keepalivedOperator = kaFiles.some((k) => looksLikeKeepalivedOperator(k.text)) ? parseKeepalivedOperator(kaFiles) : [];
      const findings = lint({ keepalived, ipfailover, openshift4, keepalivedOperator });
      if (opts.format === 'json') io.out(`${safeJson(findings, 2)}\n`);
      else for (const f of findings) io.out(`${formatFinding(f)}\n`);
      // A clean file must not look like a lint that did not run.
      io.err(`${countLine(findings.length, findings.filter((f) => f.severity === 'error').length)}\n`);
      if (findings.some((f) => f.severity === 'error')) setExit(EXIT_FAILED);
    });
};
