// The deterministic engine: a virtual clock in integer µs that jumps from event to event.
// Events due at one instant form a batch. When two of them do not commute (two sources feeding
// one node, or a client looking at hosts while one changes) the seeded PRNG chooses the batch's
// order — each source's own events keep their FIFO order — and the choice is traced as `order`.
import { InputError } from '../src/cli/errors.js';
import type { Ipv4, Micros, RouterConfig, VmacConfig } from '../src/vrrp/types.js';
import { createFastForward, maybeFastForward, resetFastForward, traceKeepFrom } from './fast-forward.js';
import { applyNetworkFault } from './network.js';
import type { HostFault } from './host.js';
import { applyHostFault, fireHostEvent, offer, startAfterExit, startKeepalived } from './host.js';
import { arpReply, connect, garpArrive, probeResult, probeTick, wakeProbes } from './probe.js';
import { busyTicks, clientGroup, connectedTick, refusedTicks } from './client-steps.js';
import { createPrng } from './prng.js';
import { addToBatch, batchOrder, createBatch } from './batch.js';
import { ndProbe } from './ndisc.js';
import type { EventQueue, QueueEntry } from './queue.js';
import { createQueue, peek, pop, push, pushWithSeq, requeue } from './queue.js';
import type { Fault, NodeSpec, SimSpec } from './spec.js';
import type { SimResult } from './trace.js';
import { streamingTraceLog, type TraceSink } from './trace-log.js';
import { validateSpec } from './validate.js';
import { createInternTable, internConfig } from './intern.js';
import type { HostState, MulticastEvent, ProbeState, SegmentState, SimEvent, VrrpCore, World } from './world.js';
import { carrierUp, isTimer, outdated } from './world.js';

export type Sim<R> = World<R>;

/** A zero-delay feedback loop would otherwise hang the run; real configs never come close. */
const MAX_BATCHES_PER_INSTANT = 100_000;

export interface SimOptions {
  /** Stream the trace to this sink as the run makes it instead of keeping it (trace-log.ts). */
  readonly onTrace?: TraceSink;
}

export function createSim<R>(spec: SimSpec, core: VrrpCore<R>, opts: SimOptions = {}): Sim<R> {
  validateSpec(spec);
  const ids = ownerIds(spec);
  const segments = new Map<string, SegmentState>();
  for (const s of spec.segments) {
    segments.set(s.name, {
      name: s.name, latency: s.latency, jitter: s.jitter, loss: s.loss, multicastBlocked: s.multicastBlocked,
      groups: null, oneway: [], ports: [], probes: [], macs: new Map(),
    });
  }
  const hosts = new Map<string, HostState<R>>();
  const hostById: (HostState<R> | undefined)[] = new Array<HostState<R> | undefined>(ids.size).fill(undefined);
  const interned = createInternTable();
  for (const n of spec.nodes) {
    const id = ids.get(n.name)!;
    for (const i of n.interfaces) segments.get(i.segment)!.ports.push({ node: n.name, id, iface: i.name, address: i.address, ...(i.address6 === undefined ? {} : { address6: i.address6 }), ...(i.linkLocal === undefined ? {} : { linkLocal: i.linkLocal }) });
    const carrier = new Map(n.interfaces.map((i) => [i.name, i.up !== false]));
    const h: HostState<R> = {
      spec: n, id, alive: true, frozen: false, router: null, ownedAt: -1, config: internConfig(interned, n.router), incarnation: 0, exitsAt: null, pendingStart: null,
      timers: new Map(), slots: [],
      keyIds: { instance: new Map(), garpDelay: new Map(), script: new Map() }, instanceSlots: [], carrier,
      carrierLost: [...carrier.values()].filter((up) => !up).length,
      services: new Map(n.services.map((s) => [s.name, s.upAtStart])),
      held: new Map(), instances: new Map(), inbox: [], overdue: [], scriptResults: new Map(), neighbours: new Set(),
      vridOf: independentInstances(n.router), vmacs: vmacsOf(n.router), segmentOf: segmentsByIface(n, segments),
    };
    hosts.set(n.name, h);
    hostById[id] = h;
  }
  const probes = new Map<string, ProbeState>();
  for (const p of spec.probes) {
    segments.get(p.segment)!.probes.push(p.name);
    probes.set(p.name, { spec: p, arp: new Map(), busy: false, attempt: 0, last: null, tickGen: 0, tickSeq: -1, tickAt: 0, asleep: null });
  }
  const w: World<R> = {
    spec, core: routerTemplates(core), now: 0, prng: createPrng(spec.seed), queue: createQueue<SimEvent>(), clients: createQueue<SimEvent>(),
    segments, hosts, probes, trace: opts.onTrace === undefined ? [] : streamingTraceLog(opts.onTrace, () => traceKeepFrom(w)), stats: { events: 0, advertDeliveries: 0 },
    coreOffset: 0, coreShared: 0, timeline: [...spec.timeline].sort((a, b) => a.at - b.at), timelineNext: 0, ff: createFastForward<R>(), ownerIds: ids, hostById, batch: createBatch(ids.size),
  };
  // Class 0 runs first at its instant, in insertion order: every keepalived boots at t = 0
  // (booting in either order commutes, so no choice is drawn), then the timeline's faults in
  // the order written — a `stop` at 0 stops a running keepalived — before any client looks.
  for (const n of spec.nodes) if (n.router !== null) push(w.queue, 0, 0, { kind: 'boot', node: n.name });
  queueNextFault(w);
  for (const p of spec.probes) probes.get(p.name)!.tickSeq = push(w.queue, 0, 1, { kind: 'probeTick', probe: p.name, gen: 0 });
  return w;
}

