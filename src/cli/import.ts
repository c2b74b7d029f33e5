// `vrrplab import keepalived FILE... [--names n1,n2]`: keepalived.conf files as a Deployment
// (JSON for now; the scenario format will wrap it). A .conf does not say which addresses the
// node's interfaces have, so `interfaces` comes back empty and is flagged for the user to fill.
import type { Command } from 'commander';
import { InputError } from './errors.js';
import type { CommandModule } from './program.js';
import { addImportIpfailover } from './import-ipfailover.js';
import { loadInputs } from '../keepalived/inputs.js';
import { formatWarning } from '../model/format.js';
import type { Deployment } from '../model/types.js';

export const register: CommandModule = (program: Command, io, setExit) => {
  program
    .command('import')
    .description('read keepalived.conf files into a deployment model (JSON)')
    .argument('<source>', 'what to import: keepalived')
    .argument('<files...>', 'keepalived.conf files, one per node')
    .option('--names <list>', 'comma-separated node names, one per file')
    .action((source: string, files: string[], opts: { names?: string }) => {
      if (source !== 'keepalived') throw new InputError(`unknown import source '${source}'; expected keepalived`, { file: source });
      const names = opts.names?.split(',').map((s) => s.trim());
      const nodes = loadInputs(files, { cwd: io.cwd, ...(names !== undefined ? { names } : {}) });
      for (const n of nodes) {
        for (const w of n.warnings) io.err(`${formatWarning(w)}\n`);
        io.err(`${n.node.name}: interfaces are not in keepalived.conf; fill in name/address/prefix for each\n`);
      }
      const deployment: Deployment = { nodes: nodes.map((n) => n.node) };
      io.out(`${JSON.stringify(deployment, null, 2)}\n`);
    });
  const sub = program.commands.find((c) => c.name() === 'import');
  if (sub !== undefined) addImportIpfailover(sub, io, setExit);
};
