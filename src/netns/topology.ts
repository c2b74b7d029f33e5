// A topology of network namespaces: one per node, plus one "switch" namespace that holds a
// bridge per segment. Every node interface is a veth whose node end carries the interface name
// keepalived's config uses (eth0) and whose other end is a port of its segment's bridge, so a
// link fault is a port going down on the switch and the node sees carrier loss, as on hardware.
import { InputError } from '../cli/errors.js';
import { ipIn, nsExec, run, runSyncQuiet } from './exec.js';
import type { Runner } from './executor.js';
import {
  bridgeName, bridgePortName, isAllowedAddress, isAllowedAddress6, isLinkLocal6, isValidIfName, newRunPrefix,
  nodeNamespace, switchNamespace, ALLOWED_RANGES, ALLOWED_RANGES6, NETNS_ROOT_PREFIX,
} from './names.js';
import { cleanupStale } from './stale.js';

export interface TopologyInterface {
  readonly name: string;
  readonly segment: string;
  /** Absent: the interface gets no IPv4 address. */
  readonly address?: string;
  readonly prefix: number;
  /** A global IPv6 address from 2001:db8::/32 (absent: none). */
  readonly address6?: string;
  /** Prefix length of address6 (default 64). */
  readonly prefix6?: number;
  /**
   * The interface's fe80::/64 address, the source keepalived sends IPv6 adverts from and
   * compares in the tie-break; absent on an IPv6 interface: fe80::<node+1>:<iface+1>, so every
   * run, and the simulator, know it (the kernel's own is derived from a random veth MAC).
   */
  readonly linkLocal?: string;
  /** false: the switch port starts down, so the node sees no carrier (default true). */
  readonly up?: boolean;
}

export interface TopologyNode {
  readonly name: string;
  readonly interfaces: readonly TopologyInterface[];
}

export interface TopologySpec {
  readonly segments: readonly string[];
  readonly nodes: readonly TopologyNode[];
}

export interface PortHandle {
  readonly node: string;
  readonly iface: string;
  readonly segment: string;
  /** The bridge-side veth in the switch namespace. */
  readonly port: string;
}

export interface NodeHandle {
  readonly name: string;
  readonly index: number;
  readonly ns: string;
  readonly interfaces: readonly TopologyInterface[];
}

export interface Topology {
  readonly prefix: string;
  readonly switchNs: string;
  readonly nodes: ReadonlyMap<string, NodeHandle>;
  /** segment name -> bridge name in the switch namespace. */
  readonly bridges: ReadonlyMap<string, string>;
  readonly ports: readonly PortHandle[];
  /** Every namespace of the run, switch first. */
  readonly namespaces: readonly string[];
  /** Runs fault commands (see executor.ts); absent = execFile from this process. */
  readonly exec?: Runner;
}

export interface CreateOptions {
  readonly prefix?: string;
  /**
   * Namespaces under this prefix left by runs whose process is dead (SIGKILL) are removed first;
   * default vrrplab's own prefix, or none when VRRPLAB_STALE_SWEEP=off; false: none.
   */
  readonly staleSweep?: string | false;
  /** Told what the sweep removed; default one line on stderr. */
  readonly onStaleRemoved?: (names: readonly string[]) => void;
  /** Where the spec came from, for error positions. */
  readonly source?: string;
}

/** Throws InputError for anything the kernel would refuse or the project rules forbid. */
export function validateTopology(spec: TopologySpec, source = '<topology>'): void {
  const segments = new Set(spec.segments);
  const seenNodes = new Set<string>();
  const seenAddrs = new Set<string>();
  for (const node of spec.nodes) {
    if (seenNodes.has(node.name)) throw new InputError(`node '${node.name}' is defined twice; node names must be unique`, { file: source });
    seenNodes.add(node.name);
    const ifNames = new Set<string>();
    for (const itf of node.interfaces) {
      const where = `node '${node.name}' interface '${itf.name}'`;
      if (!isValidIfName(itf.name)) throw new InputError(`${where}: not a valid Linux interface name; expected 1-15 characters from A-Z a-z 0-9 _ . -`, { file: source });
      if (itf.name === 'lo') throw new InputError(`${where}: 'lo' is the loopback; expected a network interface name such as eth0`, { file: source });
      if (ifNames.has(itf.name)) throw new InputError(`${where}: defined twice on the node; expected unique interface names`, { file: source });
      ifNames.add(itf.name);
      if (!segments.has(itf.segment)) throw new InputError(`${where}: unknown segment '${itf.segment}'; expected one of ${[...segments].join(', ') || '(none)'}`, { file: source });
      validateIpv6(itf, where, source, seenAddrs);
      if (itf.address === undefined) continue;
      if (!isAllowedAddress(itf.address)) throw new InputError(`${where}: address ${itf.address} is outside the test ranges; expected an address in ${ALLOWED_RANGES.join(' or ')}`, { file: source });
      if (!Number.isInteger(itf.prefix) || itf.prefix < 8 || itf.prefix > 32) throw new InputError(`${where}: prefix /${itf.prefix} is invalid; expected an integer 8..32`, { file: source });
      if (seenAddrs.has(itf.address)) throw new InputError(`${where}: address ${itf.address} is used twice; expected unique addresses`, { file: source });
      seenAddrs.add(itf.address);
    }
  }
}