/**
 * Queues the timeline's next fault. Only one is queued at a time: an availability history holds
 * a year of faults, and the whole year in the queue made every push and pop, and every scan of
 * the queue by the fast-forward, pay for them (a fifth of a pair-year). Faults run in time
 * order and, at one instant, in the order written (the sort is stable), as when all were queued:
 * class 0 comes first at its instant, and seqs only order entries, never show.
 */
function queueNextFault<R>(w: World<R>): void {
  const t = w.timeline[w.timelineNext];
  if (t === undefined) return;
  w.timelineNext++;
  push(w.queue, t.at, 0, { kind: 'fault', fault: t.fault });
}

/**
 * The core as this simulation's hosts use it: a keepalived started again with the config it had
 * (an availability history restarts one after each of its ~26 crashes a year) gets a copy of the
 * first router built from that config, not a new build. createRouter's state is a function of
 * the config alone, and ownedCopy() gives the host its own sands chunks (the only thing an owned
 * step writes in place), so the new router is equal to a fresh one; its index, records and
 * config are shared with the first (immutable, as every core state's are), which also lets the
 * fast-forward's comparisons meet them by reference. Without owned steps, no templates.
 */
function routerTemplates<R>(core: VrrpCore<R>): VrrpCore<R> {
  const owned = core.owned;
  if (owned === undefined) return core;
  const templates = new Map<RouterConfig, R>();
  return {
    step: core.step, owned,
    createRouter: (config) => {
      let t = templates.get(config);
      if (t === undefined) { t = core.createRouter(config); templates.set(config, t); }
      return owned.ownedCopy(t);
    },
  };
}

/** Every name an event's owner can have (nodes, clients, '' for faults), numbered; one number per name. */
function ownerIds(spec: SimSpec): Map<string, number> {
  const ids = new Map<string, number>([['', 0]]);
  for (const x of [...spec.nodes, ...spec.probes]) if (!ids.has(x.name)) ids.set(x.name, ids.size);
  return ids;
}

function segmentsByIface(n: NodeSpec, segments: ReadonlyMap<string, SegmentState>): Map<string, SegmentState> {
  const out = new Map<string, SegmentState>();
  for (const i of n.interfaces) {
    const seg = segments.get(i.segment);
    if (seg !== undefined && !out.has(i.name)) out.set(i.name, seg);
  }
  return out;
}

function vmacsOf(config: RouterConfig | null): Map<string, VmacConfig> {
  const out = new Map<string, VmacConfig>();
  // The first instance of a name, as a walk of the list finds it.
  for (const i of config?.instances ?? []) if (!out.has(i.name) && i.vmac !== undefined) out.set(i.name, i.vmac);
  return out;
}

function independentInstances(config: RouterConfig | null): ReadonlyMap<string, number> | null {
  if (config === null || config.syncGroups.length > 0) return null;
  const addrs = new Set<Ipv4>();
  const out = new Map<string, number>();
  for (const i of config.instances) {
    for (const a of [...i.vips, ...i.excludedVips]) {
      if (addrs.has(a)) return null;
      addrs.add(a);
    }
    out.set(i.name, i.vrid);
  }
  return out;
}

