// Keywords keepalived 2.2.7 acts on that vrrplab does not simulate, each with the prediction it
// may invalidate. One table, so `check-config`, `lint` and `run` say the same thing; keywords
// that change neither VRRP nor what clients see (smtp_alert, notification_email, ...) are not
// here: they are only counted as "kept verbatim, not simulated".
import type { KeepalivedConfig, UnknownEntry } from './types.js';

/** keyword -> which prediction it may invalidate. */
export const UNSIMULATED: ReadonlyMap<string, string> = new Map([
  ['use_ipvlan', 'the VIP lives on an ipvlan interface; client reachability and ARP behaviour are modelled as if it were on the parent interface'],
  ['accept', 'accept mode decides whether a non-owner MASTER accepts traffic to the VIP; vrrplab always lets clients connect'],
  ['no_accept', "keepalived installs firewall rules (nftables) that drop traffic to the VIPs on a MASTER that is not the address owner (vrrp.c:3157-3189); vrrplab's probes still connect, so availability may be overstated"],
  ['vrrp_strict', "strict mode turns accept mode off (vrrp.c:3157-3158): traffic to the VIPs of a non-owner MASTER is dropped by keepalived's firewall rules; vrrplab's probes still connect, so availability may be overstated"],
  ['AH', 'AH authentication changes the advert format and which adverts peers accept; adverts are modelled without authentication'],
  ['virtual_routes', 'routes added while MASTER are not modelled; client reachability that depends on them is not predicted'],
  ['virtual_rules', 'policy rules added while MASTER are not modelled; client reachability that depends on them is not predicted'],
  ['static_ipaddress', 'addresses keepalived adds at start are not modelled; reachability that depends on them is not predicted'],
  ['static_routes', 'routes keepalived adds at start are not modelled; reachability that depends on them is not predicted'],
  ['static_rules', 'policy rules keepalived adds at start are not modelled; reachability that depends on them is not predicted'],
  ['virtual_server', "IPVS forwards the VIP's ports to real servers chosen by health checks; vrrplab's probes reach a service on the VIP holder itself, so availability ignores the real servers"],
  ['virtual_server_group', "IPVS forwards the VIP's ports to real servers chosen by health checks; vrrplab's probes reach a service on the VIP holder itself, so availability ignores the real servers"],
  ['lvs_sync_daemon_interface', 'IPVS connection sync is not modelled: whether established connections survive a failover is not predicted'],
  ['lvs_sync_daemon', 'IPVS connection sync is not modelled: whether established connections survive a failover is not predicted'],
  ['track_file', 'a tracked file changes priority or causes FAULT when written; vrrplab never changes it, so failovers it would cause are not predicted'],
  ['vrrp_track_file', 'a tracked file changes priority or causes FAULT when written; vrrplab never changes it, so failovers it would cause are not predicted'],
  ['track_process', 'a tracked process changes priority or causes FAULT when it stops; vrrplab treats it as always running'],
  ['vrrp_track_process', 'a tracked process changes priority or causes FAULT when it stops; vrrplab treats it as always running'],
  ['track_bfd', 'a BFD session changes priority or causes FAULT; vrrplab treats it as always up'],
  ['bfd_instance', 'a BFD session changes priority or causes FAULT; vrrplab treats it as always up'],
  ['garp_group', 'gratuitous ARP pacing per interface group is not modelled; when clients learn the new MASTER may differ'],
  ['vrrp_garp_interval', 'gratuitous ARP pacing is not modelled; when clients learn the new MASTER may differ'],
  ['vrrp_gna_interval', 'unsolicited neighbour advertisement pacing is not modelled; when IPv6 clients learn the new MASTER may differ'],
  ['garp_extra_if', 'gratuitous ARPs on extra interfaces are not modelled; clients there are not predicted'],
  ['vrrp_garp_extra_if', 'gratuitous ARPs on extra interfaces are not modelled; clients there are not predicted'],
  ['mcast_dst_ip', 'adverts to another multicast group are not modelled: peers are assumed to hear 224.0.0.18'],
  ['vrrp_mcast_group6', 'adverts to another IPv6 multicast group are not modelled: peers are assumed to hear ff02::12'],
  ['unicast_fault_no_peer', 'an instance without unicast peers goes to FAULT instead of multicasting; not modelled'],
  ['old_unicast_checksum', 'the old unicast checksum makes current keepalived peers reject the adverts; not modelled'],
  ['vrf', 'the instance runs in a VRF; routing and reachability are modelled as in the main table'],
  ['net_namespace', 'keepalived runs in another network namespace; the interfaces it sees are not the node\'s'],
  ['track_src_ip', 'a change of the source address causes FAULT; vrrplab never changes it'],
  ['linkbeat_interfaces', 'carrier is polled instead of read from netlink; link-fault timing may differ'],
  ['interface_up_down_delays', 'interface up/down events are delayed before instances see them; link-fault timing differs'],
]);

export interface UnsimulatedUse {
  readonly keyword: string;
  readonly reason: string;
  /** SourceMap keys, most specific first. */
  readonly keys: readonly string[];
}

function unknownWords(list: readonly UnknownEntry[] | undefined): string[] {
  return (list ?? []).flatMap((u) => (u.words[0] === undefined ? [] : [u.words[0]]));
}

/** Every use of a table keyword in one node's configuration, once per keyword and owner. */
export function unsimulatedUses(k: KeepalivedConfig): UnsimulatedUse[] {
  const out: UnsimulatedUse[] = [];
  const seen = new Set<string>();
  const add = (keyword: string, owner: string, ...keys: string[]): void => {
    const reason = UNSIMULATED.get(keyword);
    if (reason === undefined || seen.has(`${owner}:${keyword}`)) return;
    seen.add(`${owner}:${keyword}`);
    out.push({ keyword, reason, keys: [...keys, `unknown:${keyword}`] });
  };
  for (const w of unknownWords(k.unknown)) add(w, '', `unknown:${w}`);
  for (const w of unknownWords(k.globalDefs.unknown)) add(w, '', `global:${w}`);
  if (k.globalDefs.vrrpStrict === true) add('vrrp_strict', '', 'global:vrrp_strict');
  for (const i of k.instances) {
    const at = (field: string): string[] => [`instance:${i.name}:${field}`, `instance:${i.name}`];
    if (i.strictMode === true) add('vrrp_strict', i.name, ...at('strictMode'));
    if (i.accept === false) add('no_accept', i.name, ...at('accept'));
    else if (i.accept === true) add('accept', i.name, ...at('accept'));
    if (i.authentication?.authType === 'AH') add('AH', i.name, ...at('authentication'));
    for (const w of unknownWords(i.unknown)) add(w, i.name, `unknown:${w}`, `instance:${i.name}`);
  }
  for (const g of k.syncGroups) for (const w of unknownWords(g.unknown)) add(w, g.name, `syncGroup:${g.name}`);
  return out;
}

/** The warning text, the same in every output. */
export function unsimulatedMessage(u: UnsimulatedUse): string {
  return `vrrplab: '${u.keyword}' is not simulated: ${u.reason}`;
}
