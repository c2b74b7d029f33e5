// Interfaces a keepalived.conf names that the host lacks. keepalived 2.2.7 looks each one up
// while parsing with if_get_by_ifname(name, IF_CREATE_IF_DYNAMIC) (vrrp_if.c:194-226): unless
// global_defs has dynamic_interfaces, a miss sets non_existent_interface_specified, and after
// parsing the VRRP process reports "Non-existent interface specified in configuration" and exits
// with KEEPALIVED_EXIT_CONFIG (vrrp_daemon.c:525-529); the parent then logs "... exited with
// permanent error CONFIG. Terminating" (scheduler.c:549-555) and the whole daemon stops.
import type { Findings } from './build-context.js';
import type { NodeModel } from './types.js';

/** keepalived's words when its VRRP process exits for this reason. */
export const NON_EXISTENT_INTERFACE = 'Non-existent interface specified in configuration';

interface Miss {
  readonly message: string;
  readonly keys: readonly string[];
  readonly name: string;
}

function misses(node: NodeModel): Miss[] {
  const have = new Set(node.interfaces.map((i) => i.name));
  const out: Miss[] = [];
  const k = node.keepalived;
  for (const i of k.instances) {
    const at = (field: string): string[] => [`instance:${i.name}:${field}`, `instance:${i.name}`];
    // vrrp_int_handler(), vrrp_parser.c:816-818
    if (i.interface !== undefined && !have.has(i.interface)) {
      out.push({ name: i.interface, message: `WARNING - interface ${i.interface} for vrrp_instance ${i.name} doesn't exist`, keys: at('interface') });
    }
    // alloc_track_if(), vrrp_track.c:94-98
    for (const t of i.trackInterface ?? []) {
      if (!have.has(t.name)) out.push({ name: t.name, message: `(${i.name}) tracked interface ${t.name} doesn't exist`, keys: at('trackInterface') });
    }
    // alloc_ipaddress() `dev`, vrrp_ipaddress.c:514-518
    const vips = [...(i.virtualIpaddress ?? []).map((v) => [v, 'virtualIpaddress'] as const), ...(i.virtualIpaddressExcluded ?? []).map((v) => [v, 'virtualIpaddressExcluded'] as const)];
    for (const [v, field] of vips) {
      if (v.dev !== undefined && !have.has(v.dev)) {
        out.push({ name: v.dev, message: `WARNING - interface ${v.dev} for ip address ${v.address}${v.prefix !== undefined ? `/${v.prefix}` : ''} doesn't exist`, keys: at(field) });
      }
    }
  }
  for (const g of k.syncGroups) {
    for (const t of g.trackInterface ?? []) {
      if (!have.has(t.name)) out.push({ name: t.name, message: `(${g.name}) tracked interface ${t.name} doesn't exist`, keys: [`syncGroup:${g.name}`] });
    }
  }
  return out;
}

/**
 * Reports every missing interface as keepalived does; true when keepalived's VRRP process exits
 * because of them. A node whose interfaces are unknown (a bare .conf) is never judged.
 */
export function checkInterfacesExist(node: NodeModel, f: Findings): boolean {
  if (node.interfaces.length === 0) return false;
  const found = misses(node);
  if (found.length === 0) return false;
  const dynamic = (node.keepalived.globalDefs.unknown ?? []).some((u) => u.words[0] === 'dynamic_interfaces');
  if (dynamic) {
    for (const name of new Set(found.map((m) => m.name))) {
      const m = found.find((x) => x.name === name) as Miss;
      f.warn(`Configuration specifies interface ${name} which doesn't currently exist - will use if created (vrrplab: an interface that never appears is not simulated)`, ...m.keys);
    }
    return false;
  }
  for (const m of found) f.error(m.message, ...m.keys);
  f.error(`${NON_EXISTENT_INTERFACE}; keepalived's VRRP process on ${node.name} exits with permanent error CONFIG and the daemon terminates: this node runs no VRRP instance and holds no VIP`, ...(found[0]?.keys ?? []));
  return true;
}