/** Runs every event due at or before `t`; afterwards the clock reads `t`. */
export function runUntil<R>(w: Sim<R>, t: Micros): void {
  handedBack(w);
  let instant = -1;
  let batches = 0;
  const fastForward = w.spec.fastForward !== false;
  const clients = w.clients;
  for (;;) {
    let top = peek(w.queue);
    const c = peek(clients);
    if (c !== undefined && c.at <= t) {
      if (top === undefined || c.at < top.at) {
        pop(clients);
        // Instants c.at to `last` ran.
        const last = clientSteps(w, c, top === undefined ? Infinity : top.at, t);
        if (c.at === instant) {
          if (++batches > MAX_BATCHES_PER_INSTANT) throw new Error(`simulation livelock: events keep arriving at t=${c.at} µs`);
        } else { instant = c.at; batches = 0; }
        if (last !== instant) { instant = last; batches = 0; }
        continue;
      }
      // The instant has other events too: the clients' steps join them as the queue's.
      if (c.at === top.at) { joinClients(w, c.at); top = peek(w.queue)!; }
    }
    if (top === undefined || top.at > t) break;
    // At the start of an instant a steady world may skip whole periods (fast-forward.ts; it
    // reads and moves World.clients too, whose entries are all later than `top` here).
    if (fastForward && top.at > w.now && top.cls === 1 && isTimer(top.ev) && maybeFastForward(w, top, t)) continue;
    w.now = top.at;
    if (w.now === instant) {
      if (++batches > MAX_BATCHES_PER_INSTANT) throw new Error(`simulation livelock: events keep arriving at t=${w.now} µs`);
    } else { instant = w.now; batches = 0; }
    pop(w.queue);
    // A re-armed or cancelled timer, an outdated client step: nothing happens, so it is neither
    // counted nor part of a batch (where it could only make a tie look contended).
    if (superseded(w, top)) { requeueStandIn(w, top); continue; }
    if (top.cls === 0) {
      process(w, top.ev, top.seq);
      continue;
    }
    let next = peek(w.queue);
    while (next !== undefined && next.at === w.now && next.cls === 1 && superseded(w, next)) { pop(w.queue); requeueStandIn(w, next); next = peek(w.queue); }
    if (next === undefined || next.at !== w.now || next.cls !== 1) {
      const ev = top.ev;
      if (ev.kind !== 'multicast') {
        // A batch of one, the common case: no array.
        process(w, ev, top.seq);
        continue;
      }
      // One multicast entry alone: its deliveries all come from one sender, so a receiver's
      // are all of one lane and no client reads (contended() says no for any such batch):
      // they run as queued, without the batch.
      for (let r = 0; r < ev.rx.length; r++) deliver(w, ev, r);
      continue;
    }
    const b = w.batch;
    b.n = 0;
    addToBatch(b, top);
    for (let e: QueueEntry<SimEvent> | undefined = next; e !== undefined && e.at === w.now && e.cls === 1; e = peek(w.queue)) {
      pop(w.queue);
      if (!superseded(w, e)) addToBatch(b, e);
      else requeueStandIn(w, e);
    }
    const order = batchOrder(w, b);
    if (order === null) {
      // Processing may queue events for this instant, never run another batch: b stays as is.
      const n = b.n, evs = b.evs, rxs = b.rxs;
      for (let i = 0; i < n; i++) {
        const ev = evs[i]!, r = rxs[i]!;
        if (r >= 0) deliver(w, ev as MulticastEvent, r); else process(w, ev, b.seqs[i]!);
      }
    } else {
      for (const i of order) {
        const ev = b.evs[i]!, r = b.rxs[i]!;
        if (r >= 0) deliver(w, ev as MulticastEvent, r); else process(w, ev, b.seqs[i]!);
      }
    }
    // Dropped so that finished events can be collected; a loop, as Array.prototype.fill on a
    // few items cost more than the batch's own bookkeeping.
    for (let i = 0; i < b.n; i++) b.evs[i] = undefined as unknown as SimEvent;
  }
  if (t > w.now) w.now = t;
}

/**
 * A client's tick or result `c` (just popped from World.clients), due before anything in the
 * queue (at `queueAt` or later): what the queue would have done with it as its top, without
 * entering it. With other clients' steps at its instant, they form the batch the queue would
 * have formed, which is never contended (clients read hosts, none changes one): in one step
 * (clientGroup) or in order. A tick may run with the client's steps after it up to the next
 * thing due (client-steps.ts). Returns the last instant run (w.now).
 */
