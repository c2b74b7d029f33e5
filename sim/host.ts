// A node as its keepalived sees it: feeds the core its inputs and carries out the effects it
// asks for (send, arm timers, hold addresses, run scripts), plus the host-level faults
// (crash, boot, stop/start, freeze/thaw, carrier, services, SIGHUP with a new priority).
import type { Effect, Input, Ipv4, Micros, ReceivedAdvert, RouterConfig, VmacConfig } from '../src/vrrp/types.js';
import { isMulticast } from '../src/vrrp/address.js';
import { frameDelay, pathOpen } from './network.js';
import { switchLearns, wakeProbes } from './probe.js';
import { garpAnswerers, tcpFrom, vmacOf } from './reach.js';
import type { Fault } from './spec.js';
import type { AdvertInput, DeliverEvent, HostState, SegmentState, SimEvent, World } from './world.js';
import { carrierUp, schedule, scheduleWithSeq, timerSlot } from './world.js';

/** Linux's default socket receive buffer holds roughly this many advert-sized datagrams. */
export const FROZEN_INBOX_LIMIT = 256;

/**
 * How long a SIGTERMed keepalived lives on after its STOP notifies. The VRRP child arms its
 * shutdown timer for TIMER_HZ once the priority-0 adverts, VIP removal and notifies are done
 * (vrrp_daemon.c:447-457 in 2.2.7, "increases the chances of an IGMP leave group being sent"),
 * exits when it fires (vrrp_shutdown_timer_thread, :376-384; 100 ms more only if a script it
 * SIGTERMed still runs), and the parent exits as soon as it reaps the child (main.c sigend,
 * :1124-1254). Measured here, SIGTERM to exit: 1014-1027 ms (MASTER, BACKUP, with a tracked
 * script), the rest being the parent's reap and exit. A start cannot happen before it: a second
 * keepalived refuses while the pid file names a live process ("daemon is already running",
 * main.c:2686-2691), and systemd queues a start job behind the running stop job.
 */
export const VRRP_SHUTDOWN_TIMER: Micros = 1_000_000;

export function feed<R>(w: World<R>, h: HostState<R>, input: Input): void {
  if (h.router === null) return;
  // The core's clock runs behind the world's by what fast-forward skipped (World.coreOffset).
  const now = w.now - w.coreOffset;
  const owned = w.core.owned;
  let r: { readonly router: R; readonly effects: readonly Effect[] };
  if (owned === undefined) r = w.core.step(h.router, input, now);
  else {
    // The host keeps only the latest state, so it may let the core write into it, once it has
    // its own copy of whatever fast-forward may have kept since (World.coreShared).
    if (h.ownedAt !== w.coreShared) { h.router = owned.ownedCopy(h.router); h.ownedAt = w.coreShared; }
    r = owned.stepOwned(h.router, input, now);
  }
  const { router, effects } = r;
  h.router = router;
  for (const e of effects) applyEffect(w, h, e);
}

/** Input that arrives while keepalived is paused waits in the socket buffer / netlink queue. */
export function offer<R>(w: World<R>, h: HostState<R>, input: Input): void {
  if (h.router === null || !h.alive) return;
  if (h.frozen) {
    if (h.inbox.length < FROZEN_INBOX_LIMIT || input.type !== 'advert') h.inbox.push(input);
    return;
  }
  feed(w, h, input);
}

