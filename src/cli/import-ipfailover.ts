// `vrrplab import ipfailover FILE`: any ipfailover input as the `ipfailover:` block of a scenario.
import type { Command } from 'commander';
import { stringify } from 'yaml';
import type { Io } from './io.js';
import { whereOf } from './errors.js';
import { readIpfailoverFile } from './ipfailover-input.js';

export function addImportIpfailover(imp: Command, io: Io, _setExit: (code: number) => void): void {
  imp
    .command('ipfailover')
    .description('read an oc adm ipfailover command, OPENSHIFT_HA_* env file or Deployment into a scenario ipfailover: block (YAML)')
    .argument('<file>', 'the ipfailover input')
    .action((file: string) => {
      const parsed = readIpfailoverFile(file, io);
      if (parsed.podReplicas !== undefined && parsed.podReplicas.value !== parsed.spec.replicas) {
        const p = parsed.podReplicas.pos;
        io.err(`${whereOf(p)}: warning: Deployment replicas ${parsed.podReplicas.value} but OPENSHIFT_HA_REPLICA_COUNT ${parsed.spec.replicas}; the spec keeps the env's value\n`);
      }
      io.out(stringify({ ipfailover: parsed.spec }, { lineWidth: 0 }));
    });
}