function clientSteps<R>(w: World<R>, c: QueueEntry<SimEvent>, queueAt: Micros, t: Micros): Micros {
  const clients = w.clients;
  const live = !outdated(w, c.ev, c.seq);
  if (live && clientsAt(w, c.at)) {
    // Clients' steps only: a batch the queue would run in its order, never contended.
    const group = [c];
    for (let e = peek(clients); e !== undefined && e.at === c.at; e = peek(clients)) {
      pop(clients);
      if (!outdated(w, e.ev, e.seq)) group.push(e);
    }
    w.now = c.at;
    const last = clientGroup(w, group, stepLimit(clients, queueAt, t));
    if (last !== null) {
      w.now = last;
      return last;
    }
    // One by one, as the queue runs a batch that is not contended: each entry live when the
    // batch formed runs, in order, even if an earlier one outdates it (a result putting its
    // client to sleep before the client's tick of the same instant).
    for (const e of group) process(w, e.ev, e.seq);
    return c.at;
  }
  w.now = c.at;
  if (!live) return c.at;
  if (c.ev.kind === 'probeTick') {
    // It and the client's steps after it, each alone at its instant, before anything else
    // (`limit`): a busy client's ticks, attempts refused as the last one was, or a connection
    // and its result.
    const p = w.probes.get(c.ev.probe)!;
    const until = stepLimit(clients, queueAt, t);
    const last = p.busy ? busyTicks(w, p, c.ev, until) : refusedTicks(w, p, c.ev, until) ?? connectedTick(w, p, c.ev, until);
    if (last !== null) {
      w.now = last;
      return last;
    }
  }
  process(w, c.ev, c.seq);
  return c.at;
}

/** The first instant at which anything else is due: the queue's top, the next client step, or past `t`. */
function stepLimit(clients: EventQueue<SimEvent>, queueAt: Micros, t: Micros): Micros {
  const a = peek(clients);
  return Math.min(queueAt, a === undefined ? Infinity : a.at, t + 1);
}

/**
 * Is another live client step due at `at` (World.clients, after the one just popped)? Dead ones
 * due then go: the queue would have dropped them unseen.
 */
function clientsAt<R>(w: World<R>, at: Micros): boolean {
  for (let e = peek(w.clients); e !== undefined && e.at === at; e = peek(w.clients)) {
    if (!outdated(w, e.ev, e.seq)) return true;
    pop(w.clients);
  }
  return false;
}

/** Moves the clients' steps due at or before `until` into the queue, seqs as they were. */
function joinClients<R>(w: World<R>, until: Micros): void {
  for (let e = peek(w.clients); e !== undefined && e.at <= until; e = peek(w.clients)) {
    pop(w.clients);
    pushWithSeq(w.queue, e.at, 1, e.seq, e.ev);
  }
}

/**
 * The caller of a paused Sim (createSim is public) may have read and kept any host's router
 * since the engine last ran: hosts step their own copy before writing in place again
 * (World.coreShared, src/vrrp/owned.ts), so a state anyone holds is never changed under them.
 */
function handedBack<R>(w: Sim<R>): void {
  w.coreShared++;
}

/** Applies a fault now (traced like a timeline fault). */
export function applyFault<R>(w: Sim<R>, fault: Fault): void {
  handedBack(w);
  faultNow(w, fault);
}

/**
 * A fault applied by the engine itself (a timeline's, inside runUntil): the caller cannot have
 * read a router since runUntil bumped World.coreShared on entry, so the hosts keep stepping
 * their own state (a bump here cost each host an ownedCopy after every fault of a history).
 */
function faultNow<R>(w: Sim<R>, fault: Fault): void {
  // Any fault may change what a client reads (links, partitions, services, latency, hosts).
  wakeProbes(w);
  // ... and ends a steady phase: periods seen before it say nothing about what follows.
  resetFastForward(w);
  w.trace.push({ t: w.now, type: 'fault', fault });
  if (applyNetworkFault(w, fault)) return;
  if (!('node' in fault)) return;
  const h = w.hosts.get(fault.node);
  if (h === undefined) throw new InputError(`fault ${fault.kind}: unknown node '${fault.node}'; expected one of ${[...w.hosts.keys()].join(', ')}`, { file: '<sim spec>' });
  applyHostFault(w, h, fault as HostFault);
}

/**
 * A streaming trace sends what it holds: all but the lines a pending fast-forward checkpoint
 * may repeat, or with `final` (no more runUntil) everything.
 */
export function flushTrace<R>(w: Sim<R>, final = false): void {
  w.trace.flush?.(final);
}

/** With a streaming trace, `trace` holds only what was not yet sent: flushTrace first, or read the sink. */
export function result<R>(w: Sim<R>): SimResult {
  // A copy: an incremental run may go on after a snapshot is taken.
  return { trace: w.trace.slice(), end: w.now, stats: { events: w.stats.events, advertDeliveries: w.stats.advertDeliveries } };
}