function applyEffect<R>(w: World<R>, h: HostState<R>, e: Effect): void {
  const node = h.spec.name;
  switch (e.type) {
    case 'sendAdvert':
      sendAdvert(w, h, e);
      return;
    case 'setTimer': {
      const slot = timerSlot(h, e.key);
      const due = e.at + w.coreOffset;
      const at = due < w.now ? w.now : due;
      // Re-arming replaces: an older queue entry no longer matches slot.armed. One that is due
      // no later stands in for this arming (engine.ts re-queues it), so nothing is queued.
      const seq = w.queue.nextSeq++;
      slot.armed = seq;
      slot.at = at;
      slot.key = e.key;
      if (slot.queuedSeq < 0 || at <= slot.queuedAt) {
        scheduleWithSeq(w, at, seq, { kind: 'timer', node, host: h.id, key: e.key, keyId: slot.id, slot, incarnation: h.incarnation });
        slot.queuedAt = at;
        slot.queuedSeq = seq;
      }
      return;
    }
    case 'cancelTimer':
      timerSlot(h, e.key).armed = -1;
      return;
    case 'addVip':
      wakeProbes(w);
      h.held.set(e.vip, { instance: e.instance, iface: e.iface });
      w.trace.push({ t: w.now, type: 'vip', node, instance: e.instance, vip: e.vip, action: 'add' });
      return;
    case 'removeVip':
      if (h.held.get(e.vip)?.instance === e.instance) {
        wakeProbes(w);
        h.held.delete(e.vip);
        w.trace.push({ t: w.now, type: 'vip', node, instance: e.instance, vip: e.vip, action: 'remove' });
      }
      return;
    case 'garp':
      // Sleeping clients resume before the GARP is on its way (it rewrites their ARP caches).
      wakeProbes(w);
      w.trace.push({ t: w.now, type: 'garp', node, instance: e.instance, addrs: e.addrs });
      sendGarp(w, h, e.instance, e.iface, e.addrs, e.count);
      return;
    case 'notify':
      w.trace.push({ t: w.now, type: 'notify', node, scope: e.scope, name: e.name, state: e.state, priority: e.priority });
      return;
    case 'transition':
      h.instances.set(e.instance, { state: e.to, priority: e.priority });
      w.trace.push({ t: w.now, type: 'state', node, instance: e.instance, from: e.from, to: e.to, priority: e.priority, reason: e.reason });
      return;
    case 'priorityChange': {
      const v = h.instances.get(e.instance);
      if (v !== undefined) v.priority = e.to;
      w.trace.push({ t: w.now, type: 'priority', node, instance: e.instance, from: e.from, to: e.to });
      return;
    }
    case 'runScript':
      runScript(w, h, e.script, e.timeout);
      return;
  }
}

function sendAdvert<R>(w: World<R>, h: HostState<R>, e: Extract<Effect, { type: 'sendAdvert' }>): void {
  const node = h.spec.name;
  if (w.spec.traceAdverts) {
    w.trace.push({ t: w.now, type: 'advert', node, instance: e.instance, src: e.src, dst: e.dst, vrid: e.advert.vrid, priority: e.advert.priority });
  }
  // carrierUp skips the carrier Map while every interface has carrier; an interface the node
  // lacks has no segment either, so it still sends nothing.
  if (!carrierUp(h, e.iface)) return;
  const seg = h.segmentOf.get(e.iface);
  if (seg === undefined) return;
  // With use_vmac the advert leaves from the vmac interface, so the switch learns the virtual MAC
  // on this port (vrrp_scheduler.c: the socket is bound to vrrp->ifp, the vmac, unless
  // vmac_xmit_base binds it to the base interface). It sees the frame whatever a partition or
  // a multicast filter then does to it.
  const vmac = vmacOf(h, e.instance);
  if (vmac !== undefined && !vmac.xmitBase) switchLearns(w, seg, vmac.mac, node);
  const multicast = isMulticast(e.dst);
  if (multicast && seg.multicastBlocked) return;
  const ttl = multicast ? 255 : e.ttl;
  // Deliveries that all arrive at one instant (no jitter) go in as one queue entry holding
  // seqs seq0..seq0+k-1, expanded when it pops (engine.ts): the order is that of k entries.
  let rx: number[] | null = null;
  let inputs: AdvertInput[] | null = null;
  let input: AdvertInput | null = null;
  let delay: Micros | null = null;
  let sameDelay = true;
  for (const port of seg.ports) {
    if (port.node === node) continue; // IP_MULTICAST_LOOP is off; unicast to self never leaves
    if (!multicast && port.address !== e.dst && port.address6 !== e.dst && port.linkLocal !== e.dst) continue;
    const r = w.hostById[port.id];
    if (r === undefined || !r.alive || !carrierUp(r, port.iface)) continue;
    if (!pathOpen(seg, node, port.node)) continue;
    const d = frameDelay(w, seg);
    if (d === null) continue;
    // Receivers on interfaces of one name get the same (immutable) packet and input.
    if (input === null || input.packet.iface !== port.iface) {
      const packet: ReceivedAdvert = { advert: e.advert, src: e.src, dst: e.dst, ttl, iface: port.iface };
      input = { type: 'advert', packet };
    }
    if (!sameDelay || (delay !== null && d !== delay)) {
      // Arrival times differ (jitter): one entry each, as always.
      if (sameDelay && rx !== null) for (let k = 0; k < rx.length; k++) schedule(w, w.now + delay!, deliverEvent(w, node, rx[k]!, inputs![k]!));
      sameDelay = false;
      rx = null;
      schedule(w, w.now + d, deliverEvent(w, node, port.id, input));
      continue;
    }
    delay = d;
    rx = appended(rx, port.id);
    inputs = appended(inputs, input);
  }
  if (!sameDelay || rx === null || delay === null) return;
  if (rx.length === 1) { schedule(w, w.now + delay, deliverEvent(w, node, rx[0]!, inputs![0]!)); return; }
  const seq = w.queue.nextSeq;
  w.queue.nextSeq += rx.length;
  scheduleWithSeq(w, w.now + delay, seq, { kind: 'multicast', from: node, fromId: h.id, rx, inputs: inputs! });
}

