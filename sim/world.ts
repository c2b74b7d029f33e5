// The state of one simulated run as plain data: hosts, segments, clients, the event queue, the
// PRNG and the trace so far. Engine, network, host and client code all operate on a World;
// there is no state anywhere else.
import type { Effect, Input, IpAddress, Ipv4, Ipv6, Micros, ReceivedAdvert, RouterConfig, TimerKey, VmacConfig, VrrpState } from '../src/vrrp/types.js';
import type { Batch } from './batch.js';
import type { FastForwardState } from './fast-forward-state.js';
import type { PrngState } from './prng.js';
import type { EventQueue } from './queue.js';
import { push, pushWithSeq } from './queue.js';
import type { Fault, NodeSpec, ProbeSpec, SimSpec, TimelineEvent } from './spec.js';
import type { TraceEvent } from './trace.js';
import type { TraceLog } from './trace-log.js';

/** The pure VRRP core, as the engine uses it (src/vrrp/router.ts; a fake in engine-only tests). */
export interface VrrpCore<R> {
  readonly createRouter: (config: RouterConfig) => R;
  readonly step: (router: R, input: Input, now: Micros) => { readonly router: R; readonly effects: readonly Effect[] };
  /**
   * A core may offer steps on a state the host owns (src/vrrp/owned.ts): the host then steps
   * `ownedCopy(router)` after anything else may have kept its router (World.coreShared), and
   * stepOwned otherwise. Both or neither.
   */
  readonly owned?: {
    readonly stepOwned: (router: R, input: Input, now: Micros) => { readonly router: R; readonly effects: readonly Effect[] };
    readonly ownedCopy: (router: R) => R;
  };
}

export interface DeliverEvent {
  readonly kind: 'deliver';
  readonly node: string;
  /** The receiving node's World.hostById number: the engine finds it without a lookup by name. */
  readonly host: number;
  readonly from: string;
  readonly packet: ReceivedAdvert;
  /** The core's input for it; one per send and interface name, shared by those receivers (host.ts). */
  readonly input: AdvertInput;
}

export type AdvertInput = Extract<Input, { type: 'advert' }>;

/**
 * A host timer due. `host` (its World.hostById number) and `slot` (the key's TimerSlot, which
 * lives as long as the host) let the engine check it without a lookup by name: most timer
 * entries that pop are a backup's stand-ins, re-queued and never fired (TimerSlot.queuedAt).
 */
export interface TimerEvent {
  readonly kind: 'timer';
  readonly node: string;
  readonly host: number;
  readonly key: TimerKey;
  readonly keyId: string;
  readonly slot: TimerSlot;
  readonly incarnation: number;
}

/**
 * Deliveries of one send arriving at one instant, queued as one entry: the k deliveries hold
 * seqs seq..seq+k-1 (reserved together, so no other entry has one between) and the engine
 * expands them into the instant's batch when the entry pops, as (entry, receiver index)
 * pairs: no event object per receiver. Receivers are World.ownerIds numbers (World.hostById),
 * so neither the delivery nor the same-instant check looks a host up by name.
 */
export interface MulticastEvent {
  readonly kind: 'multicast';
  /** The sender's node name and owner number. */
  readonly from: string;
  readonly fromId: number;
  /** Receiving nodes' owner numbers, in the order their seqs run. */
  readonly rx: readonly number[];
  /** The core's input for each receiver; one per interface name, shared (host.ts). */
  readonly inputs: readonly AdvertInput[];
}

/** A client's own tick and its connection's result: the events kept in World.clients. */
export type ClientEvent =
  | { readonly kind: 'probeTick'; readonly probe: string; readonly gen: number }
  | { readonly kind: 'probeResult'; readonly probe: string; readonly ok: boolean; readonly via: string | null; readonly reason: string; readonly stale: boolean; readonly attempt: number; readonly started: Micros };

export type SimEvent =
  | { readonly kind: 'fault'; readonly fault: Fault }
  /** keepalived starts on a node at time 0. */
  | { readonly kind: 'boot'; readonly node: string }
  /** A start that waited for the stopping keepalived to exit (see VRRP_SHUTDOWN_TIMER). */
  | { readonly kind: 'start'; readonly node: string }
  | TimerEvent
  | DeliverEvent
  | MulticastEvent
  | { readonly kind: 'script'; readonly node: string; readonly host: number; readonly script: string; readonly ok: boolean; readonly incarnation: number }
  | ClientEvent
  | { readonly kind: 'probeConnect'; readonly probe: string; readonly via: string; readonly started: Micros; readonly attempt: number }
  /** `vmac`: the holder answered from its use_vmac interface, with the virtual MAC. */
  | { readonly kind: 'arpReply'; readonly probe: string; readonly addr: Ipv4; readonly node: string; readonly vmac: string | null }
  | { readonly kind: 'garpArrive'; readonly probe: string; readonly node: string; readonly addrs: readonly Ipv4[]; readonly vmac: string | null }
  /**
   * An IPv6 client's neighbour entry for `addr` went DELAY at `delayAt`: the DELAY timer
   * (sent = 0) or a PROBE retransmission (sent unicast NSes so far) is due (sim/ndisc.ts).
   */
  | { readonly kind: 'ndProbe'; readonly probe: string; readonly addr: Ipv6; readonly delayAt: Micros; readonly sent: number };

