// Network faults applied for real in the switch namespace: carrier loss (bridge port down),
// filtered forwarding (nftables bridge family, one base chain per segment and purpose so a heal
// removes exactly what a partition added), and netem for loss/delay. Every frame crosses exactly
// one bridge-port egress on its way to a node, so netem there is "per delivery", as the
// simulator models it.
import { InputError } from '../cli/errors.js';
import { run, type ExecResult } from './exec.js';
import { newRunPrefix } from './names.js';
import { nodeOf, portsOf, type PortHandle, type Topology } from './topology.js';

const TABLE = 'vrrplab';

/** Through the topology's executor when it has one (prompt under load), else directly. */
function inSwitch(topo: Topology, cmd: string, args: readonly string[]): Promise<ExecResult> {
  return (topo.exec ?? run)('ip', ['netns', 'exec', topo.switchNs, cmd, ...args]);
}

async function nft(topo: Topology, args: readonly string[]): Promise<void> {
  await inSwitch(topo, 'nft', args);
}

async function ensureChain(topo: Topology, chain: string, priority: number): Promise<void> {
  await nft(topo, ['add', 'table', 'bridge', TABLE]);
  await nft(topo, ['add', 'chain', 'bridge', TABLE, chain, `{ type filter hook forward priority ${priority} ; policy accept ; }`]);
}

function partitionChain(topo: Topology, segment: string): string {
  return `part_${topo.bridges.get(segment) ?? segment}`;
}

function mcastChain(topo: Topology, segment: string): string {
  return `mcast_${topo.bridges.get(segment) ?? segment}`;
}

function segmentsOf(topo: Topology, segment: string | undefined): readonly string[] {
  if (segment === undefined) return [...topo.bridges.keys()];
  if (!topo.bridges.has(segment)) throw new InputError(`unknown segment '${segment}'; expected one of ${[...topo.bridges.keys()].join(', ')}`, { file: '<timeline>' });
  return [segment];
}

/** Ports of one node: all its interfaces, or the one named. */
export function nodePorts(topo: Topology, node: string, iface?: string): readonly PortHandle[] {
  nodeOf(topo, node);
  const ps = topo.ports.filter((p) => p.node === node && (iface === undefined || p.iface === iface));
  if (ps.length === 0) throw new InputError(`node '${node}' has no interface '${iface ?? ''}'`, { file: '<timeline>' });
  return ps;
}

/** Carrier loss/return as the node sees it: the switch-side end goes down/up. */
export async function setLink(topo: Topology, node: string, up: boolean, iface?: string): Promise<void> {
  for (const p of nodePorts(topo, node, iface)) await (topo.exec ?? run)('ip', ['-n', topo.switchNs, 'link', 'set', p.port, up ? 'up' : 'down']);
}

async function dropBetween(topo: Topology, chain: string, from: readonly PortHandle[], to: readonly PortHandle[]): Promise<void> {
  for (const a of from) {
    for (const b of to) {
      if (a.port !== b.port) await nft(topo, ['add', 'rule', 'bridge', TABLE, chain, 'iifname', a.port, 'oifname', b.port, 'drop']);
    }
  }
}

/**
 * Nodes in different groups stop hearing each other (every frame between their ports is dropped,
 * so IPv4 and IPv6, multicast and unicast alike); nodes named in no group still reach all.
 * Replaces any earlier partition of the segment. Names that are not nodes (probes) are ignored:
 * probes are not realised by this harness.
 */
export async function partition(topo: Topology, groups: readonly (readonly string[])[], segment?: string): Promise<void> {
  for (const seg of segmentsOf(topo, segment)) {
    const chain = partitionChain(topo, seg);
    await heal(topo, seg);
    await ensureChain(topo, chain, 0);
    const ports = portsOf(topo, seg);
    const groupPorts = groups.map((g) => ports.filter((p) => g.includes(p.node)));
    for (let i = 0; i < groupPorts.length; i++) {
      for (let j = 0; j < groupPorts.length; j++) {
        if (i !== j) await dropBetween(topo, chain, groupPorts[i] ?? [], groupPorts[j] ?? []);
      }
    }
  }
}

/** Frames from `from` to `to` are dropped; the other direction still flows. Adds to a partition. */
export async function partitionOneWay(topo: Topology, from: readonly string[], to: readonly string[], segment?: string): Promise<void> {
  for (const seg of segmentsOf(topo, segment)) {
    const chain = partitionChain(topo, seg);
    await ensureChain(topo, chain, 0);
    const ports = portsOf(topo, seg);
    await dropBetween(topo, chain, ports.filter((p) => from.includes(p.node)), ports.filter((p) => to.includes(p.node)));
  }
}

export async function heal(topo: Topology, segment?: string): Promise<void> {
  for (const seg of segmentsOf(topo, segment)) {
    await nft(topo, ['delete', 'chain', 'bridge', TABLE, partitionChain(topo, seg)]).catch(() => undefined);
  }
}

