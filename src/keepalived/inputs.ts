// Command-line inputs -> deployment nodes. keepalived.conf files today; a scenario loader plugs
// in through `loadScenario` (the simulator owns the scenario format), so render/import/check
// share one way of turning paths into nodes.
import { InputError } from '../cli/errors.js';
import { loadKeepalivedNode, type LoadedNode } from './fs.js';

export type { LoadedNode };

export interface InputOptions {
  readonly cwd: string;
  /** Node names for keepalived.conf inputs, in order; default: the file name without .conf. */
  readonly names?: readonly string[];
  /** Loads a scenario file into nodes; inputs ending .yaml/.yml need it. */
  readonly loadScenario?: (path: string, cwd: string) => LoadedNode[];
}

const isScenario = (p: string): boolean => /\.ya?ml$/i.test(p);

export function loadInputs(paths: readonly string[], opts: InputOptions): LoadedNode[] {
  if (opts.names !== undefined && opts.names.length !== paths.length) {
    throw new InputError(`${opts.names.length} name(s) for ${paths.length} file(s); expected one name per file`, { file: '--names' });
  }
  const nodes = paths.flatMap((p, i): LoadedNode[] => {
    if (isScenario(p)) {
      if (opts.loadScenario === undefined) throw new InputError('scenario files are not accepted here yet; expected keepalived.conf files', { file: p });
      return opts.loadScenario(p, opts.cwd);
    }
    return [loadKeepalivedNode(p, opts.cwd, opts.names?.[i])];
  });
  const seen = new Set<string>();
  for (const n of nodes) {
    if (seen.has(n.node.name)) {
      throw new InputError(`two inputs give node '${n.node.name}'; expected unique node names${opts.names === undefined ? ' (use --names)' : ' in --names'}`, { file: opts.names === undefined ? n.node.name : '--names' });
    }
    seen.add(n.node.name);
  }
  return nodes;
}