export interface SegmentState {
  readonly name: string;
  latency: Micros;
  jitter: Micros;
  loss: number;
  multicastBlocked: boolean;
  /** Endpoint name -> group index; null = no partition. Unnamed endpoints reach everyone. */
  groups: Map<string, number> | null;
  oneway: { readonly from: ReadonlySet<string>; readonly to: ReadonlySet<string> }[];
  /** Node interfaces attached here, in spec order. */
  readonly ports: { readonly node: string; readonly id: number; readonly iface: string; readonly address: Ipv4 | undefined; readonly address6?: Ipv6; readonly linkLocal?: Ipv6 }[];
  readonly probes: string[];
  /**
   * The switch's MAC table for virtual MACs (use_vmac): MAC -> the node whose port sent the last
   * frame from it. Nodes' own MACs never move, so they are not kept.
   */
  readonly macs: Map<string, string>;
}

export interface InstanceView {
  state: VrrpState;
  priority: number;
}

/** One timer key of a host: its arming, its due time and the queue entry standing for it. */
export interface TimerSlot {
  readonly id: string;
  /** The instance or script the key names. */
  readonly name: string;
  key: TimerKey;
  /** Seq of its current arming (the queue entry that may fire carries it); -1: not armed. */
  armed: number;
  /** When it is due, while armed. */
  at: Micros;
  /**
   * The earliest queue entry standing for it (queuedSeq -1: none). Re-arming to a later time
   * (every advert a backup hears) queues nothing: that entry, when it pops, is queued again at
   * the due time with the arming's seq, so the queue's order is the same as if each arming had
   * been queued.
   */
  queuedAt: Micros;
  queuedSeq: number;
}

export interface HostState<R> {
  readonly spec: NodeSpec;
  /** The node's number in World.ownerIds (World.hostById[id] is this host). */
  readonly id: number;
  /** false after `crash`: nothing on the host runs or answers. */
  alive: boolean;
  /** keepalived paused (SIGSTOP): inputs queue in `inbox`, due timers wait in `overdue`. */
  frozen: boolean;
  router: R | null;
  /** World.coreShared when `router` was last made the host's own (ownedCopy); -1: never. */
  ownedAt: number;
  config: RouterConfig | null;
  /** Bumped on every keepalived start so events of an earlier process are ignored. */
  incarnation: number;
  /** When the keepalived stopped last has exited (its shutdown timer ran out); null when none is exiting. */
  exitsAt: Micros | null;
  /** Seq of the queued start that waits for that exit; null when none waits. */
  pendingStart: number | null;
  /**
   * Timer key id -> its one record (TimerSlot), kept for the process's life and updated in
   * place: one Map lookup per re-arm or firing instead of one per table.
   */
  readonly timers: Map<string, TimerSlot>;
  /**
   * The same slots in the order made (the Map's order), for the fast-forward's walks at every
   * checkpoint: an array is cheaper to run through than a Map's iterator.
   */
  readonly slots: TimerSlot[];
  /**
   * Timer slots by kind and name: the core names a key afresh in every setTimer, and a string
   * built per re-arm (timerKeyId) is hashed anew by every Map it meets.
   */
  readonly keyIds: { readonly [K in TimerKey['kind']]: Map<string, TimerSlot> };
  /**
   * `instance` slots by the key's index (TimerKey.index), checked against the name: at 255
   * instances the Map's lookup by name missed the cache on the name's hash and the Map's entry,
   * once per advert a backup hears (BENCHMARKS.md, issue 16: dense layout).
   */
  readonly instanceSlots: (TimerSlot | undefined)[];
  readonly carrier: Map<string, boolean>;
  /** How many interfaces have no carrier: 0 (the usual case) lets a delivery skip the Map. */
  carrierLost: number;
  readonly services: Map<string, boolean>;
  /** VIP -> instance and interface holding it (addresses keepalived added). */
  readonly held: Map<Ipv4, { readonly instance: string; readonly iface: string }>;
  readonly instances: Map<string, InstanceView>;
  readonly inbox: Input[];
  readonly overdue: { readonly at: Micros; readonly seq: number; readonly ev: SimEvent }[];
  /**
   * Clients this host has resolved from its own interface (its neighbour table). Only kept for
   * use_vmac, where the first answer to a client costs an ARP request from the base interface.
   */
  readonly neighbours: Set<string>;
  /** Last traced result per script, so only changes are traced. */
  readonly scriptResults: Map<string, boolean>;
  /**
   * Instance -> VRID when the node's instances cannot touch each other (no sync group, no
   * address in two instances): then its adverts and instance timers for different VRIDs commute.
   * null: any two inputs of the node may interact.
   */
  readonly vridOf: ReadonlyMap<string, number> | null;
  /**
   * Instance -> its use_vmac interface, for the instances that have one (reach.ts vmacOf): every
   * advert sent asks, and a walk of the config's instances by name read one cold config per
   * instance before the sender's (O(instances) per advert). From the config at start; a
   * set-priority, the one change of config, keeps every vmac.
   */
  readonly vmacs: ReadonlyMap<string, VmacConfig>;
  /**
   * Interface name -> the segment it is plugged into (the first interface of the name, as
   * spec.interfaces.find gave): every advert and GARP sent looks its segment up here.
   */
  readonly segmentOf: ReadonlyMap<string, SegmentState>;
}

