// Same-instant batches: which events of one instant could run in either order with different
// outcomes, and the seeded order chosen when some could (engine.ts runs them). Events due at
// one instant are gathered into a Batch that is reused for every instant (two parallel arrays
// and typed scratch tables), because batches of thousands of deliveries arrive at one instant
// when many instances advertise in step: per-instant objects were a tenth of the hot path.
// A multicast entry joins as (entry, receiver index) pairs, so a delivery is never an object.
import type { QueueEntry } from './queue.js';
import { nextU32 } from './prng.js';
import { sortShort } from './sort.js';
import type { SimEvent, World } from './world.js';

/**
 * The instant's events and their seqs, `n` of them; owned by one World and reused. An item
 * whose `rxs` entry is r >= 0 is the delivery to receiver r of the multicast event in `evs`.
 */
export interface Batch {
  readonly evs: SimEvent[];
  readonly rxs: number[];
  readonly seqs: number[];
  n: number;
  readonly owners: number;
  /**
   * Scratch for contended()'s large batches, made at the first one: most worlds never meet
   * one, and the tables (owners × 256 scopes) were most of what making a world cost.
   */
  tables: BatchTables | null;
}

/** Entries stamped with the current `gen` are this batch's. */
interface BatchTables {
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
  return { evs: [], rxs: [], seqs: [], n: 0, owners, tables: null };
}

function createTables(owners: number): BatchTables {
  return {
    gen: 0,
    ownerGen: new Int32Array(owners), ownerLane: new Int32Array(owners), ownerFlags: new Uint8Array(owners),
    scopeGen: new Int32Array(owners * SCOPES), scopeLane: new Int32Array(owners * SCOPES),
  };
}

/** A multicast entry joins the batch as the k deliveries (and seqs) it stands for. */
export function addToBatch(b: Batch, e: QueueEntry<SimEvent>): void {
  const ev = e.ev;
  if (ev.kind !== 'multicast') { b.evs[b.n] = ev; b.rxs[b.n] = -1; b.seqs[b.n++] = e.seq; return; }
  const k = ev.rx.length;
  for (let r = 0; r < k; r++) { b.evs[b.n] = ev; b.rxs[b.n] = r; b.seqs[b.n++] = e.seq + r; }
}

/**
 * The batch's items in the order they run, as indices into it: as queued (null) unless some
 * pair is contended. The batch stays as it is while they run (engine.ts).
 */
export function batchOrder<R>(w: World<R>, b: Batch): readonly number[] | null {
  if (b.n <= 1 || !contended(w, b)) return null;
  return chooseOrder(w, b);
}

/** A delivery's receiving node (a multicast item's receiver r). */
function receiverOf<R>(w: World<R>, ev: SimEvent & { kind: 'multicast' }, r: number): string {
  return w.hostById[ev.rx[r]!]!.spec.name;
}

/** Whose state an item changes: a node for keepalived's inputs, a client for everything it receives. */
function ownerOf<R>(w: World<R>, ev: SimEvent, r: number): string {
  switch (ev.kind) {
    case 'fault': return '';
    case 'boot': case 'start': case 'timer': case 'deliver': case 'script': return ev.node;
    case 'multicast': return receiverOf(w, ev, r);
    default: return ev.probe;
  }
}

/** Events of one lane keep their relative order: a link is FIFO, a process sees its own timers in order. */
function laneOf<R>(w: World<R>, ev: SimEvent, r: number): string {
  switch (ev.kind) {
    case 'deliver': case 'multicast': return `${ownerOf(w, ev, r)}<${ev.from}`;
    // A client's own events, ARP replies and GARPs included, stay in the order they were sent
    // (ties between two nodes' frames at one client were already drawn when they were sent).
    default: return ownerOf(w, ev, r);
  }
}

function isDelivery(ev: SimEvent): ev is SimEvent & { kind: 'deliver' | 'multicast' } {
  return ev.kind === 'deliver' || ev.kind === 'multicast';
}

/** laneOf(x) === laneOf(y) for two items of one owner, without building the strings. */
function sameLane(x: SimEvent, y: SimEvent): boolean {
  if (isDelivery(x)) return isDelivery(y) && x.from === y.from;
  // A delivery's lane names its sender too, so it is never its owner's own lane.
  return !isDelivery(y);
}

function labelOf<R>(w: World<R>, ev: SimEvent, r: number): string {
  switch (ev.kind) {
    case 'fault': return `fault:${ev.fault.kind}`;
    case 'boot': return `${ev.node}:boot`;
    case 'start': return `${ev.node}:start`;
    case 'timer': return `${ev.node}:timer:${ev.keyId}`;
    case 'deliver': return `${ev.node}<${ev.from}:advert:${ev.packet.advert.vrid}`;
    case 'multicast': return `${receiverOf(w, ev, r)}<${ev.from}:advert:${ev.inputs[r]!.packet.advert.vrid}`;
    case 'script': return `${ev.node}:script:${ev.script}`;
    case 'arpReply': return `${ev.probe}<${ev.node}:arp`;
    case 'garpArrive': return `${ev.probe}<${ev.node}:garp`;
    default: return `${ev.probe}:${ev.kind}`;
  }
}

function readsOthers(ev: SimEvent): boolean {
  // A unicast NS asks whether a node still has the address.
  return ev.kind === 'probeTick' || ev.kind === 'probeConnect' || ev.kind === 'ndProbe';
}

