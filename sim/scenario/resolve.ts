// A validated scenario resolved into a SimSpec: segments, nodes (their keepalived built by the
// adapter), probes, then the timeline and expectations against them. Every error is an
// InputError at file:line:col; nothing is half-built.
import { dirname } from 'node:path';
import { InputError } from '../../src/cli/errors.js';
import type { Ipv4, Ipv6, Micros, RouterConfig } from '../../src/vrrp/types.js';
import { formatIpv6, ipv6Bytes } from '../../src/vrrp/ipv6.js';
import { canonicalAddress } from '../../src/model/addresses.js';
import type { NodeModel, Warning } from '../../src/model/types.js';
import type { SourceMap } from '../../src/model/build-context.js';
import { buildRouterConfig } from '../../src/model/build.js';
import type { InterfaceSpec, NeighbourSpec, NodeSpec, ProbeSpec, ScriptBinding, SegmentSpec, ServiceSpec, SimSpec, TimelineEvent } from '../spec.js';
import { formatDuration } from './duration.js';
import type { ScenarioFile } from './schema.js';
import { posOf, type YamlPath, type YamlSource } from './positions.js';
import { expandIpfailover } from './ipfailover.js';
import type { KeepalivedSource, LoadedScenario, LoadOptions } from './load.js';
import { bindScripts, emptyConf, nodeKeepalived } from './node-keepalived.js';
import { fsGlob } from '../../src/keepalived/fs.js';
import { toFault } from './build-faults.js';
import { toExpectation } from './build-expectations.js';
import { dur, ratio } from './values.js';

