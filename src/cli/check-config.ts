// `vrrplab check-config FILE... [--format text|json]`: what keepalived 2.2.7 would adjust or
// reject in each file, and what vrrplab cannot simulate, one `file:line:col: severity: message`
// per finding (json: an array of { severity, message, pos }, as `lint --format json`), then the
// count. Exit 1 when any finding is an error (keepalived would drop an instance or refuse the
// configuration).
import type { Command } from 'commander';
import { EXIT_FAILED, InputError, safeJson } from './errors.js';
import type { CommandModule } from './program.js';
import { loadInputs } from '../keepalived/inputs.js';
import { loadScenarioForCli } from '../../sim/scenario/as-inputs.js';
import { recogniseScript } from '../../sim/scenario/bind-scripts.js';
import { buildRouterConfig } from '../model/build.js';
import { formatWarning } from '../model/format.js';
import type { Warning } from '../model/types.js';
import type { SourceMap } from '../model/build-context.js';
import type { RouterConfig } from '../vrrp/types.js';
import { renderRefusal } from '../keepalived/render.js';

const isScenario = (p: string): boolean => /\.ya?ml$/i.test(p);

/** "0 findings", "1 finding", "3 findings": every listing command ends with its count. */
export function countLine(findings: number, errors: number): string {
  const n = (k: number, w: string): string => `${k} ${w}${k === 1 ? '' : 's'}`;
  return `${n(findings, 'finding')}, ${n(errors, 'error')}`;
}

/**
 * Scripts keepalived itself drops (a command it cannot split, a `<` redirection without a shell):
 * the scenario loader says so for a node, so a bare .conf must say the same. What a script checks
 * needs a scenario's services, so only the drops are known here.
 */
export function scriptWarnings(config: RouterConfig, positions: SourceMap): Warning[] {
  return config.scripts.flatMap((s): Warning[] => {
    // A bare .conf says nothing about its host: read it as on the default host (dash as /bin/sh).
    const r = recogniseScript(s.script, { ownAddress: '0.0.0.0', services: [], shell: 'dash' });
    const why = r.kind === 'dropped' ? r.why : r.kind === 'bound' ? r.note : undefined;
    if (why === undefined) return [];
    const pos = positions.get(`script:${s.name}:script`) ?? positions.get(`script:${s.name}`);
    const message = `vrrp_script ${s.name}: ${why}`;
    return [pos === undefined ? { severity: 'warning', message } : { severity: 'warning', message, pos }];
  });
}

export const register: CommandModule = (program: Command, io, setExit) => {
  program
    .command('check-config')
    .description("report keepalived's adjustments and vrrplab's warnings for keepalived.conf files")
    .argument('<files...>', 'keepalived.conf files or scenarios (.yaml)')
    .option('--format <format>', 'text or json', 'text')
    .action((files: string[], opts: { format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new InputError(`unknown format '${opts.format}'; expected text or json`, { file: '--format' });
      const all: Warning[] = [];
      // A scenario's loader already built every node and placed each finding in the scenario.
      for (const f of files.filter(isScenario)) all.push(...loadScenarioForCli(f, io.cwd).warnings);
      for (const n of loadInputs(files.filter((f) => !isScenario(f)), { cwd: io.cwd })) {
        const built = buildRouterConfig(n.node, n.positions);
        // What `render` would refuse is reported here too, so a file check-config calls clean renders.
        const refusal = renderRefusal(n.node.keepalived, n.positions);
        const unrenderable: Warning[] = refusal === undefined ? [] : [{
          severity: 'error', message: `vrrplab cannot re-render this configuration: ${refusal.message}`, ...(refusal.pos !== undefined ? { pos: refusal.pos } : {}),
        }];
        all.push(...n.warnings, ...built.warnings, ...scriptWarnings(built.config, n.positions), ...unrenderable);
      }
      const errors = all.filter((w) => w.severity === 'error').length;
      if (opts.format === 'json') io.out(`${safeJson(all.map((w) => ({ severity: w.severity, message: w.message, ...(w.pos !== undefined ? { pos: w.pos } : {}) })), 2)}\n`);
      else for (const w of all) io.out(`${formatWarning(w)}\n`);
      io.err(`${countLine(all.length, errors)}\n`);
      if (errors > 0) setExit(EXIT_FAILED);
    });
};
