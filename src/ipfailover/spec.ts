// An OpenShift ipfailover configuration: every knob of the 3.x `oc adm ipfailover` command and
// of the OPENSHIFT_HA_* environment the keepalived-ipfailover image reads. Defaults are the 3.11
// CLI's (ipfailover-flags.md); parsers of env files and Deployments resolve variables that are
// absent to the *image's* defaults instead, because that is what the pod then runs with.
// Lists the image treats as raw text (virtual IPs, unicast peers) stay verbatim: their quirks
// (generator.md §3) are part of what vrrplab must reproduce and lint.
import { z } from 'zod';
import type { SourcePos } from '../cli/errors.js';

export interface IpfailoverSpec {
  /** NAME: router_id, instance names, chk_ script, auth_pass. */
  readonly name: string;
  /** `--virtual-ips` / OPENSHIFT_HA_VIRTUAL_IPS, verbatim. */
  readonly virtualIps: string;
  /** `--virtual-ip-groups` / OPENSHIFT_HA_VIP_GROUPS; 0 = one instance per VIP. */
  readonly vipGroups: number;
  /** `-i` / OPENSHIFT_HA_NETWORK_INTERFACE; "" = the image probes for a device. */
  readonly interface: string;
  /** `-w` / OPENSHIFT_HA_MONITOR_PORT; 0 = no port check. */
  readonly watchPort: number;
  /**
   * OPENSHIFT_HA_MONITOR_PORT as the pod env spells it, when that is not plain decimal: the image
   * deletes every non-digit (8x0 checks port 80, and only "0" disables the check).
   */
  readonly watchPortRaw?: string;
  /** `--vrrp-id-offset` / OPENSHIFT_HA_VRRP_ID_OFFSET: VRID = offset + k. */
  readonly vrrpIdOffset: number;
  /** `-r` / OPENSHIFT_HA_REPLICA_COUNT and the controller's replicas. */
  readonly replicas: number;
  /** `-l`; absent = the CLI's literal default `ipfailover=<name>` (which sets no nodeSelector). */
  readonly selector?: string;
  readonly checkScript: string;
  /** Seconds. */
  readonly checkInterval: number;
  readonly notifyScript: string;
  /** Pasted verbatim into every vrrp_instance. */
  readonly preemptionStrategy: string;
  /** OPENSHIFT_HA_UNICAST_PEERS (env only), comma list verbatim; "" = multicast. */
  readonly unicastPeers: string;
  /** HA_EXCLUDED_VRRP_IDS (env only). */
  readonly excludedVrrpIds: readonly number[];
  /** `--iptables-chain` / OPENSHIFT_HA_IPTABLES_CHAIN; "" = leave the firewall alone. */
  readonly iptablesChain: string;
  /** OPENSHIFT_HA_NFTABLES_RULE (2026 images, env only). */
  readonly nftablesRule?: string;
  readonly serviceAccount: string;
  /** `--images` template (3.x) or the container image (4.x Deployment). */
  readonly image?: string;
  readonly latestImages: boolean;
  /** `--type`; only keepalived exists. */
  readonly type: 'keepalived';
  /** `--credentials` kubeconfig path (deprecated since 3.2). */
  readonly credentials?: string;
  readonly create: boolean;
  /** Render `oadm` instead of `oc adm`. */
  readonly legacy: boolean;
  /** Deployment namespace (4.x). */
  readonly namespace?: string;
  /** OPENSHIFT_HA_ADMIN_EMAILS (env only, word list). */
  readonly adminEmails: readonly string[];
  /** OPENSHIFT_HA_SMTP_SERVER (env only). */
  readonly smtpServer: string;
  /** MULTICAST_SOURCE_IPADDRESS / UNICAST_SOURCE_IPADDRESS (raw pod env). */
  readonly mcastSrcIp?: string;
  readonly unicastSrcIp?: string;
}

export const DEFAULT_NAME = 'ipfailover';
/** OPENSHIFT_HA_CONFIG_NAME when the pod gets none (settings.sh). */
export const IMAGE_DEFAULT_NAME = 'OpenShift-IPFailover';
/** OPENSHIFT_HA_VRRP_ID_OFFSET when unset, since images PR #206 (2025-04). */
export const IMAGE_DEFAULT_VRRP_ID_OFFSET = 10;
export const DEFAULT_PREEMPTION = 'preempt_delay 300';
export const NO_PREEMPTION = 'nopreempt';

const int = z.number().int();
const opt = <T extends z.ZodType>(t: T) => t.exactOptional();

/** The `ipfailover:` block of a scenario file (camelCase; every field has the 3.x default). */
export const ipfailoverSpecSchema = z.strictObject({
  name: z.string().min(1).default(DEFAULT_NAME),
  virtualIps: z.string().default(''),
  vipGroups: int.min(0).default(0),
  interface: z.string().default('eth0'),
  watchPort: int.default(80),
  watchPortRaw: opt(z.string()),
  // The CLI allows 0..254; a hand-written env can say anything, and lint says what follows.
  vrrpIdOffset: int.min(0).default(0),
  replicas: int.default(1),
  selector: opt(z.string()),
  checkScript: z.string().default(''),
  checkInterval: int.default(2),
  notifyScript: z.string().default(''),
  preemptionStrategy: z.string().default(DEFAULT_PREEMPTION),
  unicastPeers: z.string().default(''),
  excludedVrrpIds: z.array(int.min(0)).default([]),
  iptablesChain: z.string().default('INPUT'),
  nftablesRule: opt(z.string()),
  serviceAccount: z.string().min(1).default('ipfailover'),
  image: opt(z.string().min(1)),
  latestImages: z.boolean().default(false),
  type: z.literal('keepalived').default('keepalived'),
  credentials: opt(z.string()),
  create: z.boolean().default(false),
  legacy: z.boolean().default(false),
  namespace: opt(z.string().min(1)),
  adminEmails: z.array(z.string().min(1)).default(['root@localhost']),
  smtpServer: z.string().min(1).default('127.0.0.1'),
  mcastSrcIp: opt(z.string().min(1)),
  unicastSrcIp: opt(z.string().min(1)),
});

// Compile-time proof that the schema's output is exactly the interface.
type SchemaOut = z.output<typeof ipfailoverSpecSchema>;
const _sameShape: (s: SchemaOut) => IpfailoverSpec = (s) => s;
const _sameShapeBack: (s: IpfailoverSpec) => SchemaOut = (s) => ({ ...s, excludedVrrpIds: [...s.excludedVrrpIds], adminEmails: [...s.adminEmails] });
void _sameShape; void _sameShapeBack;

/** A spec with every default of the 3.x CLI, overridden by `fields`. */
export function ipfailoverSpec(fields: Partial<IpfailoverSpec> = {}): IpfailoverSpec {
  return ipfailoverSpecSchema.parse(fields);
}

/** The selector the CLI uses when none is given (and then omits from the pod). */
export function defaultSelector(name: string): string {
  return `ipfailover=${name}`;
}

/** Where each field came from, for findings and errors. */
export type SpecPositions = Partial<Record<keyof IpfailoverSpec, SourcePos>>;

export interface ParsedIpfailover {
  readonly spec: IpfailoverSpec;
  readonly positions: SpecPositions;
  /** The input file (or `--args`). */
  readonly source: string;
  /** Which form it was read from. */
  readonly kind?: 'cli' | 'env' | 'deployment';
  /** A Deployment's own replica count, which may differ from OPENSHIFT_HA_REPLICA_COUNT. */
  readonly podReplicas?: { readonly value: number; readonly pos: SourcePos };
}