/**
 * `list` with `x` at its end. The first two receivers get array literals of their exact size: a
 * push into [] reserves room for 17 (V8's growth step), two such arrays per advert sent being
 * most of what a multicast entry allocated; a third receiver on pushes as before.
 */
function appended<T>(list: T[] | null, x: T): T[] {
  if (list === null) return [x];
  if (list.length === 1) return [list[0]!, x];
  list.push(x);
  return list;
}

function deliverEvent<R>(w: World<R>, from: string, to: number, input: AdvertInput): DeliverEvent {
  return { kind: 'deliver', node: w.hostById[to]!.spec.name, host: to, from, packet: input.packet, input };
}

function sendGarp<R>(w: World<R>, h: HostState<R>, instance: string, iface: string, addrs: readonly Ipv4[], count: number): void {
  if (!h.alive || h.carrier.get(iface) !== true) return;
  const seg = h.segmentOf.get(iface);
  if (seg === undefined) return;
  // A GARP's sender is the VIP's interface: the vmac, with xmit_base or not (vrrp_arp.c
  // send_gratuitous_arp_immediate(): hwaddr = IF_HWADDR(ipaddress->ifp), sent on the base).
  const mac = vmacOf(h, instance)?.mac ?? null;
  if (mac !== null) {
    switchLearns(w, seg, mac, h.spec.name);
    // Applied now rather than one frame latency later: the answer follows the GARP within a
    // round trip (under a millisecond), and nothing the answerer does in between can stop it.
    for (const node of garpAnswerers(w, seg, h, addrs, mac, count)) switchLearns(w, seg, mac, node);
  }
  for (const probe of seg.probes) {
    if (!pathOpen(seg, h.spec.name, probe)) continue;
    // A round is `count` frames back to back; the client learns from the first that arrives.
    let d: Micros | null = null;
    for (let i = 0; i < Math.max(count, 1) && d === null; i++) d = frameDelay(w, seg);
    if (d === null) continue;
    schedule(w, w.now + d, { kind: 'garpArrive', probe, node: h.spec.name, addrs, vmac: mac });
  }
}