export function resolveScenario(src: YamlSource, sc: ScenarioFile, read: (p: string) => string, opts: LoadOptions): LoadedScenario {
  const warnings: Warning[] = [];
  const err = (msg: string, path: YamlPath, key = false): InputError => new InputError(msg, posOf(src, path, key));

  const segNames = new Set<string>();
  const segments: SegmentSpec[] = sc.segments.map((s, i) => {
    if (segNames.has(s.name)) throw err(`segment '${s.name}' is defined twice`, ['segments', i, 'name']);
    segNames.add(s.name);
    return { name: s.name, latency: dur(s.latency), jitter: dur(s.jitter), loss: ratio(s.loss, (m) => err(m, ['segments', i, 'loss'])), multicastBlocked: s.multicast === 'blocked' };
  });
  const firstSeg = segments[0]?.name ?? 'lan';
  const segRef = (name: string | undefined, path: YamlPath): string => {
    const n = name ?? firstSeg;
    if (!segNames.has(n)) throw err(`unknown segment '${n}', expected one of ${[...segNames].join(', ')}`, path);
    return n;
  };

  const dir = dirname(src.file);
  const ipf = sc.ipfailover === undefined ? null : expandIpfailover(src, sc, warnings);
  const nodeNames = new Set<string>();
  const nodes: NodeSpec[] = [];
  const models: NodeModel[] = [];
  const usedAddrs = new Set<string>();
  const positions = new Map<string, SourceMap>();
  /** Nodes whose keepalived VRRP process exits at start: simulated as running no VRRP. */
  const vrrpExited = new Set<string>();
  const sources = new Map<string, KeepalivedSource>();
  sc.nodes.forEach((n, i) => {
    const p: YamlPath = ['nodes', i];
    if (nodeNames.has(n.name)) throw err(`node '${n.name}' is defined twice`, [...p, 'name']);
    nodeNames.add(n.name);
    let ifaces: InterfaceSpec[];
    if (n.interfaces !== undefined) {
      if (n.address !== undefined) throw err(`node '${n.name}': give either address or interfaces, not both`, [...p, 'interfaces'], true);
      ifaces = n.interfaces.map((f, j) => ({
        name: f.name, segment: segRef(f.segment, [...p, 'interfaces', j, 'segment']), prefix: f.prefix,
        ...(f.address !== undefined ? { address: f.address } : {}), ...ipv6Of(f), ...(f.up ? {} : { up: false }),
      }));
      n.interfaces.forEach((f, j) => {
        if (n.interfaces?.findIndex((g) => g.name === f.name) !== j) throw err(`node '${n.name}': interface '${f.name}' is listed twice`, [...p, 'interfaces', j, 'name']);
      });
      if (!ifaces.some((f) => f.address !== undefined || f.address6 !== undefined)) throw err(`node '${n.name}': no interface has an address, expected at least one interfaces[].address or interfaces[].address6`, [...p, 'interfaces']);
    } else if (n.address !== undefined || n.address6 !== undefined) {
      ifaces = [{ name: n.interface, segment: segRef(n.segment, [...p, 'segment']), ...(n.address !== undefined ? { address: n.address } : {}), prefix: n.prefix, ...ipv6Of(n) }];
    } else {
      throw err(`node '${n.name}': missing address, expected address: A.B.C.D, address6: 2001:db8::N or interfaces: [...]`, p);
    }
    for (const f of ifaces) {
      for (const a of [f.address, f.address6, f.linkLocal]) {
        if (a === undefined) continue;
        if (usedAddrs.has(a)) throw err(`address ${a} is used twice`, p);
        usedAddrs.add(a);
      }
    }
    const services: ServiceSpec[] = n.services.map((s) => ({
      name: s.name,
      port: s.port,
      processNames: s.process === undefined ? [s.name] : typeof s.process === 'string' ? [s.process] : s.process,
      upAtStart: s.up,
    }));
    const conf = nodeKeepalived(src, i, n.keepalived, ipf?.configs.get(n.name) ?? null, dir, read, warnings, opts.glob ?? (opts.readFile === undefined ? fsGlob : undefined));
    const model: NodeModel = {
      name: n.name,
      interfaces: ifaces.map((f) => ({
        name: f.name, prefix: f.prefix, ...(f.address !== undefined ? { address: f.address } : {}),
        ...(f.address6 !== undefined ? { address6: f.address6 } : {}), ...(f.linkLocal !== undefined ? { linkLocal: f.linkLocal } : {}),
      })),
      keepalived: conf?.config ?? emptyConf(),
      shell: n.shell,
    };
    const ownAddress = ifaces.find((f) => f.address !== undefined)?.address ?? ifaces.find((f) => f.address6 !== undefined)?.address6 ?? '0.0.0.0';
    let router: RouterConfig | null = null;
    let scripts: ReadonlyMap<string, ScriptBinding> = new Map();
    if (conf !== null) {
      positions.set(n.name, conf.positions);
      sources.set(n.name, conf.source);
      const built = buildRouterConfig(model, conf.positions);
      for (const w of built.warnings) warnings.push(w.pos === undefined ? { ...w, message: `${n.name}: ${w.message}`, pos: posOf(src, [...p, 'keepalived']) } : w);
      if (built.vrrpExits) {
        vrrpExited.add(n.name);
      } else {
        const bound = bindScripts(src, p, n, built.config, ownAddress, services, warnings);
        router = bound.router;
        scripts = bound.scripts;
      }
    }
    models.push(model);
    nodes.push({ name: n.name, labels: new Map(Object.entries(n.labels)), interfaces: ifaces, router, scripts, services, scriptRuntime: dur(n.scriptRuntime) });
  });

  const probeNames = new Set<string>();
  const probes: ProbeSpec[] = sc.probes.map((pr, i) => {
    const p: YamlPath = ['probes', i];
    if (probeNames.has(pr.name) || nodeNames.has(pr.name)) throw err(`probe name '${pr.name}' is already used by a ${probeNames.has(pr.name) ? 'probe' : 'node'}`, [...p, 'name']);
    probeNames.add(pr.name);
    const segment = segRef(pr.segment, [...p, 'segment']);
    const target = canonical(pr.target);
    const v6 = target.includes(':');
    const given = pr.address === undefined ? undefined : canonical(pr.address);
    if (given !== undefined && given.includes(':') !== v6) throw err(`probe '${pr.name}': address ${given} and target ${target} are of different families, expected an IPv${v6 ? 6 : 4} address`, [...p, 'address']);
    const address = given ?? (v6 ? pickClientAddress6 : pickClientAddress)(nodes, segment, usedAddrs);
    if (address === null) throw err(`probe '${pr.name}': no free client address in segment '${segment}', expected address: ${v6 ? '2001:db8::N' : 'A.B.C.D'}`, p);
    usedAddrs.add(address);
    return { name: pr.name, segment, address, target, port: pr.port, interval: dur(pr.every), timeout: dur(pr.timeout) };
  });

  const duration = opts.until ?? dur(sc.duration);
  const timeline: TimelineEvent[] = sc.timeline
    .map((e, i) => ({ at: dur((e as { at: string | number }).at), fault: toFault(e as Record<string, unknown>, ['timeline', i], nodes, probeNames, segRef, err, vrrpExited), i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ at, fault }) => ({ at, fault }));
  const endName = opts.until !== undefined ? `--until ${formatDuration(duration)}` : `duration ${formatDuration(duration)}`;
  checkTimeline(src, sc, duration, endName, nodes, warnings);
  sc.probes.forEach((pr, i) => {
    if (pr.target.includes(':')) {
      warnings.push({ severity: 'warning', message: `vrrplab: probe '${pr.name}' draws its neighbour ReachableTime once per run, where Linux draws it again every 300 s (neighbour.c neigh_periodic_work()), and resolves its target by one multicast solicitation, where Linux sends up to mcast_solicit (3) of them retrans_time (1 s) apart before giving up (neigh_timer_handler()): neither is modelled`, pos: posOf(src, ['probes', i, 'target']) });
    }
    if (!nodes.some((n) => n.router?.instances.some((x) => x.vips.includes(canonical(pr.target)) || x.excludedVips.includes(canonical(pr.target))))) {
      warnings.push({ severity: 'warning', message: `probe '${pr.name}' targets ${pr.target}, which no vrrp_instance has as a virtual address; expected one of the VIPs`, pos: posOf(src, ['probes', i, 'target']) });
    }
  });

  const expectations = sc.expect.map((e, i) => toExpectation(e as Record<string, unknown>, ['expect', i], src, nodes, models, probeNames, err, { at: duration, name: endName }));

  const spec: SimSpec = {
    seed: opts.seed ?? sc.seed,
    until: duration,
    segments,
    nodes,
    probes,
    arp: { reachableTime: dur(sc.arp.reachableTime), delayFirstProbe: dur(sc.arp.delayFirstProbe) },
    ...(probes.some((p) => p.target.includes(':')) ? { neighbour: neighbourOf(sc) } : {}),
    timeline,
    traceAdverts: false,
  };
  return {
    file: src.file,
    name: sc.name,
    description: sc.description ?? null,
    spec,
    expectations,
    warnings,
    nodes: models,
    ipfailover: ipf?.parsed ?? [],
    ipfailoverNodes: ipf === null ? [] : [...ipf.configs.keys()],
    ipfailoverHosts: ipf?.hosts ?? new Map(),
    positions,
    sources,
  };
}