function validateIpv6(itf: TopologyInterface, where: string, source: string, seen: Set<string>): void {
  if (itf.address6 !== undefined) {
    if (!isAllowedAddress6(itf.address6)) throw new InputError(`${where}: IPv6 address ${itf.address6} is outside the test range; expected an address in ${ALLOWED_RANGES6.join(' or ')}`, { file: source });
    const p = itf.prefix6 ?? 64;
    if (!Number.isInteger(p) || p < 16 || p > 128) throw new InputError(`${where}: IPv6 prefix /${p} is invalid; expected an integer 16..128`, { file: source });
    if (seen.has(itf.address6)) throw new InputError(`${where}: address ${itf.address6} is used twice; expected unique addresses`, { file: source });
    seen.add(itf.address6);
  }
  if (itf.linkLocal !== undefined && !isLinkLocal6(itf.linkLocal)) {
    throw new InputError(`${where}: link-local address ${itf.linkLocal} is not in fe80::/64; expected e.g. fe80::1`, { file: source });
  }
}

/** Whether the interface takes part in IPv6 (has a global or a link-local address given). */
export function isIpv6Interface(itf: TopologyInterface): boolean {
  return itf.address6 !== undefined || itf.linkLocal !== undefined;
}

/** The link-local address the harness gives an IPv6 interface (see TopologyInterface.linkLocal). */
export function linkLocalOf(itf: TopologyInterface, nodeIndex: number, ifaceIndex: number): string {
  return itf.linkLocal ?? `fe80::${(nodeIndex + 1).toString(16)}:${(ifaceIndex + 1).toString(16)}`;
}

/**
 * IPv6 on a node interface, made usable at once and reproducible. Duplicate address detection
 * is off (accept_dad 0, and `nodad` on each address; ip-sysctl.rst): with it, a new address is
 * tentative for about a second (dad_transmits 1 × retrans_timer 1 s, RFC 4862 §5.4) and
 * keepalived, started in that window, could not send from it, so DAD would skew every start
 * time. addrgenmode none keeps the kernel from adding its own link-local from the random veth
 * MAC (ip-link(8)): the one the harness adds is the only one, and keepalived sends from it.
 */
async function configureIpv6(ns: string, itf: TopologyInterface, nodeIndex: number, ifaceIndex: number): Promise<void> {
  await nsExec(ns, 'sysctl', ['-qw', `net.ipv6.conf.${itf.name}.accept_dad=0`]);
  await ipIn(ns, ['link', 'set', itf.name, 'addrgenmode', 'none']);
  await ipIn(ns, ['addr', 'add', `${linkLocalOf(itf, nodeIndex, ifaceIndex)}/64`, 'dev', itf.name, 'nodad']);
  if (itf.address6 !== undefined) await ipIn(ns, ['addr', 'add', `${itf.address6}/${itf.prefix6 ?? 64}`, 'dev', itf.name, 'nodad']);
}

export function planTopology(spec: TopologySpec, prefix: string): Topology {
  const nodes = new Map<string, NodeHandle>();
  const ports: PortHandle[] = [];
  spec.nodes.forEach((n, index) => {
    nodes.set(n.name, { name: n.name, index, ns: nodeNamespace(prefix, index), interfaces: n.interfaces });
    n.interfaces.forEach((itf, i) => ports.push({ node: n.name, iface: itf.name, segment: itf.segment, port: bridgePortName(index, i) }));
  });
  const bridges = new Map(spec.segments.map((s, i) => [s, bridgeName(i)] as const));
  const sw = switchNamespace(prefix);
  return { prefix, switchNs: sw, nodes, bridges, ports, namespaces: [sw, ...[...nodes.values()].map((n) => n.ns)] };
}