function runScript<R>(w: World<R>, h: HostState<R>, script: string, timeout: Micros): void {
  const b = h.spec.scripts.get(script);
  let after = h.spec.scriptRuntime;
  let ok: boolean;
  if (b === undefined) ok = false; // no binding: the command is not there (exit 127)
  else if (b.kind === 'const') ok = b.ok;
  else if (b.kind === 'service') ok = h.services.get(b.service) === true;
  else {
    const r = tcpFrom(w, h, b.host, b.port);
    ok = r === 'ok';
    if (r === 'unreachable') after = timeout; // SYNs go unanswered until the timeout kills it
  }
  if (after > timeout) { ok = false; after = timeout; }
  schedule(w, w.now + after, { kind: 'script', node: h.spec.name, host: h.id, script, ok, incarnation: h.incarnation });
}

export function scriptDone<R>(w: World<R>, h: HostState<R>, script: string, ok: boolean): void {
  if (h.scriptResults.get(script) !== ok) {
    h.scriptResults.set(script, ok);
    w.trace.push({ t: w.now, type: 'script', node: h.spec.name, script, ok });
  }
  feed(w, h, { type: 'scriptResult', script, ok });
}

function resetProcess<R>(h: HostState<R>): void {
  h.router = null;
  h.incarnation++;
  // Slots outlive the process (their ids are interned): a new one starts with none armed or queued.
  for (const slot of h.slots) { slot.armed = -1; slot.queuedSeq = -1; }
  h.frozen = false;
  h.inbox.length = 0;
  h.overdue.length = 0;
}

export function startKeepalived<R>(w: World<R>, h: HostState<R>): void {
  if (!h.alive || h.router !== null || h.config === null) return;
  if (h.exitsAt !== null && w.now < h.exitsAt) {
    // The stopped keepalived is still exiting: the start waits for it, as systemd's start job
    // waits behind the stop job (a bare second keepalived would refuse to run instead).
    if (h.pendingStart === null) h.pendingStart = schedule(w, h.exitsAt, { kind: 'start', node: h.spec.name });
    return;
  }
  h.exitsAt = null;
  resetProcess(h);
  h.instances.clear();
  h.scriptResults.clear();
  h.router = w.core.createRouter(h.config);
  feed(w, h, { type: 'start', ifaceUp: new Map(h.carrier) });
}

/** The queued start of a `start` or `restart` that came while keepalived was exiting. */
export function startAfterExit<R>(w: World<R>, h: HostState<R>, seq: number): void {
  if (h.pendingStart !== seq) return;
  h.pendingStart = null;
  startKeepalived(w, h);
}

function stopKeepalived<R>(w: World<R>, h: HostState<R>): void {
  // A stop while a start waits for the exit cancels it, as a stop job replaces a queued start job.
  h.pendingStart = null;
  if (h.router === null) return;
  h.exitsAt = w.now + VRRP_SHUTDOWN_TIMER;
  // A SIGTERM to a paused keepalived takes effect when it resumes; we resume it at once and
  // drop what it had queued, which only matters for the instant of the stop.
  h.frozen = false;
  h.inbox.length = 0;
  h.overdue.length = 0;
  feed(w, h, { type: 'stop' });
  resetProcess(h);
}

function crash<R>(w: World<R>, h: HostState<R>): void {
  if (!h.alive) return;
  const node = h.spec.name;
  h.alive = false;
  resetProcess(h);
  // Power loss takes a stopping keepalived and the start waiting for it with it.
  h.exitsAt = null;
  h.pendingStart = null;
  for (const [vip, v] of h.held) w.trace.push({ t: w.now, type: 'vip', node, instance: v.instance, vip, action: 'remove' });
  h.held.clear();
  h.neighbours.clear();
  // Reports read who is MASTER from state events; a dead host is no longer anything.
  for (const [instance, v] of h.instances) {
    if (v.state !== 'STOP') w.trace.push({ t: w.now, type: 'state', node, instance, from: v.state, to: 'STOP', priority: v.priority, reason: 'host crashed' });
  }
  h.instances.clear();
}