/**
 * A timeline is a story: an event after the end never happens (an error, like any statement
 * about a time the run does not reach), and one out of order or a `start` of a node that is
 * running is almost always a typo, so it is said where it stands.
 */
function checkTimeline(src: YamlSource, sc: ScenarioFile, end: Micros, endName: string, nodes: readonly NodeSpec[], warnings: Warning[]): void {
  let prev = 0;
  const events = sc.timeline.map((e, i) => ({ i, at: dur((e as { at: string | number }).at), e: e as Record<string, unknown> }));
  for (const { i, at } of events) {
    if (at > end) throw new InputError(`timeline[${i}] at ${formatDuration(at)} is after the end of the run (${endName}), expected a time up to ${formatDuration(end)}`, posOf(src, ['timeline', i, 'at']));
    if (at < prev) warnings.push({ severity: 'warning', message: `timeline[${i}] at ${formatDuration(at)} comes after an event at ${formatDuration(prev)}; the run applies events in time order`, pos: posOf(src, ['timeline', i, 'at']) });
    prev = Math.max(prev, at);
  }
  // Whether each node's keepalived runs, in the order the run applies the events.
  const running = new Map(nodes.map((n) => [n.name, true]));
  for (const { i, at, e } of [...events].sort((a, b) => a.at - b.at || a.i - b.i)) {
    const [kind] = Object.keys(e).filter((k) => k !== 'at');
    const node = e[kind ?? ''];
    if (typeof node !== 'string') continue;
    if (kind === 'crash' || kind === 'stop') running.set(node, false);
    else if (kind === 'restart') running.set(node, true);
    else if (kind === 'start') {
      if (running.get(node) === true) warnings.push({ severity: 'warning', message: `timeline[${i}]: start ${node} at ${formatDuration(at)}, but ${node} is running then and the start does nothing; expected a crash or stop before it`, pos: posOf(src, ['timeline', i, 'start']) });
      running.set(node, true);
    }
  }
}

