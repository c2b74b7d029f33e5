// An instance's address family as keepalived 2.2.7 decides it while reading the config: the
// first family-bearing keyword fixes it (vrrp->family starts AF_UNSPEC), and every later
// address of the other family is skipped with keepalived's own message:
//   mcast_src_ip / unicast_src_ip  vrrp_parser.c vrrp_srcip_handler
//   unicast_peer entries           vrrp_data.c alloc_vrrp_unicast_peer
//   virtual_ipaddress entries      vrrp_data.c alloc_vrrp_vip
//   version                        vrrp_parser.c vrrp_version_handler (2 after IPv6 is ignored)
// virtual_ipaddress_excluded is not checked (alloc_vrrp_evip), which is what lets one instance
// carry both families: IPv4 VIPs plus IPv6 excluded ones, or the other way round. Then
//   native_ipv6                    vrrp_parser.c vrrp_native_ipv6_handler (IPv6 and version 3,
//                                  refused after an IPv4 address)
// Then vrrp.c vrrp_complete_instance: an IPv6 instance is VRRPv3 unless `version 2` was read
// first (strict mode then forces 3), no family means IPv4, and a multicast IPv6 instance's first
// VIP should be link-local. mcast_dst_ip also fixes the family in keepalived but is not in the
// model (a not-simulated warning says so).
//
// Keyword order: keepalived reads the file top to bottom. Where the config came from a file the
// keywords' positions give that order (for a keyword given twice, its last occurrence); otherwise
// it is the order `vrrplab render` writes them in, which is what keepalived would read.
import type { SourcePos } from '../cli/errors.js';
import type { UnicastPeerModel, VipModel, VrrpInstanceModel } from './types.js';
import type { Findings, SourceMap } from './build-context.js';

export type Family = 4 | 6;

export interface InstanceFamily {
  readonly family: Family;
  /** The VIPs keepalived keeps (the other family's are skipped). */
  readonly vips: readonly VipModel[];
  readonly peers: readonly UnicastPeerModel[];
  /** unicast_src_ip / mcast_src_ip if of the instance's family (keepalived clears the other). */
  readonly unicastSrcIp: string | undefined;
  readonly mcastSrcIp: string | undefined;
  /** The version keepalived ends up with, when the family decides it; undefined: the usual rule. */
  readonly version: 2 | 3 | undefined;
}

const familyOf = (address: string): Family => (address.includes(':') ? 6 : 4);
const vipText = (v: VipModel): string => (v.prefix === undefined ? v.address : `${v.address}/${v.prefix}`);

/** fe80::/10 by its first hextet (addresses here are as written, any case, possibly unexpanded). */
function isLinkLocal(address: string): boolean {
  const first = address.split(':')[0] ?? '';
  return /^fe[89ab][0-9a-f]$/i.test(first);
}

type Field = 'version' | 'nativeIpv6' | 'mcastSrcIp' | 'unicastSrcIp' | 'unicastPeer' | 'virtualIpaddress';
/** render.ts's order. */
const RENDER_ORDER: readonly Field[] = ['version', 'nativeIpv6', 'mcastSrcIp', 'unicastSrcIp', 'unicastPeer', 'virtualIpaddress'];

function keywordOrder(name: string, positions: SourceMap | undefined): Field[] {
  const pos = (field: Field): SourcePos | undefined => positions?.get(`instance:${name}:${field}`);
  const rank = (p: SourcePos | undefined, i: number): [number, number, number] =>
    p?.line === undefined ? [Number.MAX_SAFE_INTEGER, i, 0] : [p.line, p.col ?? 0, i];
  return RENDER_ORDER
    .map((field, i) => ({ field, r: rank(pos(field), i) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.r[2] - b.r[2])
    .map((x) => x.field);
}

export function instanceFamily(
  i: VrrpInstanceModel, strict: boolean, f: Findings, positions: SourceMap | undefined,
): InstanceFamily {
  const n = i.name;
  const at = (field: string): string[] => [`instance:${n}:${field}`, `instance:${n}`];
  let family: Family | undefined;
  let versionSeen: 2 | 3 | undefined;
  let unicastSrcIp: string | undefined;
  let mcastSrcIp: string | undefined;
  const vips: VipModel[] = [];
  const peers: UnicastPeerModel[] = [];

  for (const field of keywordOrder(n, positions)) {
    if (field === 'version' && i.version !== undefined) {
      // vrrp->version is 0 until `version` or native_ipv6 sets it.
      if ((versionSeen !== undefined && versionSeen !== i.version) || (i.version === 2 && family === 6)) {
        f.warn(`(${n}) vrrp_version ${i.version} conflicts with configured or deduced version ${versionSeen ?? 0}; ignoring.`, ...at('version'));
      } else {
        versionSeen = i.version;
      }
    } else if (field === 'nativeIpv6' && i.nativeIpv6 === true) {
      if (family === 4) {
        f.warn(`(${n}) Cannot specify native_ipv6 with IPv4 addresses`, ...at('nativeIpv6'));
      } else {
        family = 6;
        versionSeen = 3;
      }
    } else if ((field === 'mcastSrcIp' || field === 'unicastSrcIp') && i[field] !== undefined) {
      const a = i[field] ?? '';
      family ??= familyOf(a);
      if (familyOf(a) !== family) {
        f.warn(`Configuration error: VRRP instance[${n}] and src address[${a}] MUST be of the same family !!! Skipping...`, ...at(field));
      } else if (field === 'unicastSrcIp') {
        unicastSrcIp = a;
      } else {
        mcastSrcIp = a;
      }
    } else if (field === 'unicastPeer') {
      for (const p of i.unicastPeer ?? []) {
        family ??= familyOf(p.address);
        if (familyOf(p.address) !== family) {
          f.warn(`Configuration error: VRRP instance[${n}] and unicast peer address[${p.address}] MUST be of the same family !!! Skipping...`, ...at('unicastPeer'));
        } else {
          peers.push(p);
        }
      }
    } else if (field === 'virtualIpaddress') {
      for (const v of i.virtualIpaddress ?? []) {
        family ??= familyOf(v.address);
        if (familyOf(v.address) !== family) f.warn(`(${n}): address family must match VRRP instance [${vipText(v)}] - ignoring`, ...at('virtualIpaddress'));
        else vips.push(v);
      }
    }
  }

  const fam: Family = family ?? 4;
  let version: 2 | 3 | undefined;
  if (fam === 6) {
    if (versionSeen === 2 && strict) {
      f.warn(`(${n}) cannot use IPv6 with VRRP version 2; setting version 3`, ...at('version'));
      version = 3;
    } else {
      version = versionSeen ?? 3;
    }
    if (version === 2) f.warn(`vrrplab: (${n}) keepalived keeps VRRP version 2 for this IPv6 instance; VRRPv2 over IPv6 is not modelled`, ...at('version'));
    const first = vips[0];
    if (peers.length === 0 && first !== undefined && !isLinkLocal(first.address)) {
      f.warn(`(${n}) the first IPv6 VIP address ${strict ? 'must' : 'should'} be link local`, ...at('virtualIpaddress'));
    }
  }
  return { family: fam, vips, peers, unicastSrcIp, mcastSrcIp, version };
}
