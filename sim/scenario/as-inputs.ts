// Scenarios as inputs of the keepalived commands (render, check-config, lint): each node that
// runs keepalived becomes a LoadedNode with its interfaces known (a scenario says them, a bare
// keepalived.conf does not).
import { isAbsolute, relative, resolve } from 'node:path';
import { readInputText } from '../../src/cli/read-input.js';
import type { LoadedNode } from '../../src/keepalived/inputs.js';
import { globIn } from '../../src/keepalived/fs.js';
import { loadScenario, type LoadedScenario } from './load.js';

export function loadScenarioForCli(path: string, cwd: string): LoadedScenario {
  const abs = isAbsolute(path) ? path : resolve(cwd, path);
  const rel = relative(cwd, abs);
  const shown = rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  const inCwd = (p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));
  return loadScenario(shown, { readFile: (p) => readInputText(inCwd(p)), glob: globIn(cwd) });
}

/** The scenario's keepalived nodes; the loader's warnings ride on the first one (they are the scenario's). */
export function scenarioNodes(path: string, cwd: string): LoadedNode[] {
  const s = loadScenarioForCli(path, cwd);
  const withRouter = s.nodes.filter((n, i) => s.spec.nodes[i]?.router !== null);
  return withRouter.map((node, i) => ({ node, warnings: i === 0 ? [...s.warnings] : [], positions: s.positions.get(node.name) ?? new Map() }));
}