function neighbourOf(sc: ScenarioFile): NeighbourSpec {
  const n = sc.neighbour;
  return { baseReachableTime: dur(n.baseReachableTime), delayFirstProbe: dur(n.delayFirstProbe), retransTimer: dur(n.retransTimer), ucastSolicit: n.ucastSolicit };
}

/** A free IPv6 address for a client in the /64 of the segment's first IPv6 address, counting down from ::fa (250). */
function pickClientAddress6(nodes: readonly NodeSpec[], segment: string, used: ReadonlySet<string>): Ipv6 | null {
  const f = nodes.flatMap((n) => n.interfaces).find((x) => x.segment === segment && x.address6 !== undefined);
  const b = f?.address6 === undefined ? undefined : ipv6Bytes(f.address6);
  if (b === undefined) return null;
  for (let h = 250; h > 1; h--) {
    const c = Uint8Array.from(b);
    c.fill(0, 8);
    c[14] = h >> 8;
    c[15] = h & 255;
    const a = formatIpv6(c, 0);
    if (!used.has(a)) return a;
  }
  return null;
}

/** An address in the form the core and the simulator compare (RFC 5952 for IPv6). */
function canonical(a: string): string {
  return canonicalAddress(a) ?? a;
}

/**
 * An interface's IPv6 addresses: address6 as given, and its link-local one as given or derived:
 * fe80::/64 with the interface identifier (the last 64 bits) of address6, else of the IPv4
 * address, so that every interface has one, as every Linux interface with IPv6 on does.
 */
function ipv6Of(f: { readonly address?: string | undefined; readonly address6?: string | undefined; readonly linkLocal?: string | undefined }): { address6?: Ipv6; linkLocal?: Ipv6 } {
  const address6 = f.address6 === undefined ? undefined : canonical(f.address6);
  let linkLocal = f.linkLocal === undefined ? undefined : canonical(f.linkLocal);
  if (linkLocal === undefined) {
    const iid = new Uint8Array(16);
    iid[0] = 0xfe;
    iid[1] = 0x80;
    const from = address6 === undefined ? undefined : ipv6Bytes(address6);
    if (from !== undefined) {
      iid.set(from.subarray(8), 8);
      linkLocal = formatIpv6(iid, 0);
    } else if (f.address !== undefined) linkLocal = linkLocalOfIpv4(f.address);
  }
  return { ...(address6 !== undefined ? { address6 } : {}), ...(linkLocal !== undefined ? { linkLocal } : {}) };
}

/**
 * fe80::/64 with an IPv4 address as the last 32 bits, in RFC 5952 text as formatIpv6 writes it
 * (fe80::c000:201 for 192.0.2.1). Written out because every IPv4 scenario derives one per
 * interface, and the general formatter loads ip-num, whose start-up (CIDR tables, large regular
 * expressions) was ~5 ms of a cold `vrrplab run` that has no IPv6 address at all.
 */
export function linkLocalOfIpv4(address: Ipv4): Ipv6 {
  const [a = 0, b = 0, c = 0, d = 0] = address.split('.').map(Number);
  const hi = (a << 8) | b;
  const lo = (c << 8) | d;
  // The zero run fe80:0:0:0:0:0 always is the longest, so it is the one written as ::.
  return hi !== 0 ? `fe80::${hi.toString(16)}:${lo.toString(16)}` : lo !== 0 ? `fe80::${lo.toString(16)}` : 'fe80::';
}

/** A free address for a client in the segment's subnet, counting down from .250. */
function pickClientAddress(nodes: readonly NodeSpec[], segment: string, used: ReadonlySet<string>): Ipv4 | null {
  const f = nodes.flatMap((n) => n.interfaces).find((x) => x.segment === segment && x.address !== undefined);
  if (f?.address === undefined) return null;
  const net = f.address.split('.').slice(0, 3).join('.');
  for (let h = 250; h > 1; h--) {
    const a = `${net}.${h}`;
    if (!used.has(a)) return a;
  }
  return null;
}