export interface ArpEntry {
  node: string;
  /** The entry resolved to a virtual MAC (use_vmac): frames go where the switch learnt it. */
  vmac: string | null;
  /** Last time the mapping was confirmed (reply, GARP, or a successful connection). */
  confirmed: Micros;
  /** Set after a failed connection: re-resolve from this time on (IPv4 only). */
  reresolveAt: Micros | null;
  /** IPv6: STALE by an unsolicited NA, whatever `confirmed` says (sim/ndisc.ts). */
  stale?: boolean;
  /** IPv6: when the entry went DELAY (first use while STALE); null/absent: not in DELAY or PROBE. */
  delayAt?: Micros | null;
}

export interface ProbeState {
  readonly spec: ProbeSpec;
  /** The ARP cache (IPv4 target) or the neighbour cache (IPv6 target). */
  readonly arp: Map<IpAddress, ArpEntry>;
  /** IPv6: ReachableTime, drawn at its first need (sim/ndisc.ts reachableTime()). */
  reachableTime?: Micros;
  /** A connection attempt is in flight (ticks while busy are skipped, like a blocking client). */
  busy: boolean;
  attempt: number;
  last: { readonly ok: boolean; readonly via: string | null } | null;
  /** Generation of the one queued tick that counts; bumped on sleep, so older ticks are skipped. */
  tickGen: number;
  /** Seq and time of the tick queued last. */
  tickSeq: number;
  tickAt: Micros;
  /**
   * Steady state skipped: every tick from `nextTick` on would connect through `via` with the
   * same result until something the client reads changes, which wakes it (probe.ts).
   */
  asleep: { readonly nextTick: Micros; readonly seq: number; readonly via: string; readonly latency: Micros } | null;
}

export interface World<R> {
  readonly spec: SimSpec;
  readonly core: VrrpCore<R>;
  now: Micros;
  readonly prng: PrngState;
  readonly queue: EventQueue<SimEvent>;
  /**
   * Clients' own ticks and results, kept apart from `queue` (seqs from its counter) so that
   * those due at an instant with nothing else run without entering it; ones that share an
   * instant with anything in `queue` join it before the instant starts (engine.ts runUntil);
   * a fast-forward reads and moves both (fast-forward.ts). Most of a history's events are these.
   */
  readonly clients: EventQueue<SimEvent>;
  readonly segments: Map<string, SegmentState>;
  readonly hosts: Map<string, HostState<R>>;
  readonly probes: Map<string, ProbeState>;
  /** An array, or a log that streams to a sink (trace-log.ts). */
  readonly trace: TraceLog;
  stats: { events: number; advertDeliveries: number };
  /**
   * The core runs on the world's clock minus this (host.ts): a fast-forward jump raises it, so
   * the core's state, holding absolute times, stays valid as it is (fast-forward.ts).
   */
  coreOffset: Micros;
  /**
   * Bumped whenever something else than its host may keep the hosts' routers (a fast-forward
   * snapshot; the caller of a paused Sim, at each runUntil or applyFault): a host whose HostState.ownedAt differs steps an ownedCopy() first
   * (VrrpCore.owned). Fast-forward's comparisons cache objects too, but only objects shared with
   * a snapshot (fast-forward-core.ts movedBy, a === b), which the hosts have copied since or
   * will copy before writing: they need no bump of their own.
   */
  coreShared: number;
  /** The spec's timeline in time order; only the fault at `timelineNext` is queued (engine.ts queueNextFault). */
  readonly timeline: readonly TimelineEvent[];
  timelineNext: number;
  readonly ff: FastForwardState<R>;
  /** Owner name -> number, for the engine's same-instant contention check (engine.ts). */
  readonly ownerIds: ReadonlyMap<string, number>;
  /** Owner number -> the node's host (undefined for a client's number). */
  readonly hostById: readonly (HostState<R> | undefined)[];
  /** The instant's batch, reused (batch.ts). */
  readonly batch: Batch;
}