/** Creates the namespaces; on any failure removes what it created before rethrowing. */
export async function createTopology(spec: TopologySpec, opts: CreateOptions = {}): Promise<Topology> {
  validateTopology(spec, opts.source);
  const sweep = opts.staleSweep ?? (process.env['VRRPLAB_STALE_SWEEP'] === 'off' ? false : NETNS_ROOT_PREFIX);
  if (sweep !== false) {
    const removed = await cleanupStale(sweep);
    if (removed.length > 0) {
      (opts.onStaleRemoved ?? ((n) => process.stderr.write(`vrrplab: removed ${n.length} stale namespace(s) left by runs that died: ${n.join(', ')}\n`)))(removed);
    }
  }
  const topo = planTopology(spec, opts.prefix ?? newRunPrefix());
  try {
    for (const ns of topo.namespaces) {
      await run('ip', ['netns', 'add', ns]);
      await ipIn(ns, ['link', 'set', 'lo', 'up']);
    }
    // The switch is layer 2 only: without IPv6 its bridges and ports make no link-local
    // addresses and send no router solicitations or MLD reports onto the test links.
    await nsExec(topo.switchNs, 'sysctl', ['-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
    for (const br of topo.bridges.values()) {
      // No multicast snooping: the bridge would otherwise forward ff02::12 only to ports it heard
      // an MLD report from (224.0.0.0/24 is always flooded, ff02::/16 is not exempt; Linux
      // br_multicast.c), and the node joining the group would change who hears its adverts.
      await ipIn(topo.switchNs, ['link', 'add', br, 'type', 'bridge', 'mcast_snooping', '0']);
      await ipIn(topo.switchNs, ['link', 'set', br, 'up']);
    }
    for (const p of topo.ports) {
      const node = nodeOf(topo, p.node);
      const itf = node.interfaces.find((i) => i.name === p.iface);
      if (itf === undefined) throw new Error(`internal: port ${p.port} has no interface`);
      // Created directly inside the two namespaces so concurrent runs never clash on names.
      await run('ip', ['link', 'add', 'name', p.iface, 'netns', node.ns, 'type', 'veth', 'peer', 'name', p.port, 'netns', topo.switchNs]);
      await ipIn(topo.switchNs, ['link', 'set', p.port, 'master', bridgeOf(topo, p.segment)]);
      if (itf.up !== false) await ipIn(topo.switchNs, ['link', 'set', p.port, 'up']);
      if (itf.address !== undefined) await ipIn(node.ns, ['addr', 'add', `${itf.address}/${itf.prefix}`, 'dev', itf.name]);
      if (isIpv6Interface(itf)) await configureIpv6(node.ns, itf, node.index, node.interfaces.indexOf(itf));
      await ipIn(node.ns, ['link', 'set', itf.name, 'up']);
    }
  } catch (e) {
    await destroyTopology(topo);
    throw e;
  }
  return topo;
}

export function nodeOf(topo: Topology, name: string): NodeHandle {
  const n = topo.nodes.get(name);
  if (n === undefined) throw new InputError(`unknown node '${name}'; expected one of ${[...topo.nodes.keys()].join(', ')}`, { file: '<topology>' });
  return n;
}

export function bridgeOf(topo: Topology, segment: string): string {
  const b = topo.bridges.get(segment);
  if (b === undefined) throw new InputError(`unknown segment '${segment}'; expected one of ${[...topo.bridges.keys()].join(', ')}`, { file: '<topology>' });
  return b;
}

/** Ports of the given segment (all segments when undefined). */
export function portsOf(topo: Topology, segment?: string): readonly PortHandle[] {
  return segment === undefined ? topo.ports : topo.ports.filter((p) => p.segment === segment);
}

async function namespacePids(ns: string): Promise<number[]> {
  try {
    const { stdout } = await run('ip', ['netns', 'pids', ns]);
    return stdout.split(/\s+/).filter(Boolean).map(Number).filter(Number.isInteger);
  } catch {
    return [];
  }
}

function killQuiet(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone: that is what we wanted.
  }
}

/**
 * Kills whatever still runs inside (a process keeps a deleted namespace alive, and with it the
 * veths) and deletes the namespaces by name. Idempotent; never throws.
 */
export async function destroyNamespaces(names: readonly string[]): Promise<void> {
  for (const ns of names) {
    for (const pid of await namespacePids(ns)) killQuiet(pid, 'SIGKILL');
    await run('ip', ['netns', 'del', ns]).catch(() => undefined);
  }
}

export function destroyTopology(topo: Topology): Promise<void> {
  return destroyNamespaces(topo.namespaces);
}

/** The same, synchronously, for signal and exit handlers. */
export function destroyNamespacesSync(names: readonly string[]): void {
  for (const ns of names) {
    for (const pid of runSyncQuiet('ip', ['netns', 'pids', ns]).split(/\s+/).filter(Boolean).map(Number)) {
      if (Number.isInteger(pid)) killQuiet(pid, 'SIGKILL');
    }
    runSyncQuiet('ip', ['netns', 'del', ns]);
  }
}

/**
 * Tears the namespaces down if the process exits or is interrupted before the caller does it
 * itself. Returns the function that removes the handlers again.
 */
export function guardTeardown(names: readonly string[]): () => void {
  const onExit = (): void => destroyNamespacesSync(names);
  const onSignal = (signal: NodeJS.Signals): void => {
    destroyNamespacesSync(names);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
