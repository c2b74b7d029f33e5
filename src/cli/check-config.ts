// `vrrplab check-config FILE...`: what keepalived 2.2.7 would adjust or reject in each file, and
// what vrrplab cannot simulate, one `file:line:col: severity: message` per finding. Exit 1 when
// any finding is an error (keepalived would drop an instance or refuse the configuration).
import type { Command } from 'commander';
import { EXIT_FAILED } from './errors.js';
import type { CommandModule } from './program.js';
import { loadInputs } from '../keepalived/inputs.js';
import { buildRouterConfig } from '../model/build.js';
import { formatWarning } from '../model/format.js';

export const register: CommandModule = (program: Command, io, setExit) => {
  program
    .command('check-config')
    .description("report keepalived's adjustments and vrrplab's warnings for keepalived.conf files")
    .argument('<files...>', 'keepalived.conf files')
    .action((files: string[]) => {
      let errors = 0;
      let total = 0;
      for (const n of loadInputs(files, { cwd: io.cwd })) {
        const built = buildRouterConfig(n.node, n.positions);
        for (const w of [...n.warnings, ...built.warnings]) {
          total++;
          if (w.severity === 'error') errors++;
          io.out(`${formatWarning(w)}\n`);
        }
      }
      io.err(`${total} finding(s), ${errors} error(s)\n`);
      if (errors > 0) setExit(EXIT_FAILED);
    });
};
