// Pitfalls of one ipfailover configuration (ipfailover-generator.md, ipfailover-user-issues.md):
// VRIDs past 255, VIP lists the image corrupts, node addresses that give owner or invalid
// priorities, replica counts that do not match the nodes, preemption text keepalived drops.
import type { SourcePos } from '../cli/errors.js';
import type { Ipv4 } from '../vrrp/types.js';
import { selectorLabels } from '../ipfailover/deployment.js';
import { imageInstanceVips, imageVrids, nodeIpKey } from '../ipfailover/plan.js';
import { imageNetworkDevice, IMAGE_PROBED_DEVICES, type HostInterface } from '../ipfailover/host-device.js';
import { imageMonitorPort } from '../ipfailover/render-keepalived.js';
import { defaultSelector, DEFAULT_PREEMPTION, type IpfailoverSpec, type ParsedIpfailover } from '../ipfailover/spec.js';
import { finding, type Finding } from './finding.js';
import { ipfailoverInjections } from '../ipfailover/inject.js';
import { shown } from '../keepalived/syntax.js';
import { vipListProblems } from './vip-list.js';

export interface LintNode {
  readonly name: string;
  readonly address: Ipv4;
  /** Absent = the node is taken to be selected. */
  readonly labels?: ReadonlyMap<string, string>;
  /** The node's devices, when known: the image picks its own (host-device.ts). */
  readonly interfaces?: readonly HostInterface[];
}

export interface LintIpfailover {
  readonly parsed: ParsedIpfailover;
  /** The cluster's nodes, when known: needed for priority and replica checks. */
  readonly nodes?: readonly LintNode[];
}

function at(p: ParsedIpfailover, ...fields: Array<keyof IpfailoverSpec>): SourcePos {
  for (const f of fields) {
    const pos = p.positions[f];
    if (pos !== undefined) return pos;
  }
  return { file: p.source };
}

/** The VRIDs the pods use (the same on every node). */
export function ipfailoverVrids(spec: IpfailoverSpec): number[] {
  return imageVrids(spec.vrrpIdOffset, spec.excludedVrrpIds, imageInstanceVips(spec).length);
}

function preemptionFindings(p: ParsedIpfailover): Finding[] {
  const text = p.spec.preemptionStrategy === '' ? DEFAULT_PREEMPTION : p.spec.preemptionStrategy;
  const where = at(p, 'preemptionStrategy');
  const words = text.trim().split(/\s+/);
  const delay = /^preempt_delay$/.test(words[0] ?? '') && words.length === 2 && /^\d+(\.\d{1,6})?$/.test(words[1] ?? '') && Number(words[1]) <= 1000;
  const ok = delay || (words.length === 1 && (words[0] === 'nopreempt' || words[0] === 'preempt'));
  const out: Finding[] = [];
  if (!ok) {
    out.push(finding('error', 'preemption',
      `preemption strategy '${text}' is pasted into every vrrp_instance verbatim and keepalived does not understand it (unknown keyword or bad value), so it is dropped and the default applies: preempt at once`,
      "use 'nopreempt' or 'preempt_delay N' with N in 0..1000 seconds (not 'preempt_nodelay', a docs typo)", where));
  } else if (delay) {
    out.push(finding('warning', 'preempt-delay-cleared',
      `'${text}' only holds on instances where the node is not master-designated: the image writes state MASTER on the others and keepalived clears preempt_delay there`,
      "expect immediate preemption by master-designated nodes, or use 'nopreempt' (current images then write no state MASTER)", where));
  }
  return out;
}

function selected(spec: IpfailoverSpec, nodes: readonly LintNode[]): LintNode[] {
  const want = selectorLabels(spec.selector ?? defaultSelector(spec.name));
  return nodes.filter((n) => n.labels === undefined || Object.entries(want).every(([k, v]) => n.labels?.get(k) === v));
}