function boot<R>(w: World<R>, h: HostState<R>): void {
  h.alive = true;
  for (const s of h.spec.services) h.services.set(s.name, s.upAtStart);
  startKeepalived(w, h);
}

function thaw<R>(w: World<R>, h: HostState<R>): void {
  if (!h.frozen) return;
  h.frozen = false;
  // keepalived's scheduler, on resuming, sees the readable socket before the expired
  // read-timeout (the fd event moves the read thread to the ready queue first), so queued
  // adverts are handled, in arrival order, before the overdue timers.
  const inbox = h.inbox.splice(0);
  for (const input of inbox) if (h.router !== null && !h.frozen) feed(w, h, input);
  const overdue = h.overdue.splice(0).sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const o of overdue) {
    if (h.router === null || h.frozen) break;
    fireHostEvent(w, h, o.ev, o.seq, o.at);
  }
}

/** A timer or script completion for this host, due now (or overdue after a freeze). */
export function fireHostEvent<R>(w: World<R>, h: HostState<R>, ev: SimEvent, seq: number, at: Micros): void {
  if (!h.alive || h.router === null) return;
  if (ev.kind === 'timer') {
    const slot = ev.slot;
    if (ev.incarnation !== h.incarnation || slot.armed !== seq) return;
    if (h.frozen) { h.overdue.push({ at, seq, ev }); return; }
    slot.armed = -1;
    feed(w, h, { type: 'timer', key: ev.key });
  } else if (ev.kind === 'script') {
    if (ev.incarnation !== h.incarnation) return;
    if (h.frozen) { h.overdue.push({ at, seq, ev }); return; }
    scriptDone(w, h, ev.script, ev.ok);
  }
}

function withPriority(config: RouterConfig, instance: string, priority: number): RouterConfig {
  // `| 0` (an integer 1..255, validate.ts) stores a small integer even when the fault's number
  // came boxed as a double (fast-check's schedules): a double priority gave configs and core
  // records a second shape, and every reader of them deopted (BENCHMARKS.md, round 3).
  const p = priority | 0;
  return { ...config, instances: config.instances.map((i) => (i.name === instance ? { ...i, priority: p } : i)) };
}

export type HostFault = Exclude<Fault, { kind: 'partition' | 'partition-oneway' | 'heal' | 'block-multicast' | 'unblock-multicast' | 'loss' | 'latency' }>;

export function applyHostFault<R>(w: World<R>, h: HostState<R>, f: HostFault): void {
  switch (f.kind) {
    case 'crash': crash(w, h); return;
    case 'stop': if (h.alive) stopKeepalived(w, h); return;
    case 'start': if (h.alive) startKeepalived(w, h); else boot(w, h); return;
    case 'restart':
      // The new keepalived starts once the stopped one has exited (VRRP_SHUTDOWN_TIMER).
      if (h.alive) { stopKeepalived(w, h); startKeepalived(w, h); } else boot(w, h);
      return;
    case 'freeze': if (h.alive && h.router !== null) h.frozen = true; return;
    case 'thaw': thaw(w, h); return;
    case 'link-down':
    case 'link-up': {
      const up = f.kind === 'link-up';
      for (const i of h.spec.interfaces) {
        if (f.iface !== undefined && i.name !== f.iface) continue;
        if (h.carrier.get(i.name) === up) continue;
        h.carrier.set(i.name, up);
        h.carrierLost += up ? -1 : 1;
        offer(w, h, { type: 'interface', iface: i.name, up });
      }
      return;
    }
    case 'service-down':
    case 'service-up':
      for (const s of h.spec.services) {
        if (f.service !== undefined && s.name !== f.service) continue;
        if (f.port !== undefined && s.port !== f.port) continue;
        h.services.set(s.name, f.kind === 'service-up');
      }
      return;
    case 'set-priority':
      if (h.config === null) return;
      h.config = withPriority(h.config, f.instance, f.priority);
      offer(w, h, { type: 'reload', config: h.config });
      return;
  }
}
