// `vrrplab import openshift-install install-config.yaml`: an on-prem OpenShift 4 cluster as a
// runnable scenario whose nodes run the keepalived.conf the machine-config-operator renders.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { InputError } from './errors.js';
import type { Io } from './io.js';
import { writeOutputFile } from '../keepalived/atomic.js';
import { parseInstallConfig } from '../openshift4/install-config.js';
import { planCluster } from '../openshift4/cluster.js';
import { writeClusterScenario } from '../openshift4/scenario.js';

export function readInputFile(io: Io, path: string): string {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    throw new InputError(`cannot read input (${(e as NodeJS.ErrnoException).code ?? 'unreadable'}); expected a readable file`, { file: path });
  }
}

/** `--openshift 4.N` -> N. */
export function openshiftMinor(text: string): number {
  const m = /^4\.(\d{1,2})$/.exec(text);
  if (m === null) throw new InputError(`'${text}': expected an OpenShift 4 release such as 4.14`, { file: '--openshift' });
  return Number(m[1]);
}

export function schemaRefFor(outDir: string): string {
  return relative(outDir, resolve(dirname(new URL(import.meta.url).pathname), '../../schema/scenario.schema.json').replace('/dist/', '/')) || 'scenario.schema.json';
}

export function writeScenarioOut(io: Io, text: string, out: string | undefined): void {
  if (out === undefined) io.out(text);
  else {
    const path = resolve(io.cwd, out);
    writeOutputFile(path, text, '--out', out);
    io.err(`wrote ${path}\n`);
  }
}

export function addImportOpenshift4(imp: Command, io: Io): void {
  imp
    .command('openshift-install')
    .description('an on-prem OpenShift 4 install-config.yaml as a scenario: API and ingress VIPs as the cluster runs them')
    .argument('<file>', 'install-config.yaml (baremetal, vsphere, openstack, nutanix or ovirt platform)')
    .option('--openshift <release>', 'the 4.x release: decides unicast (4.11+, bare metal 4.6+) or multicast', '4.14')
    .option('--routers <n>', 'how many nodes run router-default pods (workers first)', '2')
    .option('--interface <dev>', 'the VRRP device (default br-ex with OVN-Kubernetes, else ens3)')
    .option('--out <file>', 'write the scenario here instead of printing it')
    .action((file: string, opts: { openshift: string; routers: string; interface?: string; out?: string }) => {
      const minor = openshiftMinor(opts.openshift);
      if (!/^\d+$/.test(opts.routers)) throw new InputError(`'${opts.routers}': expected a whole number of router pods`, { file: '--routers' });
      const ic = parseInstallConfig(readInputFile(io, file), file);
      const cluster = planCluster(ic, { minor, routers: Number(opts.routers), ...(opts.interface !== undefined ? { interface: opts.interface } : {}) });
      const outDir = opts.out === undefined ? io.cwd : dirname(resolve(io.cwd, opts.out));
      writeScenarioOut(io, writeClusterScenario(cluster, schemaRefFor(outDir)).text, opts.out);
    });
}