function nodeFindings(p: ParsedIpfailover, nodes: readonly LintNode[]): Finding[] {
  const spec = p.spec;
  const out: Finding[] = [];
  const chosen = selected(spec, nodes);
  const selector = spec.selector ?? defaultSelector(spec.name);
  if (chosen.length !== spec.replicas) {
    out.push(finding('warning', 'replicas',
      `replicas ${spec.replicas} but ${chosen.length} node(s) match selector '${selector}': ${chosen.length > spec.replicas ? `${chosen.length - spec.replicas} node(s) get no pod and never hold a VIP` : `${spec.replicas - chosen.length} pod(s) stay Pending`}; the priority scheme also assumes replicas = nodes`,
      `set --replicas=${chosen.length} (and OPENSHIFT_HA_REPLICA_COUNT) or label exactly ${spec.replicas} node(s)`, at(p, 'replicas', 'selector')));
  }
  if (p.podReplicas !== undefined && p.podReplicas.value !== spec.replicas) {
    out.push(finding('warning', 'replicas',
      `Deployment replicas ${p.podReplicas.value} but OPENSHIFT_HA_REPLICA_COUNT ${spec.replicas}: the master designation is computed for the wrong node count`,
      'make both equal to the number of selected nodes', p.podReplicas.pos));
  }
  out.push(...chosen.flatMap((n) => deviceFindings(p, n)));
  const R = spec.replicas > 0 ? spec.replicas : 1;
  const slots = new Map<number, string>();
  // The image reads the address off the device it picked, which may not be the node's own.
  const seen = (n: LintNode): Ipv4 | undefined => (n.interfaces === undefined ? n.address : imageNetworkDevice(spec.interface, n.interfaces).address);
  for (const n of chosen) {
    if (seen(n) === undefined) continue;
    const key = nodeIpKey(seen(n));
    const slot = key % 128;
    if (slot === 0) {
      out.push(finding('error', 'node-priority',
        `node ${n.name} (${n.address}): last octet ${key} gives ipslot 0, so its master-designated instances get priority 255 (address owner): it takes VIPs at once, ignores preemption settings and its check failures only work via FAULT`,
        'use node addresses whose last octet is not 0 or 128', at(p, 'virtualIps')));
    } else if (slot % 64 === 0) {
      out.push(finding('warning', 'node-priority',
        `node ${n.name} (${n.address}): ipslot ${slot} % 64 = 0, so a backup priority is 0 whenever $RANDOM % 32 is 0 (1 in 32 pod starts); keepalived rejects 0 and uses 100, above the other backups`,
        'avoid node addresses whose last octet is 0, 64, 128 or 192', at(p, 'virtualIps')));
    }
    const other = slots.get(slot);
    if (other !== undefined) {
      out.push(finding('warning', 'equal-priority',
        `nodes ${other} and ${n.name} have the same ipslot ${slot} (last octet mod 128), so they get equal priorities where both are master-designated: no preemption between them and the higher IP wins only after a split`,
        'use node addresses whose last octets differ mod 128', at(p, 'virtualIps')));
    }
    slots.set(slot, n.name);
  }
  const count = imageInstanceVips(spec).length;
  if (chosen.length > 0 && count > 0) {
    const idxs = chosen.map((n) => (nodeIpKey(seen(n)) % 128 % R) + 1);
    const orphan: number[] = [];
    for (let k = 1; k <= count; k++) if (!idxs.some((i) => k % i === 0)) orphan.push(k);
    if (orphan.length > 0) {
      out.push(finding('warning', 'no-designated-master',
        `no selected node is master-designated for instance(s) ${orphan.join(', ')} (a node is designated for instance k when k % (ipslot % replicas + 1) == 0): their VIPs go to whichever node drew the highest random backup priority`,
        'choose node addresses so that one node has last octet % 128 % replicas == 0', at(p, 'virtualIps')));
    }
  }
  if (spec.unicastPeers !== '') {
    const peers = spec.unicastPeers.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const missing = chosen.filter((n) => !peers.includes(n.address));
    if (missing.length > 0) {
      out.push(finding('error', 'unicast-peers',
        `OPENSHIFT_HA_UNICAST_PEERS does not list ${missing.map((n) => `${n.name} (${n.address})`).join(', ')}: no advert reaches them, so they become MASTER for every VIP alongside the real master`,
        'list every selected node address in OPENSHIFT_HA_UNICAST_PEERS', at(p, 'unicastPeers')));
    }
  }
  return out;
}

/** Where the image's device probe lands on the node, and what that does (utils.sh get_network_device). */
function deviceFindings(p: ParsedIpfailover, n: LintNode): Finding[] {
  if (n.interfaces === undefined) return [];
  const configured = p.spec.interface;
  const dev = imageNetworkDevice(configured, n.interfaces);
  const where = at(p, 'interface');
  const asked = configured === '' ? 'no OPENSHIFT_HA_NETWORK_INTERFACE' : `OPENSHIFT_HA_NETWORK_INTERFACE '${configured}' is not on node ${n.name}`;
  if (dev.source === 'none') {
    return [finding('error', 'interface-fallback',
      `${asked}, none of ${IMAGE_PROBED_DEVICES.join(', ')} exists and there is no default route: the image writes an empty 'interface' and keepalived on ${n.name} does not start`,
      `set OPENSHIFT_HA_NETWORK_INTERFACE to a device of ${n.name} (${n.interfaces.map((i) => i.name).join(', ')})`, where)];
  }
  const how = dev.source === 'configured' ? '' : ` (${asked}; the image ${dev.source === 'probed' ? `probes ${IMAGE_PROBED_DEVICES.join(', ')}` : "falls back to the default route's device"})`;
  if (dev.address === undefined) {
    return [finding('error', 'interface-no-ipv4',
      `node ${n.name}: the image binds ${dev.device}${how}, which has no IPv4 address, so it checks 127.0.0.1 and uses ipslot 0: every instance is master-designated with state MASTER and priority 255 (1 on every second one), on every node where this happens: a guaranteed split brain`,
      `set OPENSHIFT_HA_NETWORK_INTERFACE to the device holding ${n.name}'s address (on OVN-Kubernetes: br-ex)`, where)];
  }
  if (dev.source !== 'configured') {
    return [finding('warning', 'interface-fallback',
      `node ${n.name}: the image binds ${dev.device}${how}, address ${dev.address}: VIPs and adverts use that device`,
      `set OPENSHIFT_HA_NETWORK_INTERFACE to the VRRP device of ${n.name} explicitly`, where)];
  }
  return [];
}

