// Traps of keepalived-operator groups (controllers/keepalivedgroup_controller.go): VRIDs are
// numbered from 1 within each KeepalivedGroup, so groups on one segment reuse them unless
// blacklistRouterIDs keeps them apart; a group holds at most 255 instances; multicast must be
// delivered between the nodes; a spread Service's VIP order (and so its owners) is a hash-set's.
import type { ParsedGroup } from '../keepalived-operator/parse.js';
import { instanceKeys } from '../keepalived-operator/model.js';
import { finding, type Finding } from './finding.js';

const ref = (p: ParsedGroup): string => `${p.group.namespace}/${p.group.name}`;

function oneGroup(p: ParsedGroup): Finding[] {
  const out: Finding[] = [];
  const keys = p.services.flatMap((s) => instanceKeys(s, 1));
  const room = 255 - new Set(p.group.blacklistRouterIds).size;
  if (keys.length > room) {
    out.push(finding('error', 'ka-too-many-instances',
      `KeepalivedGroup ${ref(p)} needs ${keys.length} VRRP instances but VRIDs 1..255${p.group.blacklistRouterIds.length > 0 ? ' less the blacklisted ones' : ''} leave ${room}: the controller fails with "cannot allocate more than 255 ids in one keepalived group" and stops updating the whole group's config`,
      'split the Services over several KeepalivedGroups (with disjoint blacklistRouterIDs), or group VIPs into fewer Services instead of spreadvips', p.pos));
  }
  if (!p.group.unicast) {
    out.push(finding('warning', 'ka-multicast',
      `KeepalivedGroup ${ref(p)} advertises by multicast (224.0.0.18): where the network does not deliver it (most clouds, OpenStack without allowed address pairs, IGMP snooping without a querier) every node becomes MASTER of every VIP`,
      'set spec.unicastEnabled: true (adverts go to every keepalived pod\'s host IP)', p.pos));
  }
  for (const s of p.services) {
    if (s.spread && s.ips.length > 1) {
      out.push(finding('warning', 'ka-spread-order',
        `Service ${s.namespace}/${s.name} spreads ${s.ips.length} VIPs, but the operator lists them from a hash set (mergeStringSlices), so which pod owns which VIP can change on every reconcile`,
        'give each spread VIP its own Service, or do not rely on the owner placement', p.pos));
    }
  }
  return out;
}

function reuse(groups: readonly ParsedGroup[]): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const a = groups[i];
      const b = groups[j];
      if (a === undefined || b === undefined) continue;
      const shared = [...new Set(a.group.routerIds.values())].filter((v) => [...b.group.routerIds.values()].includes(v)).sort((x, y) => x - y);
      if (shared.length === 0) continue;
      const multicast = !a.group.unicast || !b.group.unicast;
      out.push(finding(multicast ? 'error' : 'warning', 'ka-vrid-reuse',
        `KeepalivedGroups ${ref(a)} and ${ref(b)} both use VRID ${shared.join(', ')} (each group numbers from 1): ${multicast ? 'on one segment their masters receive each other\'s adverts; an advert with other VIPs is ignored but still re-arms the receiving master\'s advert timer, so backups time out and VIPs flap' : 'with unicast the adverts stay inside each group, until one group falls back to multicast or their peers overlap'}`,
        `give the groups disjoint ranges with spec.blacklistRouterIDs (e.g. blacklist 1..${Math.max(...shared)} in ${ref(b)})`, b.pos));
    }
  }
  return out;
}

export function lintKeepalivedOperator(groups: readonly ParsedGroup[]): Finding[] {
  return [...groups.flatMap(oneGroup), ...reuse(groups)];
}

/** A manifest stream that holds a KeepalivedGroup. */
export function looksLikeKeepalivedOperator(text: string): boolean {
  return /^kind:\s*KeepalivedGroup\s*$/m.test(text);
}
