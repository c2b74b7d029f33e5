// The parts of an openshift-install install-config.yaml that decide the cluster's keepalived:
// the cluster name (VRIDs, instance names, auth_pass), the on-prem platform and its API/ingress
// VIPs (4.12+ lists, or the older single apiVIP/ingressVIP), the machine network the node
// addresses come from, and the control-plane and compute replica counts.
import { z } from 'zod';
import { InputError } from '../cli/errors.js';
import { parseWith, readYamlDocs } from './yaml-input.js';

const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const ipv4 = z.string().regex(IPV4, 'expected an IPv4 address (vrrplab models single-stack IPv4 clusters)');

/** The IPI platforms whose nodes run keepalived static pods for the VIPs. */
export const ON_PREM_PLATFORMS = ['baremetal', 'vsphere', 'openstack', 'nutanix', 'ovirt'] as const;
export type OnPremPlatform = (typeof ON_PREM_PLATFORMS)[number];

const vipFields = z.object({
  apiVIPs: z.array(ipv4).min(1).optional(),
  ingressVIPs: z.array(ipv4).min(1).optional(),
  apiVIP: ipv4.optional(),
  ingressVIP: ipv4.optional(),
}).loose();

const installConfigSchema = z.object({
  apiVersion: z.string().optional(),
  baseDomain: z.string().min(1),
  metadata: z.object({ name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'expected a DNS label (lower-case letters, digits, -)') }).loose(),
  networking: z.object({ machineNetwork: z.array(z.object({ cidr: z.string() }).loose()).min(1), networkType: z.string().optional() }).loose().optional(),
  controlPlane: z.object({ replicas: z.number().int().min(1).default(3) }).loose().optional(),
  compute: z.array(z.object({ replicas: z.number().int().min(0).default(3) }).loose()).optional(),
  platform: z.record(z.string(), z.unknown()),
}).loose();

export interface InstallConfig {
  readonly file: string;
  readonly name: string;
  readonly baseDomain: string;
  readonly platform: OnPremPlatform;
  readonly apiVips: readonly string[];
  readonly ingressVips: readonly string[];
  /** The first IPv4 machine network: base address and prefix. */
  readonly machineNetwork: { readonly base: number; readonly prefix: number; readonly cidr: string };
  readonly masters: number;
  readonly workers: number;
  readonly networkType: string;
}

export function ipv4ToInt(a: string): number {
  return a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

export function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function parseInstallConfig(text: string, file: string): InstallConfig {
  const docs = readYamlDocs(text, file);
  const doc = docs[0];
  if (doc === undefined) throw new InputError('empty file; expected an install-config.yaml', { file });
  const ic = parseWith(installConfigSchema, doc, 'install-config');
  const present = Object.keys(ic.platform);
  const platform = ON_PREM_PLATFORMS.find((p) => present.includes(p));
  if (platform === undefined) {
    throw new InputError(`platform ${present.join(', ') || '(none)'} runs no keepalived for its VIPs; expected one of ${ON_PREM_PLATFORMS.join(', ')}`, doc.pos(['platform']));
  }
  const vf = vipFields.safeParse(ic.platform[platform]);
  if (!vf.success) {
    const issue = vf.error.issues[0];
    const sub = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
    throw new InputError(`platform.${platform}.${sub.join('.')}: ${issue?.message ?? 'invalid'}`, doc.pos(['platform', platform, ...sub]));
  }
  const apiVips = vf.data.apiVIPs ?? (vf.data.apiVIP !== undefined ? [vf.data.apiVIP] : []);
  const ingressVips = vf.data.ingressVIPs ?? (vf.data.ingressVIP !== undefined ? [vf.data.ingressVIP] : []);
  if (apiVips.length === 0 || ingressVips.length === 0) {
    throw new InputError(`platform.${platform}: needs apiVIPs and ingressVIPs (or apiVIP and ingressVIP); expected the VIPs keepalived holds`, doc.pos(['platform', platform]));
  }
  const nets = ic.networking?.machineNetwork ?? [];
  const v4 = nets.findIndex((n) => /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(n.cidr));
  const cidr = nets[v4]?.cidr;
  if (cidr === undefined) throw new InputError('networking.machineNetwork: no IPv4 cidr; expected e.g. - cidr: 192.0.2.0/24', doc.pos(['networking', 'machineNetwork']));
  const [addr = '', len = ''] = cidr.split('/');
  const prefix = Number(len);
  if (!IPV4.test(addr) || prefix < 8 || prefix > 30) throw new InputError(`machine network '${cidr}': expected an IPv4 cidr with prefix 8..30`, doc.pos(['networking', 'machineNetwork', v4, 'cidr']));
  const size = 2 ** (32 - prefix);
  const base = ipv4ToInt(addr) - (ipv4ToInt(addr) % size);
  const masters = ic.controlPlane?.replicas ?? 3;
  const workers = (ic.compute ?? []).reduce((n, c) => n + c.replicas, 0) + (ic.compute === undefined ? 3 : 0);
  for (const [i, vip] of [...apiVips, ...ingressVips].entries()) {
    const n = ipv4ToInt(vip);
    if (n < base || n >= base + size) {
      const field = i < apiVips.length ? 'apiVIPs' : 'ingressVIPs';
      throw new InputError(`${vip} is outside the machine network ${cidr}; expected the VIPs on the nodes' L2 segment`, doc.pos(['platform', platform, field]));
    }
  }
  return { file, name: ic.metadata.name, baseDomain: ic.baseDomain, platform, apiVips, ingressVips, machineNetwork: { base, prefix, cidr }, masters, workers, networkType: ic.networking?.networkType ?? 'OVNKubernetes' };
}

/** ENABLE_UNICAST of the keepalived-monitor: every on-prem platform from 4.11, bare metal from 4.6. */
export function unicastFor(platform: OnPremPlatform, minor: number): boolean {
  if (minor >= 11) return true;
  return minor >= 6 && platform === 'baremetal';
}
