// The configurations a study compares: the scenario itself, other scenario files (--compare),
// and the scenario with settings changed (--set path=value). Every variant is loaded by the
// ordinary scenario loader, so a bad setting is reported like a bad scenario.
import { createHash } from 'node:crypto';
import { isMap, isSeq, parse as parseYaml, parseDocument } from 'yaml';
import { InputError } from '../cli/errors.js';
import { loadScenarioText, type LoadedScenario } from '../../sim/scenario/load.js';
import { failureModel, type FailureModel } from './model.js';

export interface Variant {
  readonly name: string;
  readonly file: string;
  /** sha256 of the scenario text the variant ran, so merge can refuse shards of different studies. */
  readonly digest: string;
  readonly scenario: LoadedScenario;
  readonly model: FailureModel;
}

export function loadVariant(name: string, text: string, file: string, readFile: (p: string) => string): Variant {
  const scenario = loadScenarioText(text, file, { readFile });
  return { name, file, digest: createHash('sha256').update(text, 'utf8').digest('hex'), scenario, model: failureModel(text, file, scenario.spec) };
}

/**
 * `path=value[; path=value ...]` applied to the scenario's YAML: the path's parts are mapping keys
 * or list indices (`ipfailover.preemptionStrategy`, `nodes.2.labels.ha-router`), the value is
 * YAML (`nopreempt`, `3`, `[a, b]`). Every part but the last must exist.
 */
export function applySets(text: string, sets: string): string {
  const doc = parseDocument(text);
  for (const raw of sets.split(';').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = raw.indexOf('=');
    if (eq <= 0) throw new InputError(`'${raw}': expected path=value, e.g. ipfailover.preemptionStrategy=nopreempt`, { file: '--set' });
    const path = raw.slice(0, eq).trim().split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    let value: unknown;
    try {
      value = parseYaml(raw.slice(eq + 1));
    } catch {
      throw new InputError(`'${raw}': the value is not YAML, expected a scalar, [list] or {mapping}`, { file: '--set' });
    }
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    const last = path[path.length - 1] as string | number;
    const ok = (isMap(parent) && typeof last === 'string') || (isSeq(parent) && typeof last === 'number' && last <= parent.items.length);
    if (!ok) throw new InputError(`'${raw}': ${path.slice(0, -1).join('.') || 'the scenario'} has no ${typeof last === 'number' ? `item ${last}` : `mapping to set '${last}' in`}, expected a path to an existing mapping or list`, { file: '--set' });
    doc.setIn(path, value);
  }
  return doc.toString();
}
