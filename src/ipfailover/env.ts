// The OPENSHIFT_HA_* variables: which spec field each carries and how the image reads an empty
// or missing one (settings.sh uses ${VAR:-default}, so empty == unset).
import type { IpfailoverSpec } from './spec.js';
import { DEFAULT_PREEMPTION, IMAGE_DEFAULT_NAME, IMAGE_DEFAULT_VRRP_ID_OFFSET } from './spec.js';

/** `port`: any text; the image keeps only its digits (config-generators.sh `${HA_MONITOR_PORT//[^0-9]/}`). */
export type EnvKind = 'string' | 'int' | 'port' | 'ids' | 'words';

export interface EnvVarDef {
  readonly env: string;
  readonly field: keyof IpfailoverSpec;
  readonly kind: EnvKind;
  /** What the pod runs with when the variable is absent or empty. */
  readonly imageDefault: string | number | readonly string[] | readonly number[] | undefined;
  /** Set by the 3.11 CLI on every pod (possibly empty). */
  readonly cli: boolean;
}

export const ENV_VARS: readonly EnvVarDef[] = [
  { env: 'OPENSHIFT_HA_CHECK_INTERVAL', field: 'checkInterval', kind: 'int', imageDefault: 2, cli: true },
  { env: 'OPENSHIFT_HA_CHECK_SCRIPT', field: 'checkScript', kind: 'string', imageDefault: '', cli: true },
  { env: 'OPENSHIFT_HA_CONFIG_NAME', field: 'name', kind: 'string', imageDefault: IMAGE_DEFAULT_NAME, cli: true },
  { env: 'OPENSHIFT_HA_IPTABLES_CHAIN', field: 'iptablesChain', kind: 'string', imageDefault: '', cli: true },
  { env: 'OPENSHIFT_HA_MONITOR_PORT', field: 'watchPort', kind: 'port', imageDefault: 80, cli: true },
  { env: 'OPENSHIFT_HA_NETWORK_INTERFACE', field: 'interface', kind: 'string', imageDefault: '', cli: true },
  { env: 'OPENSHIFT_HA_NOTIFY_SCRIPT', field: 'notifyScript', kind: 'string', imageDefault: '', cli: true },
  { env: 'OPENSHIFT_HA_PREEMPTION', field: 'preemptionStrategy', kind: 'string', imageDefault: DEFAULT_PREEMPTION, cli: true },
  { env: 'OPENSHIFT_HA_REPLICA_COUNT', field: 'replicas', kind: 'int', imageDefault: 1, cli: true },
  { env: 'OPENSHIFT_HA_VIP_GROUPS', field: 'vipGroups', kind: 'int', imageDefault: 0, cli: true },
  { env: 'OPENSHIFT_HA_VIRTUAL_IPS', field: 'virtualIps', kind: 'string', imageDefault: '', cli: true },
  { env: 'OPENSHIFT_HA_VRRP_ID_OFFSET', field: 'vrrpIdOffset', kind: 'int', imageDefault: IMAGE_DEFAULT_VRRP_ID_OFFSET, cli: true },
  { env: 'OPENSHIFT_HA_UNICAST_PEERS', field: 'unicastPeers', kind: 'string', imageDefault: '', cli: false },
  { env: 'OPENSHIFT_HA_NFTABLES_RULE', field: 'nftablesRule', kind: 'string', imageDefault: undefined, cli: false },
  { env: 'OPENSHIFT_HA_ADMIN_EMAILS', field: 'adminEmails', kind: 'words', imageDefault: ['root@localhost'], cli: false },
  { env: 'OPENSHIFT_HA_SMTP_SERVER', field: 'smtpServer', kind: 'string', imageDefault: '127.0.0.1', cli: false },
  { env: 'HA_EXCLUDED_VRRP_IDS', field: 'excludedVrrpIds', kind: 'ids', imageDefault: [], cli: false },
  { env: 'MULTICAST_SOURCE_IPADDRESS', field: 'mcastSrcIp', kind: 'string', imageDefault: undefined, cli: false },
  { env: 'UNICAST_SOURCE_IPADDRESS', field: 'unicastSrcIp', kind: 'string', imageDefault: undefined, cli: false },
];

/** Variables the pod gets but nothing reads, or that come from elsewhere: accepted, ignored. */
export const IGNORED_ENV: readonly string[] = [
  'OPENSHIFT_HA_USE_UNICAST', 'OPENSHIFT_HA_SELECTOR', 'OPENSHIFT_MASTER', 'OPENSHIFT_CA_DATA',
  'OPENSHIFT_KEY_DATA', 'OPENSHIFT_CERT_DATA', 'OPENSHIFT_INSECURE', 'KEEPALIVED_CONFIG', 'KEEPALIVED_OPTIONS',
];

/** The value a variable carries for `spec`, or undefined when it should not be set. */
export function envValue(def: EnvVarDef, spec: IpfailoverSpec): string | undefined {
  if (def.kind === 'port' && spec.watchPortRaw !== undefined) return spec.watchPortRaw;
  const v = spec[def.field];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v.join(' ');
  return String(v);
}

/**
 * The pod environment for `spec`: what the 3.11 CLI sets (every variable, sorted by name, as
 * app.Environment.List() does), plus the env-only variables that differ from the image's default.
 */
export function ipfailoverEnv(spec: IpfailoverSpec): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const def of ENV_VARS) {
    const value = envValue(def, spec);
    if (def.cli) out.push([def.env, value ?? '']);
    else if (value !== undefined && value !== envValue(def, { ...spec, [def.field]: def.imageDefault })) out.push([def.env, value]);
  }
  out.push(['OPENSHIFT_HA_USE_UNICAST', 'false']);
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
