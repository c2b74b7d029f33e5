// The `oc adm ipfailover` flags (3.x, ipfailover-flags.md) and the spec field each one sets,
// shared by the command-line parser and renderer so the two cannot drift apart.
import type { IpfailoverSpec } from './spec.js';

export type FlagKind = 'string' | 'int' | 'bool';

export interface FlagDef {
  readonly flag: string;
  readonly short?: string;
  readonly kind: FlagKind;
  /** The spec field it sets; absent = accepted and ignored (output/dry-run/global flags). */
  readonly field?: keyof IpfailoverSpec;
}

/** In the order the renderer writes them. */
export const IPFAILOVER_FLAGS: readonly FlagDef[] = [
  { flag: 'replicas', short: 'r', kind: 'int', field: 'replicas' },
  { flag: 'watch-port', short: 'w', kind: 'int', field: 'watchPort' },
  { flag: 'selector', short: 'l', kind: 'string', field: 'selector' },
  { flag: 'virtual-ips', kind: 'string', field: 'virtualIps' },
  { flag: 'virtual-ip-groups', kind: 'int', field: 'vipGroups' },
  { flag: 'interface', short: 'i', kind: 'string', field: 'interface' },
  { flag: 'vrrp-id-offset', kind: 'int', field: 'vrrpIdOffset' },
  { flag: 'check-script', kind: 'string', field: 'checkScript' },
  { flag: 'check-interval', kind: 'int', field: 'checkInterval' },
  { flag: 'notify-script', kind: 'string', field: 'notifyScript' },
  { flag: 'preemption-strategy', kind: 'string', field: 'preemptionStrategy' },
  { flag: 'iptables-chain', kind: 'string', field: 'iptablesChain' },
  { flag: 'credentials', kind: 'string', field: 'credentials' },
  { flag: 'service-account', kind: 'string', field: 'serviceAccount' },
  { flag: 'images', kind: 'string', field: 'image' },
  { flag: 'latest-images', kind: 'bool', field: 'latestImages' },
  { flag: 'type', kind: 'string', field: 'type' },
  { flag: 'namespace', short: 'n', kind: 'string', field: 'namespace' },
  { flag: 'create', kind: 'bool', field: 'create' },
  { flag: 'dry-run', kind: 'bool' },
  { flag: 'output', short: 'o', kind: 'string' },
  { flag: 'output-version', kind: 'string' },
  { flag: 'template', kind: 'string' },
  { flag: 'allow-missing-template-keys', kind: 'bool' },
  { flag: 'config', kind: 'string' },
  { flag: 'kubeconfig', kind: 'string' },
  { flag: 'context', kind: 'string' },
  { flag: 'loglevel', kind: 'int' },
];

export function findFlag(name: string): FlagDef | undefined {
  return IPFAILOVER_FLAGS.find((f) => f.flag === name);
}

export function findShort(name: string): FlagDef | undefined {
  return IPFAILOVER_FLAGS.find((f) => f.short === name);
}