export function simulateWith<R>(spec: SimSpec, core: VrrpCore<R>): SimResult {
  const w = createSim(spec, core);
  runUntil(w, spec.until);
  return result(w);
}

/**
 * Entries that can never do anything again: each check is one that process() makes too and
 * that stays true once true (seqs, incarnations and attempts only grow).
 */
function superseded<R>(w: World<R>, entry: QueueEntry<SimEvent>): boolean {
  const ev = entry.ev;
  switch (ev.kind) {
    case 'timer': {
      if (ev.incarnation !== w.hostById[ev.host]!.incarnation) return true;
      const slot = ev.slot;
      const standsIn = slot.queuedSeq === entry.seq;
      const armed = slot.armed;
      if (armed === entry.seq) {
        if (standsIn) slot.queuedSeq = -1;
        return false;
      }
      // Re-armed for later without queuing (see TimerSlot.queuedAt): requeueStandIn() queues
      // it again once it is out of the heap.
      if (standsIn && armed < 0) slot.queuedSeq = -1;
      return true;
    }
    default: return outdated(w, ev, entry.seq);
  }
}

/**
 * A superseded timer entry that stood in for its slot's later arming (TimerSlot.queuedAt), out
 * of the heap now: queued again at the due time with the arming's seq. The entry itself, and its
 * event while the slot's key is the same: a stand-in lives seconds, and at 255 instances a new
 * pair per re-queue (~8,000 deliveries a virtual second) was promoted by the young GC.
 */
function requeueStandIn<R>(w: World<R>, entry: QueueEntry<SimEvent>): void {
  const ev = entry.ev;
  if (ev.kind !== 'timer') return;
  const slot = ev.slot;
  const armed = slot.armed;
  if (slot.queuedSeq !== entry.seq || armed < 0 || armed === entry.seq || ev.incarnation !== w.hostById[ev.host]!.incarnation) return;
  if (ev.key === slot.key) requeue(w.queue, entry, slot.at, armed);
  else pushWithSeq(w.queue, slot.at, 1, armed, { kind: 'timer', node: ev.node, host: ev.host, key: slot.key, keyId: ev.keyId, slot, incarnation: ev.incarnation });
  slot.queuedAt = slot.at;
  slot.queuedSeq = armed;
}

/** Runs the delivery to receiver r of a multicast entry, as process() runs a 'deliver' event. */
function deliver<R>(w: World<R>, ev: MulticastEvent, r: number): void {
  w.stats.events++;
  const input = ev.inputs[r]!;
  const h = w.hostById[ev.rx[r]!]!;
  if (!h.alive || h.router === null || !carrierUp(h, input.packet.iface)) return;
  w.stats.advertDeliveries++;
  offer(w, h, input);
}

/** Runs one event due now (`seq`: its queue seq, which timers and starts recognise). */
function process<R>(w: World<R>, ev: SimEvent, seq: number): void {
  w.stats.events++;
  switch (ev.kind) {
    case 'fault': faultNow(w, ev.fault); queueNextFault(w); return;
    case 'boot': { const h = w.hosts.get(ev.node)!; startKeepalived(w, h); return; }
    case 'start': startAfterExit(w, w.hosts.get(ev.node)!, seq); return;
    case 'timer':
    case 'script': fireHostEvent(w, w.hostById[ev.host]!, ev, seq, w.now); return;
    case 'deliver': {
      const h = w.hostById[ev.host]!;
      if (!h.alive || h.router === null || !carrierUp(h, ev.packet.iface)) return;
      w.stats.advertDeliveries++;
      offer(w, h, ev.input);
      return;
    }
    case 'probeTick': probeTick(w, w.probes.get(ev.probe)!); return;
    case 'probeConnect': {
      const p = w.probes.get(ev.probe)!;
      if (ev.attempt === p.attempt) connect(w, p, w.segments.get(p.spec.segment)!, ev.via, ev.started, ev.attempt);
      return;
    }
    case 'probeResult': {
      const p = w.probes.get(ev.probe)!;
      if (ev.attempt === p.attempt) probeResult(w, p, ev.ok, ev.via, ev.reason, ev.stale, ev.started);
      return;
    }
    case 'arpReply': arpReply(w, w.probes.get(ev.probe)!, ev.addr, ev.node, ev.vmac); return;
    case 'garpArrive': garpArrive(w, w.probes.get(ev.probe)!, ev.node, ev.addrs, ev.vmac); return;
    case 'ndProbe': ndProbe(w, w.probes.get(ev.probe)!, ev.addr, ev.delayAt, ev.sent); return;
  }
}
