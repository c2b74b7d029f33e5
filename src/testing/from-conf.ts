// A SimSpec from keepalived.conf texts, through the same loader scenario files use, so a user's
// property test simulates exactly what `vrrplab run` would (script binding, keepalived's own
// adjustments, warnings as InputErrors where the loader raises them).
import { stringify } from 'yaml';
import type { Micros } from '../vrrp/types.js';
import type { SimSpec } from '../../sim/spec.js';
import { loadScenarioText } from '../../sim/scenario/load.js';
import { formatDuration } from '../../sim/scenario/duration.js';

export interface ConfNode {
  readonly name: string;
  readonly address: string;
  /** The keepalived.conf text. */
  readonly keepalived: string;
  readonly services?: readonly { readonly name: string; readonly port: number; readonly process?: string }[];
}

export function fromKeepalivedConfs(nodes: readonly ConfNode[], opts: { readonly seed?: number; readonly until?: Micros; readonly latency?: Micros } = {}): SimSpec {
  const doc = {
    name: 'vrrplab-testing',
    seed: opts.seed ?? 1,
    duration: formatDuration(opts.until ?? 30_000_000),
    segments: [{ name: 'lan', latency: formatDuration(opts.latency ?? 100) }],
    nodes: nodes.map((n) => ({ name: n.name, address: n.address, services: (n.services ?? []).map((s) => ({ ...s })), keepalived: n.keepalived })),
  };
  return loadScenarioText(stringify(doc), '<vrrplab/testing>').spec;
}