/**
 * IGMP/MLD snooping / cloud networks: VRRP's groups 224.0.0.18 and ff02::12 (RFC 5798 §5.1.1.2,
 * §5.1.2.2) are not forwarded, unicast of either family still is.
 */
export async function setMulticastBlocked(topo: Topology, blocked: boolean, segment?: string): Promise<void> {
  for (const seg of segmentsOf(topo, segment)) {
    const chain = mcastChain(topo, seg);
    await nft(topo, ['delete', 'chain', 'bridge', TABLE, chain]).catch(() => undefined);
    if (!blocked) continue;
    await ensureChain(topo, chain, -1);
    for (const p of portsOf(topo, seg)) {
      await nft(topo, ['add', 'rule', 'bridge', TABLE, chain, 'iifname', p.port, 'ip', 'daddr', '224.0.0.18', 'drop']);
      await nft(topo, ['add', 'rule', 'bridge', TABLE, chain, 'iifname', p.port, 'ip6', 'daddr', 'ff02::12', 'drop']);
    }
  }
}

export interface NetemSettings {
  /** µs */
  readonly latency: number;
  /** µs */
  readonly jitter: number;
  /** 0..1 */
  readonly loss: number;
}

/** How the settings were realised: netem does all; without sch_netem only loss can be. */
export type NetemOutcome = 'netem' | 'nftables-loss-only';

function lossChain(topo: Topology, segment: string): string {
  return `loss_${topo.bridges.get(segment) ?? segment}`;
}

async function netemAvailable(topo: Topology, port: string): Promise<boolean> {
  try {
    await inSwitch(topo, 'tc', ['qdisc', 'replace', 'dev', port, 'root', 'netem', 'delay', '0us']);
    return true;
  } catch (e) {
    if (e instanceof Error && /qdisc kind is unknown|No such file/i.test(e.message)) return false;
    throw e;
  }
}

/**
 * Per-delivery delay/jitter/loss on the segment's bridge ports. Containers often lack the
 * sch_netem module; then loss is realised as a random per-frame drop in nftables and delay is
 * not realised at all (the caller is told and can widen its tolerance by it).
 */
export async function setNetem(topo: Topology, settings: NetemSettings, segment?: string): Promise<NetemOutcome> {
  if (settings.loss < 0 || settings.loss > 1) throw new InputError(`loss rate ${settings.loss} is invalid; expected a number in [0, 1]`, { file: '<timeline>' });
  let outcome: NetemOutcome = 'netem';
  for (const seg of segmentsOf(topo, segment)) {
    const ports = portsOf(topo, seg);
    const first = ports[0];
    if (first === undefined) continue;
    const clear = settings.latency === 0 && settings.jitter === 0 && settings.loss === 0;
    if (await netemAvailable(topo, first.port)) {
      for (const p of ports) {
        if (clear) {
          await inSwitch(topo, 'tc', ['qdisc', 'del', 'dev', p.port, 'root']).catch(() => undefined);
          continue;
        }
        const args = ['qdisc', 'replace', 'dev', p.port, 'root', 'netem', 'delay', `${Math.round(settings.latency)}us`];
        if (settings.jitter > 0) args.push(`${Math.round(settings.jitter)}us`);
        if (settings.loss > 0) args.push('loss', `${(settings.loss * 100).toFixed(4)}%`);
        await inSwitch(topo, 'tc', args);
      }
      continue;
    }
    outcome = 'nftables-loss-only';
    const chain = lossChain(topo, seg);
    await nft(topo, ['delete', 'chain', 'bridge', TABLE, chain]).catch(() => undefined);
    if (settings.loss === 0) continue;
    await ensureChain(topo, chain, 1);
    const perMillion = Math.round(settings.loss * 1_000_000);
    // numgen's values are 0..999999, so `< 1000000` is out of range for nft: total loss drops all.
    const random = perMillion >= 1_000_000 ? [] : ['numgen', 'random', 'mod', '1000000', '<', String(perMillion)];
    for (const p of ports) {
      await nft(topo, ['add', 'rule', 'bridge', TABLE, chain, 'oifname', p.port, ...random, 'drop']);
    }
  }
  return outcome;
}

/**
 * Can this kernel delay frames (sch_netem)? Tried on a veth in a throw-away namespace, torn down
 * by name afterwards: tests name and assert the latency case by the answer instead of letting a
 * delay that was never applied pass as agreement.
 */
export async function netemSupported(): Promise<boolean> {
  const ns = `${newRunPrefix()}-nq`;
  try {
    await run('ip', ['netns', 'add', ns]);
    await run('ip', ['-n', ns, 'link', 'add', 'nq0', 'type', 'veth', 'peer', 'name', 'nq1']);
    await run('ip', ['netns', 'exec', ns, 'tc', 'qdisc', 'add', 'dev', 'nq0', 'root', 'netem', 'delay', '1ms']);
    return true;
  } catch (e) {
    if (e instanceof Error && /qdisc kind is unknown|No such file|not supported/i.test(e.message)) return false;
    throw e;
  } finally {
    await run('ip', ['netns', 'del', ns]).catch(() => undefined);
  }
}