/**
 * Whether an event is a timer's, read through one function wherever the fast-forward tests a
 * queue entry's kind. V8 keeps a property load's feedback per source position, shared by every
 * caller of an inlined function: the engine's loop (runUntil) meets every kind of event within
 * the first history, so this load is generic from then on. Written out in the fast-forward's
 * walks, which meet mostly timers and client ticks at checkpoints, the load was specialised to
 * those, and the walks were deoptimised whenever a client's attempt or an ARP reply happened to
 * be pending at one (w19pair, BENCHMARKS.md).
 */
export function isTimer(ev: SimEvent): ev is TimerEvent {
  return ev.kind === 'timer';
}

/** Everything scheduled while running is class 1; class 0 entries are queued only at creation. */
export function schedule<R>(w: World<R>, at: Micros, ev: SimEvent): number {
  return push(w.queue, at < w.now ? w.now : at, 1, ev);
}

/** The same, re-using a seq handed out earlier (see pushWithSeq). */
export function scheduleWithSeq<R>(w: World<R>, at: Micros, seq: number, ev: SimEvent): void {
  pushWithSeq(w.queue, at < w.now ? w.now : at, 1, seq, ev);
}

/** schedule() for a client's own tick or result (World.clients): the same seq, another heap. */
export function scheduleClient<R>(w: World<R>, at: Micros, ev: ClientEvent): number {
  return pushWithSeq(w.clients, at < w.now ? w.now : at, 1, w.queue.nextSeq++, ev);
}

/** scheduleWithSeq() for a client's own tick or result. */
export function scheduleClientWithSeq<R>(w: World<R>, at: Micros, seq: number, ev: ClientEvent): void {
  pushWithSeq(w.clients, at < w.now ? w.now : at, 1, seq, ev);
}

/**
 * Has the host's interface carrier? `iface` must be one of the node's interfaces (a port's):
 * every one has while carrierLost is 0. A name from a config may not be; ask the Map.
 */
export function carrierUp<R>(h: HostState<R>, iface: string): boolean {
  return h.carrierLost === 0 || h.carrier.get(iface) === true;
}

/** The key's slot, made once per host, kind and name. */
export function timerSlot<R>(h: HostState<R>, k: TimerKey): TimerSlot {
  // Named loads rather than h.keyIds[k.kind]: a keyed load by a string value was 6 % of a
  // delivery's profile.
  let slots: Map<string, TimerSlot>;
  let name: string;
  if (k.kind === 'instance') {
    const at = k.index;
    if (at !== undefined) {
      const known = h.instanceSlots[at];
      if (known !== undefined && known.name === k.instance) return known;
      const slot = slotByName(h, h.keyIds.instance, k.instance, k);
      h.instanceSlots[at] = slot;
      return slot;
    }
    slots = h.keyIds.instance; name = k.instance;
  }
  else if (k.kind === 'garpDelay') { slots = h.keyIds.garpDelay; name = k.instance; }
  else { slots = h.keyIds.script; name = k.script; }
  return slotByName(h, slots, name, k);
}

function slotByName<R>(h: HostState<R>, slots: Map<string, TimerSlot>, name: string, k: TimerKey): TimerSlot {
  let slot = slots.get(name);
  if (slot === undefined) {
    slot = { id: timerKeyId(k), name, key: k, armed: -1, at: 0, queuedAt: 0, queuedSeq: -1 };
    slots.set(name, slot);
    h.timers.set(slot.id, slot);
    h.slots.push(slot);
  }
  return slot;
}

export function timerKeyId(k: TimerKey): string {
  return k.kind === 'script' ? `script:${k.script}` : `${k.kind}:${k.instance}`;
}

/**
 * An entry whose moment has passed: a script result or start of a keepalived since restarted or
 * cancelled, a client's tick or attempt since replaced. It does nothing when it pops; the engine
 * drops it (engine.ts superseded) and fast-forward leaves it out of the world's state
 * (fast-forward-compare.ts dead). Timers have their own rule in each.
 */
export function outdated<R>(w: World<R>, ev: SimEvent, seq: number): boolean {
  switch (ev.kind) {
    case 'script': return ev.incarnation !== w.hostById[ev.host]!.incarnation;
    case 'start': return w.hosts.get(ev.node)!.pendingStart !== seq;
    case 'probeTick': return w.probes.get(ev.probe)!.tickGen !== ev.gen;
    case 'probeConnect':
    case 'probeResult': return ev.attempt !== w.probes.get(ev.probe)!.attempt;
    default: return false;
  }
}
