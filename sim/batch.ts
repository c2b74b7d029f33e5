// Same-instant batches: which events of one instant could run in either order with different
// outcomes, and the seeded order chosen when some could (engine.ts runs them). Events due at
// one instant are gathered into a Batch that is reused for every instant (two parallel arrays
// and typed scratch tables), because batches of thousands of deliveries arrive at one instant
// when many instances advertise in step: per-instant objects were a tenth of the hot path.
import type { QueueEntry } from './queue.js';
import { nextU32 } from './prng.js';
import type { SimEvent, World } from './world.js';

/** The instant's events and their seqs, `n` of them; owned by one World and reused. */
export interface Batch {
  readonly evs: SimEvent[];
  readonly seqs: number[];
  n: number;
  /** Scratch for contended(): entries stamped with the current `gen` are this batch's. */
  gen: number;
  readonly ownerGen: Int32Array;
  readonly ownerLane: Int32Array;
  /** Per owner: bit 1 = events from more than one lane, bit 2 = a whole-owner event. */
  readonly ownerFlags: Uint8Array;
  readonly scopeGen: Int32Array;
  readonly scopeLane: Int32Array;
}

/** A scope is a VRID (0..255) or ALL. */
const SCOPES = 256;

export function createBatch(owners: number): Batch {
  return {
    evs: [], seqs: [], n: 0, gen: 0,
    ownerGen: new Int32Array(owners), ownerLane: new Int32Array(owners), ownerFlags: new Uint8Array(owners),
    scopeGen: new Int32Array(owners * SCOPES), scopeLane: new Int32Array(owners * SCOPES),
  };
}

/** A multicast entry joins the batch as the k deliveries (and seqs) it stands for. */
export function addToBatch(b: Batch, e: QueueEntry<SimEvent>): void {
  const ev = e.ev;
  if (ev.kind !== 'multicast') { b.evs[b.n] = ev; b.seqs[b.n++] = e.seq; return; }
  const d = ev.deliveries;
  for (let i = 0; i < d.length; i++) { b.evs[b.n] = d[i]!; b.seqs[b.n++] = e.seq + i; }
}

/** The batch's entries in the order they run: as queued unless some pair is contended. */
export function batchOrder<R>(w: World<R>, b: Batch): readonly { readonly ev: SimEvent; readonly seq: number }[] | null {
  if (b.n <= 1 || !contended(w, b)) return null;
  const entries: { ev: SimEvent; seq: number }[] = [];
  for (let i = 0; i < b.n; i++) entries.push({ ev: b.evs[i]!, seq: b.seqs[i]! });
  return chooseOrder(w, entries);
}

/** Whose state an event changes: a node for keepalived's inputs, a client for everything it receives. */
function ownerOf(ev: SimEvent): string {
  switch (ev.kind) {
    case 'fault': return '';
    case 'boot': case 'start': case 'timer': case 'deliver': case 'script': return ev.node;
    // Never in a batch (expanded first); its sender, for completeness.
    case 'multicast': return ev.deliveries[0]?.from ?? '';
    default: return ev.probe;
  }
}

/** Events of one lane keep their relative order: a link is FIFO, a process sees its own timers in order. */
function laneOf(ev: SimEvent): string {
  switch (ev.kind) {
    case 'deliver': return `${ev.node}<${ev.from}`;
    // A client's own events, ARP replies and GARPs included, stay in the order they were sent
    // (ties between two nodes' frames at one client were already drawn when they were sent).
    default: return ownerOf(ev);
  }
}

/** laneOf(x) === laneOf(y) for two events of one owner, without building the strings. */
function sameLane(x: SimEvent, y: SimEvent): boolean {
  if (x.kind === 'deliver') return y.kind === 'deliver' && x.from === y.from;
  // A delivery's lane names its sender too, so it is never its owner's own lane.
  return y.kind !== 'deliver';
}

function labelOf(ev: SimEvent): string {
  switch (ev.kind) {
    case 'fault': return `fault:${ev.fault.kind}`;
    case 'boot': return `${ev.node}:boot`;
    case 'start': return `${ev.node}:start`;
    case 'timer': return `${ev.node}:timer:${ev.keyId}`;
    case 'deliver': return `${ev.node}<${ev.from}:advert:${ev.packet.advert.vrid}`;
    case 'script': return `${ev.node}:script:${ev.script}`;
    case 'arpReply': return `${ev.probe}<${ev.node}:arp`;
    case 'garpArrive': return `${ev.probe}<${ev.node}:garp`;
    case 'multicast': return ev.deliveries.map(labelOf).join(',');
    default: return `${ev.probe}:${ev.kind}`;
  }
}

function readsOthers(ev: SimEvent): boolean {
  // A unicast NS asks whether a node still has the address.
  return ev.kind === 'probeTick' || ev.kind === 'probeConnect' || ev.kind === 'ndProbe';
}

function changesHost(ev: SimEvent): boolean {
  return ev.kind === 'boot' || ev.kind === 'start' || ev.kind === 'timer' || ev.kind === 'deliver' || ev.kind === 'script';
}

/**
 * Which part of its owner an event touches: a VRID for an advert or an instance timer on a
 * node whose instances are independent (see HostState.vridOf), else ALL (the whole node).
 */
