// A SimSpec from keepalived.conf texts, through the same loader scenario files use, so a user's
// property test simulates exactly what `vrrplab run` would (script binding, keepalived's own
// adjustments, warnings as InputErrors where the loader raises them).
import { stringify } from 'yaml';
import type { SimSpec } from '../../sim/spec.js';
import { loadScenarioText } from '../../sim/scenario/load.js';

export interface ConfNode {
  readonly name: string;
  /** The node's IPv4 address (an IPv6-only node may give only address6). */
  readonly address?: string;
  /** Its global IPv6 address, for IPv6 instances; the link-local one is derived from it. */
  readonly address6?: string;
  /** The keepalived.conf text. */
  readonly keepalived: string;
  readonly services?: readonly { readonly name: string; readonly port: number; readonly process?: string }[];
}

/** A duration as scenario files write it: '30s', '250ms', '2m', or a number of seconds. */
export type Duration = string | number;

export interface ConfOptions {
  readonly seed?: number;
  /** How long the run lasts (default '30s'). */
  readonly until?: Duration;
  /** One-way frame delay on the segment (default '100us'). */
  readonly latency?: Duration;
}

export function fromKeepalivedConfs(nodes: readonly ConfNode[], opts: ConfOptions = {}): SimSpec {
  const doc = {
    name: 'vrrplab-testing',
    seed: opts.seed ?? 1,
    duration: opts.until ?? '30s',
    segments: [{ name: 'lan', latency: opts.latency ?? '100us' }],
    nodes: nodes.map((n) => ({
      name: n.name, ...(n.address === undefined ? {} : { address: n.address }), ...(n.address6 === undefined ? {} : { address6: n.address6 }), services: (n.services ?? []).map((s) => ({ ...s })), keepalived: n.keepalived,
    })),
  };
  return loadScenarioText(stringify(doc), '<vrrplab/testing>').spec;
}
