// Interfaces a keepalived.conf names that the host lacks. keepalived 2.2.7 looks each one up
// while parsing with if_get_by_ifname(name, IF_CREATE_IF_DYNAMIC) (vrrp_if.c:194-226): unless
// global_defs has dynamic_interfaces, a miss sets non_existent_interface_specified, and after
// parsing the VRRP process reports "Non-existent interface specified in configuration" and exits
// with KEEPALIVED_EXIT_CONFIG (vrrp_daemon.c:525-529); the parent then logs "... exited with
// permanent error CONFIG. Terminating" (scheduler.c:549-555) and the whole daemon stops.
//
// The same lookup (IF_CREATE_IF_DYNAMIC, so the same exit) is made for the interfaces named in
// blocks vrrplab keeps verbatim: `dev`/`oif` of virtual_routes and static_routes (alloc_route(),
// vrrp_iproute.c:1530-1536, nexthops 1289-1295), `dev`/`iif`/`oif` of virtual_rules and
// static_rules (alloc_rule(), vrrp_iprule.c:648-664), `dev` of static_ipaddress (alloc_ipaddress(),
// vrrp_ipaddress.c:514-518), garp_group's `interface` and `interfaces` (vrrp_parser.c:1931-1982),
// and the default interface a static address without `dev` goes to: default_interface, else
// eth0 (get_default_if(), vrrp_if.c:134-142; vrrp_ipaddress.c:680-688, DFLT_INT).
import type { Findings } from './build-context.js';
import type { KeepalivedConfig, NodeModel, UnknownEntry } from './types.js';

/** keepalived's words when its VRRP process exits for this reason. */
export const NON_EXISTENT_INTERFACE = 'Non-existent interface specified in configuration';

interface Miss {
  readonly message: string;
  readonly keys: readonly string[];
  readonly name: string;
}

const unquote = (w: string): string => (w.length >= 2 && w.startsWith('"') && w.endsWith('"') ? w.slice(1, -1) : w);

/** The name after each of `after` in an entry's words. */
function namesAfter(e: UnknownEntry, after: ReadonlySet<string>): string[] {
  const out: string[] = [];
  e.words.forEach((w, i) => {
    const next = e.words[i + 1];
    if (after.has(w) && next !== undefined) out.push(unquote(next));
  });
  return out;
}

const ROUTE_DEV = new Set(['dev', 'oif']);
const RULE_DEV = new Set(['dev', 'iif', 'oif']);
const ADDRESS_DEV = new Set(['dev']);

/** Interfaces named in verbatim blocks: routes, rules, static addresses, garp groups. */
function verbatimMisses(node: NodeModel, have: ReadonlySet<string>): Miss[] {
  const out: Miss[] = [];
  const k = node.keepalived;
  const miss = (name: string, message: string, ...keys: string[]): void => {
    if (!have.has(name)) out.push({ name, message, keys: [`ifref:${name}`, ...keys] });
  };
  const routes = (block: readonly UnknownEntry[], ...keys: string[]): void => {
    for (const r of block) for (const n of namesAfter(r, ROUTE_DEV)) miss(n, `WARNING - interface ${n} for VROUTE nexthop doesn't exist`, ...keys);
  };
  const rules = (block: readonly UnknownEntry[], ...keys: string[]): void => {
    for (const r of block) for (const n of namesAfter(r, RULE_DEV)) miss(n, `WARNING - interface ${n} for rule doesn't exist`, ...keys);
  };
  for (const i of k.instances) {
    for (const u of i.unknown ?? []) {
      if (u.words[0] === 'virtual_routes') routes(u.block ?? [], 'unknown:virtual_routes', `instance:${i.name}`);
      if (u.words[0] === 'virtual_rules') rules(u.block ?? [], 'unknown:virtual_rules', `instance:${i.name}`);
    }
  }
  const defaultIf = unquote((k.globalDefs.unknown ?? []).find((u) => u.words[0] === 'default_interface')?.words[1] ?? 'eth0');
  for (const u of k.unknown) {
    const block = u.block ?? [];
    if (u.words[0] === 'static_routes') routes(block, 'unknown:static_routes');
    else if (u.words[0] === 'static_rules') rules(block, 'unknown:static_rules');
    else if (u.words[0] === 'static_ipaddress') {
      for (const a of block) {
        const addr = a.words[0] ?? '';
        const devs = namesAfter(a, ADDRESS_DEV);
        for (const n of devs) miss(n, `WARNING - interface ${n} for ip address ${addr} doesn't exist`, 'unknown:static_ipaddress');
        if (devs.length === 0 && !have.has(defaultIf)) {
          out.push({ name: defaultIf, message: `Static address ${addr} requires either an interface or default interface must exist`, keys: ['global:default_interface', 'unknown:static_ipaddress'] });
        }
      }
    } else if (u.words[0] === 'garp_group') {
      for (const g of block) {
        const names = g.words[0] === 'interface' ? g.words.slice(1, 2) : g.words[0] === 'interfaces' ? (g.block ?? []).flatMap((x) => x.words) : [];
        for (const n of names.map(unquote)) miss(n, `WARNING - interface ${n} specified for garp_group doesn't exist`, 'unknown:garp_group');
      }
    }
  }
  return out;
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
  out.push(...verbatimMisses(node, have));
  return out;
}

/** Every interface name the configuration makes keepalived look up, in order, once each. */
export function interfacesNamed(k: KeepalivedConfig): string[] {
  return [...new Set(misses({ name: '', interfaces: [], keepalived: k }).map((m) => m.name))];
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