function monitorPortFindings(p: ParsedIpfailover): Finding[] {
  const raw = p.spec.watchPortRaw;
  if (raw === undefined || p.spec.checkScript !== '') return [];
  const port = imageMonitorPort(p.spec);
  return [finding('warning', 'monitor-port',
    `OPENSHIFT_HA_MONITOR_PORT '${raw}' is not a number: the image deletes every non-digit, so ${port === '0' ? 'it is 0 and no port is checked at all' : `it checks port ${port}`}`,
    'give the port as plain digits', at(p, 'watchPortRaw', 'watchPort'))];
}

export function lintIpfailover(input: LintIpfailover): Finding[] {
  const p = input.parsed;
  const spec = p.spec;
  const out: Finding[] = [];
  for (const v of vipListProblems(spec.virtualIps)) out.push(finding('error', 'vip-list', v.message, v.fix, at(p, 'virtualIps')));
  if (spec.vrrpIdOffset > 254) {
    out.push(finding('error', 'vrid-range', `vrrp-id-offset ${spec.vrrpIdOffset}: oc adm ipfailover rejects it (The vrrp-id-offset must be in the range 0..254)`, 'use an offset in 0..254', at(p, 'vrrpIdOffset')));
  }
  const vrids = ipfailoverVrids(spec);
  const over = vrids.filter((v) => v > 255);
  if (over.length > 0) {
    out.push(finding('error', 'vrid-range',
      `VRIDs run to ${Math.max(...vrids)} (offset ${spec.vrrpIdOffset} + ${vrids.length} instance(s)${spec.excludedVrrpIds.length > 0 ? ' + excluded ids' : ''}): keepalived rejects the instances with VRID > 255 and the daemon does not start, so none of the ${vrids.length} VIP instance(s) fail over`,
      `lower --vrrp-id-offset to at most ${Math.max(0, spec.vrrpIdOffset - (Math.max(...vrids) - 255))} or group VIPs with --virtual-ip-groups`, at(p, 'vrrpIdOffset', 'virtualIps')));
  }
  const dup = imageInstanceVips(spec).flat().filter((v, i, all) => all.indexOf(v) !== i);
  if (dup.length > 0) {
    out.push(finding('error', 'vip-duplicate', `VIP ${[...new Set(dup)].join(', ')} is listed twice, so two instances with different masters can hold it at once`, 'list each VIP once', at(p, 'virtualIps')));
  }
  if (spec.name.length > 8) {
    out.push(finding('warning', 'auth-pass',
      `auth_pass is the config name '${spec.name}', which keepalived truncates to 8 characters ('${spec.name.slice(0, 8)}'): configs whose names share those 8 characters accept each other's adverts on a shared VRID`,
      'keep names distinct in their first 8 characters (and VRID ranges apart)', at(p, 'name')));
  }
  const injections = ipfailoverInjections(spec);
  for (const inj of injections) {
    out.push(finding('error', 'security',
      `security: ${inj.field} ${shown(inj.value)} ${inj.why}; the ipfailover image pastes it into keepalived.conf unescaped, so on a real cluster keepalived (running as root) reads it as configuration${/include/.test(inj.value) ? ', and includes the named file' : ''}`,
      'use a plain value: one word for names, interfaces, addresses and emails; no double quote, control character or final backslash in scripts; only nopreempt or preempt_delay N as the preemption strategy', at(p, inj.field)));
  }
  if (!injections.some((i) => i.field === 'preemptionStrategy')) out.push(...preemptionFindings(p));
  out.push(...monitorPortFindings(p));
  if (spec.interface === '') {
    out.push(finding('warning', 'interface',
      'no interface given: the image probes enp0s3, enp0s8, eth1, ens3 and then the default route\'s device, so VIPs may land on an unexpected NIC (OVN-Kubernetes clusters need br-ex)',
      'set --interface / OPENSHIFT_HA_NETWORK_INTERFACE to the VRRP device', at(p, 'interface')));
  }
  if (p.kind !== undefined && p.kind !== 'cli' && p.positions.vrrpIdOffset === undefined) {
    out.push(finding('warning', 'vrid-offset-unset',
      `OPENSHIFT_HA_VRRP_ID_OFFSET is not set: images since 2025-04 use offset 10 (VRIDs ${spec.vrrpIdOffset + 1}..), older ones 0, so an image upgrade or a mixed rollout renumbers every VRID and pods on different images ignore each other`,
      'set OPENSHIFT_HA_VRRP_ID_OFFSET explicitly', { file: p.source }));
  }
  if (input.nodes !== undefined) out.push(...nodeFindings(p, input.nodes));
  return out;
}
