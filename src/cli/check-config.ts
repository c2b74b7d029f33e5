// `vrrplab check-config FILE...`: what keepalived 2.2.7 would adjust or reject in each file, and
// what vrrplab cannot simulate, one `file:line:col: severity: message` per finding. Exit 1 when
// any finding is an error (keepalived would drop an instance or refuse the configuration).
import type { Command } from 'commander';
import { EXIT_FAILED } from './errors.js';
import type { CommandModule } from './program.js';
import { loadInputs } from '../keepalived/inputs.js';
import { loadScenarioForCli } from '../../sim/scenario/as-inputs.js';
import { buildRouterConfig } from '../model/build.js';
import { formatWarning } from '../model/format.js';
import type { Warning } from '../model/types.js';
import { renderRefusal } from '../keepalived/render.js';

const isScenario = (p: string): boolean => /\.ya?ml$/i.test(p);

export const register: CommandModule = (program: Command, io, setExit) => {
  program
    .command('check-config')
    .description("report keepalived's adjustments and vrrplab's warnings for keepalived.conf files")
    .argument('<files...>', 'keepalived.conf files or scenarios (.yaml)')
    .action((files: string[]) => {
      let errors = 0;
      let total = 0;
      // A scenario's loader already built every node and placed each finding in the scenario.
      for (const f of files.filter(isScenario)) {
        for (const w of loadScenarioForCli(f, io.cwd).warnings) {
          total++;
          if (w.severity === 'error') errors++;
          io.out(`${formatWarning(w)}\n`);
        }
      }
      for (const n of loadInputs(files.filter((f) => !isScenario(f)), { cwd: io.cwd })) {
        const built = buildRouterConfig(n.node, n.positions);
        // What `render` would refuse is reported here too, so a file check-config calls clean renders.
        const refusal = renderRefusal(n.node.keepalived, n.positions);
        const unrenderable: Warning[] = refusal === undefined ? [] : [{
          severity: 'error', message: `vrrplab cannot re-render this configuration: ${refusal.message}`, ...(refusal.pos !== undefined ? { pos: refusal.pos } : {}),
        }];
        for (const w of [...n.warnings, ...built.warnings, ...unrenderable]) {
          total++;
          if (w.severity === 'error') errors++;
          io.out(`${formatWarning(w)}\n`);
        }
      }
      io.err(`${total} finding(s), ${errors} error(s)\n`);
      if (errors > 0) setExit(EXIT_FAILED);
    });
};