function changesHost(ev: SimEvent): boolean {
  return ev.kind === 'boot' || ev.kind === 'start' || ev.kind === 'timer' || ev.kind === 'deliver' || ev.kind === 'multicast' || ev.kind === 'script';
}

/**
 * Which part of its owner an event touches: a VRID for an advert or an instance timer on a
 * node whose instances are independent (see HostState.vridOf), else ALL (the whole node).
 */
const ALL = -1;

function scopeOf<R>(w: World<R>, ev: SimEvent, r: number): number {
  if (ev.kind === 'multicast') return w.hostById[ev.rx[r]!]!.vridOf === null ? ALL : ev.inputs[r]!.packet.advert.vrid;
  if (ev.kind === 'deliver') return w.hostById[ev.host]!.vridOf === null ? ALL : ev.packet.advert.vrid;
  if (ev.kind === 'timer' && ev.key.kind !== 'script') return w.hostById[ev.host]!.vridOf?.get(ev.key.instance) ?? ALL;
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
  const evs = b.evs, rxs = b.rxs, n = b.n;
  if (n <= SMALL_BATCH) {
    // Most batches are two clients ticking together: pairwise, without allocating.
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) if (contendedPair(w, evs[i]!, rxs[i]!, evs[j]!, rxs[j]!)) return true;
    }
    return false;
  }
  // Per owner and scope: the lane seen; per owner: its first lane, whether its events come
  // from more than one lane (then those events meet another lane) and whether it has
  // whole-owner events. Owners and lanes are numbers (World.ownerIds) and the tables are the
  // batch's typed scratch, stamped with a generation instead of cleared.
  const ids = w.ownerIds;
  const nIds = ids.size;
  const t = b.tables ??= createTables(b.owners);
  if (t.gen >= 0x3fffffff) { t.ownerGen.fill(0); t.scopeGen.fill(0); t.gen = 0; }
  const gen = ++t.gen;
  const { ownerGen, ownerLane, ownerFlags, scopeGen, scopeLane } = t;
  // Owners of client reads and of host changes; such a pair counts only across two owners
  // (a probe may share its name with a node).
  // A first one of each and whether another owner also does so: all the answer needs.
  let reader = -1, otherReader = false, changer = -1, otherChanger = false;
  for (let i = 0; i < n; i++) {
    const ev = evs[i]!;
    let owner: number, lane: number, scope: number;
    if (ev.kind === 'multicast') {
      // The receiver and sender as numbers already: no name is looked up.
      const r = rxs[i]!;
      owner = ev.rx[r]!;
      lane = nIds * (1 + owner) + ev.fromId;
      scope = w.hostById[owner]!.vridOf === null ? ALL : ev.inputs[r]!.packet.advert.vrid;
    } else {
      // A host's own events carry its number (World.hostById, the same as ownerIds gives its name).
      owner = ev.kind === 'timer' || ev.kind === 'script' || ev.kind === 'deliver' ? ev.host : ids.get(ownerOf(w, ev, -1))!;
      lane = ev.kind === 'deliver' ? nIds * (1 + owner) + ids.get(ev.from)! : owner;
      scope = scopeOf(w, ev, -1);
    }
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

/** Up to this many items, chooseOrder sorts by insertion. */
const SMALL_SORT = 16;

/** The same question for one pair of items. */
function contendedPair<R>(w: World<R>, x: SimEvent, rx: number, y: SimEvent, ry: number): boolean {
  if (ownerOf(w, x, rx) === ownerOf(w, y, ry)) {
    if (sameLane(x, y)) return false;
    const sx = scopeOf(w, x, rx);
    return sx === ALL || sx === scopeOf(w, y, ry) || scopeOf(w, y, ry) === ALL;
  }
  return (readsOthers(x) && changesHost(y)) || (readsOthers(y) && changesHost(x));
}

/**
 * Each item draws a key in batch order; the items sorted by (key, seq) give the slots, and each
 * lane's items fill the slots its members drew in their original order. Indices and numbered
 * lanes rather than an object per item and Maps of lane names per slot.
 */
function chooseOrder<R>(w: World<R>, b: Batch): number[] {
  const n = b.n, evs = b.evs, rxs = b.rxs, seqs = b.seqs;
  // Lanes numbered by name: two items share one exactly when laneOf names them alike.
  const laneIds = new Map<string, number>();
  const laneOfItem: number[] = [];
  const laneItems: number[][] = [];
  for (let i = 0; i < n; i++) {
    const name = laneOf(w, evs[i]!, rxs[i]!);
    let l = laneIds.get(name);
    if (l === undefined) {
      l = laneItems.length;
      laneIds.set(name, l);
      laneItems.push([i]);
    } else laneItems[l]!.push(i);
    laneOfItem.push(l);
  }
  const keys: number[] = [];
  const slots: number[] = [];
  for (let i = 0; i < n; i++) { keys.push(nextU32(w.prng)); slots.push(i); }
  // Most contended batches hold a handful of items, where Array.prototype.sort's set-up was
  // most of chooseOrder.
  sortShort(slots, (x, y) => keys[x]! - keys[y]! || seqs[x]! - seqs[y]!, SMALL_SORT);
  const cursor: number[] = [];
  for (let l = 0; l < laneItems.length; l++) cursor.push(0);
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    const l = laneOfItem[slots[j]!]!;
    out.push(laneItems[l]![cursor[l]!++]!);
  }
  w.trace.push({ t: w.now, type: 'order', chosen: out.map((i) => labelOf(w, evs[i]!, rxs[i]!)) });
  return out;
}