const ALL = -1;

function scopeOf<R>(w: World<R>, ev: SimEvent): number {
  if (ev.kind === 'deliver') return w.hosts.get(ev.node)!.vridOf === null ? ALL : ev.packet.advert.vrid;
  if (ev.kind === 'timer' && ev.key.kind !== 'script') return w.hosts.get(ev.node)!.vridOf?.get(ev.key.instance) ?? ALL;
  return ALL;
}

const MULTI_LANE = 1, WHOLE = 2;

/**
 * Could some two events of the batch run in either order with different outcomes? Yes when two
 * sources (lanes) feed one owner in overlapping scopes (an advert for one VRID and another
 * VRID's timer on one node commute), or a client looks at hosts while one of them changes.
 * Independent nodes' events commute. Decided in one pass (batches of thousands of deliveries
 * arrive at one instant when many instances advertise in step), where a pairwise check would
 * be quadratic: both conditions are about the batch as a set, not about any order.
 */
function contended<R>(w: World<R>, b: Batch): boolean {
  const evs = b.evs, n = b.n;
  if (n <= SMALL_BATCH) {
    // Most batches are two clients ticking together: pairwise, without allocating.
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) if (contendedPair(w, evs[i]!, evs[j]!)) return true;
    }
    return false;
  }
  // Per owner and scope: the lane seen; per owner: its first lane, whether its events come
  // from more than one lane (then those events meet another lane) and whether it has
  // whole-owner events. Owners and lanes are numbers (World.ownerIds) and the tables are the
  // batch's typed scratch, stamped with a generation instead of cleared.
  const ids = w.ownerIds;
  const nIds = ids.size;
  if (b.gen >= 0x3fffffff) { b.ownerGen.fill(0); b.scopeGen.fill(0); b.gen = 0; }
  const gen = ++b.gen;
  const { ownerGen, ownerLane, ownerFlags, scopeGen, scopeLane } = b;
  // Owners of client reads and of host changes; such a pair counts only across two owners
  // (a probe may share its name with a node).
  // A first one of each and whether another owner also does so: all the answer needs.
  let reader = -1, otherReader = false, changer = -1, otherChanger = false;
  for (let i = 0; i < n; i++) {
    const ev = evs[i]!;
    const owner = ids.get(ownerOf(ev))!;
    const lane = ev.kind === 'deliver' ? nIds * (1 + owner) + ids.get(ev.from)! : owner;
    const scope = scopeOf(w, ev);
    if (ownerGen[owner] !== gen) {
      ownerGen[owner] = gen;
      ownerLane[owner] = lane;
      ownerFlags[owner] = scope === ALL ? WHOLE : 0;
    } else {
      let f = ownerFlags[owner]!;
      if (ownerLane[owner] !== lane) f |= MULTI_LANE;
      if (scope === ALL) f |= WHOLE;
      ownerFlags[owner] = f;
      if (f === (MULTI_LANE | WHOLE)) return true;
    }
    if (scope !== ALL) {
      const key = owner * SCOPES + scope;
      if (scopeGen[key] !== gen) { scopeGen[key] = gen; scopeLane[key] = lane; }
      else if (scopeLane[key] !== lane) return true;
    }
    if (readsOthers(ev)) { if (reader === -1) reader = owner; else if (reader !== owner) otherReader = true; }
    else if (changesHost(ev)) { if (changer === -1) changer = owner; else if (changer !== owner) otherChanger = true; }
  }
  if (reader === -1 || changer === -1) return false;
  return otherReader || otherChanger || reader !== changer;
}

const SMALL_BATCH = 8;

/** The same question for one pair. */
function contendedPair<R>(w: World<R>, x: SimEvent, y: SimEvent): boolean {
  if (ownerOf(x) === ownerOf(y)) {
    if (sameLane(x, y)) return false;
    const sx = scopeOf(w, x);
    return sx === ALL || sx === scopeOf(w, y) || scopeOf(w, y) === ALL;
  }
  return (readsOthers(x) && changesHost(y)) || (readsOthers(y) && changesHost(x));
}

function chooseOrder<R, E extends { readonly ev: SimEvent; readonly seq: number }>(w: World<R>, batch: readonly E[]): E[] {
  const laneNames = batch.map((e) => laneOf(e.ev));
  const lanes = new Map<string, E[]>();
  batch.forEach((e, i) => {
    const l = laneNames[i]!;
    const list = lanes.get(l);
    if (list === undefined) lanes.set(l, [e]); else list.push(e);
  });
  const keyed = batch.map((e, i) => ({ e, lane: laneNames[i]!, k: nextU32(w.prng) }));
  keyed.sort((a, b) => a.k - b.k || a.e.seq - b.e.seq);
  // Put each lane's events back into the slots the lane drew, in their original order.
  const cursor = new Map<string, number>();
  const out = keyed.map(({ lane }) => {
    const i = cursor.get(lane) ?? 0;
    cursor.set(lane, i + 1);
    return lanes.get(lane)![i]!;
  });
  w.trace.push({ t: w.now, type: 'order', chosen: out.map((e) => labelOf(e.ev)) });
  return out;
}
