// What the simulator is given: a fully resolved world (every keepalived already built into a
// core RouterConfig, every script bound to something the simulator can evaluate) and a fault
// timeline. The scenario loader (sim/scenario/) produces this from YAML; tests and the
// property harness build it directly. Plain data only, so a spec can be printed, shrunk and
// replayed.
import type { IpAddress, Ipv4, Ipv6, Micros, RouterConfig } from '../src/vrrp/types.js';

export interface SegmentSpec {
  readonly name: string;
  /** One-way delivery delay of every frame on the segment. */
  readonly latency: Micros;
  /** Uniform extra delay in [0, jitter], drawn from the run's PRNG. */
  readonly jitter: Micros;
  /** Probability in [0, 1] that one frame is lost, drawn from the run's PRNG. */
  readonly loss: number;
  /** IGMP snooping / cloud networks: 224.0.0.18 is not delivered; unicast still flows. */
  readonly multicastBlocked: boolean;
}

export interface InterfaceSpec {
  readonly name: string;
  readonly segment: string;
  /** Absent: the interface exists but has no IPv4 address (it receives no IPv4 unicast). */
  readonly address?: Ipv4;
  readonly prefix: number;
  /** Its global IPv6 address (RFC 5952 text), if any. */
  readonly address6?: Ipv6;
  /** Its IPv6 link-local address (RFC 5952 text): IPv6 adverts leave from it. */
  readonly linkLocal?: Ipv6;
  /** Carrier at start (default true). */
  readonly up?: boolean;
}

/** A process on a node that listens on a TCP port (a router pod's haproxy on :80, say). */
export interface ServiceSpec {
  readonly name: string;
  readonly port: number;
  /** Process names `pidof`/`killall -0` checks match. */
  readonly processNames: readonly string[];
  readonly upAtStart: boolean;
}

/** What running a vrrp_script means in the simulation. */
export type ScriptBinding =
  | { readonly kind: 'const'; readonly ok: boolean }
  /** A local process check (pidof, killall -0, or a script bound to a service by name). */
  | { readonly kind: 'service'; readonly service: string }
  /** A TCP connect to HOST:PORT from the node (`</dev/tcp/HOST/PORT`, curl): reached over the
   * simulated network (or locally when HOST is one of the node's own or held addresses). */
  | { readonly kind: 'tcp'; readonly host: Ipv4; readonly port: number };

export interface NodeSpec {
  readonly name: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly interfaces: readonly InterfaceSpec[];
  /** keepalived's VRRP process; null when the node runs none (an application node). */
  readonly router: RouterConfig | null;
  /** vrrp_script name -> binding; every script in `router.scripts` must have one. */
  readonly scripts: ReadonlyMap<string, ScriptBinding>;
  readonly services: readonly ServiceSpec[];
  /** How long one script run takes before its result is known. */
  readonly scriptRuntime: Micros;
}

/** A client that reaches VIP:port every `interval`, through an ARP cache, as users do. */
export interface ProbeSpec {
  readonly name: string;
  readonly segment: string;
  /** IPv4, or IPv6 for a client of an IPv6 VIP (it then resolves through neighbour discovery). */
  readonly address: IpAddress;
  readonly target: IpAddress;
  readonly port: number;
  readonly interval: Micros;
  readonly timeout: Micros;
}

/** IPv4 clients' ARP behaviour (Linux neighbour defaults, simplified; see sim/README or docs). */
export interface ArpSpec {
  /** How long a resolved entry is trusted without confirmation (base_reachable_time). */
  readonly reachableTime: Micros;
  /** After a failed connection to a stale entry, the delay before re-resolving. */
  readonly delayFirstProbe: Micros;
}

/**
 * IPv6 clients' neighbour cache (RFC 4861 §10 constants as Linux names them; sim/ndisc.ts).
 * Linux's defaults are LINUX_NEIGHBOUR_DEFAULTS there.
 */
export interface NeighbourSpec {
  /** base_reachable_time: ReachableTime is drawn uniformly in [0.5, 1.5) × this. */
  readonly baseReachableTime: Micros;
  /** delay_first_probe_time: DELAY lasts this long before the first unicast NS. */
  readonly delayFirstProbe: Micros;
  /** retrans_time: between unicast NSes in PROBE. */
  readonly retransTimer: Micros;
  /** ucast_solicit: unicast NSes before the entry FAILS. */
  readonly ucastSolicit: number;
}

/** Names of the faults, as scenario timelines spell them. */
export type Fault =
  | { readonly kind: 'crash'; readonly node: string }
  | { readonly kind: 'stop'; readonly node: string }
  | { readonly kind: 'start'; readonly node: string }
  | { readonly kind: 'restart'; readonly node: string }
  | { readonly kind: 'freeze'; readonly node: string }
  | { readonly kind: 'thaw'; readonly node: string }
  | { readonly kind: 'link-down'; readonly node: string; readonly iface?: string }
  | { readonly kind: 'link-up'; readonly node: string; readonly iface?: string }
  | { readonly kind: 'service-down'; readonly node: string; readonly service?: string; readonly port?: number }
  | { readonly kind: 'service-up'; readonly node: string; readonly service?: string; readonly port?: number }
  /** Nodes (and probes, by name) in different groups cannot reach each other; unnamed ones reach all. */
  | { readonly kind: 'partition'; readonly segment?: string; readonly groups: readonly (readonly string[])[] }
  /** One-way: frames from `from` to `to` are dropped, the other direction flows. */
  | { readonly kind: 'partition-oneway'; readonly segment?: string; readonly from: readonly string[]; readonly to: readonly string[] }
  | { readonly kind: 'heal'; readonly segment?: string }
  | { readonly kind: 'block-multicast'; readonly segment?: string }
  | { readonly kind: 'unblock-multicast'; readonly segment?: string }
  | { readonly kind: 'loss'; readonly segment?: string; readonly rate: number }
  | { readonly kind: 'latency'; readonly segment?: string; readonly latency: Micros; readonly jitter?: Micros }
  | { readonly kind: 'set-priority'; readonly node: string; readonly instance: string; readonly priority: number };

export type FaultKind = Fault['kind'];

export interface TimelineEvent {
  readonly at: Micros;
  readonly fault: Fault;
}

export interface SimSpec {
  readonly seed: number;
  /** Virtual time at which the run ends. */
  readonly until: Micros;
  readonly segments: readonly SegmentSpec[];
  readonly nodes: readonly NodeSpec[];
  readonly probes: readonly ProbeSpec[];
  readonly arp: ArpSpec;
  /** IPv6 clients' neighbour discovery; absent: Linux's defaults. */
  readonly neighbour?: NeighbourSpec;
  readonly timeline: readonly TimelineEvent[];
  /** Record every advert/GARP in the trace (large); off by default. */
  readonly traceAdverts: boolean;
  /**
   * Let a steadily succeeding client skip its ticks until something it reads changes (default
   * true). The result is the same either way; false exists so a test can prove that.
   */
  readonly fastForwardClients?: boolean;
  /**
   * Skip whole periods of a steady world (sim/fast-forward.ts; default true). Exact: the
   * result is the same either way; false exists so tests and bench/identity.ts can prove it.
   */
  readonly fastForward?: boolean;
}
