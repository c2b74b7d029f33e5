// The receive path (keepalived-state-machine.md §5, §6, §9): which instance a packet is for,
// the BACKUP accept/discard rules, the MASTER election rules, and the timer reset that
// follows every packet for the VRID.
import type { Effect, Micros, ReceivedAdvert, VrrpVersion } from './types.js';
import type { InstanceState, RouterState } from './state.js';
import type { HotConfig } from './hot.js';
import { F_FAMILY6, F_NOPREEMPT, F_PREEMPT_DELAY, F_SKIP_CHECK_ADV_ADDR, F_UNICAST, F_V3 } from './hot.js';
import { INSTANCE_CHUNK, INSTANCE_CHUNK_BITS, instanceAt, withSands } from './state.js';
import type { Ctx } from './ctx.js';
import { fullDownTimer, groupMembers, groupOf, inst, own, put, sandsOf, sendAdverts, setSands } from './ctx.js';
import { advertRejection, plainAdvert } from './validate.js';
import { compareAddr, familyOfAddr, isMulticast } from './address.js';
import { masterDownInterval, skewTime } from './timers.js';
import { leaveMaster, lowerPrioGarp } from './master.js';
import { syncBackup } from './sync.js';
import { VRRP_PRIO_OWNER } from './track.js';

/**
 * VRID + interface + address family pick the socket (keepalived opens its sockets per family,
 * so an IPv4 and an IPv6 instance may share a VRID: vrrp_scheduler.c vrrp_dispatcher_read());
 * unicast and multicast instances are separate VRID spaces.
 */
export function findInstance(ctx: Ctx, pkt: ReceivedAdvert): number {
  return instanceFor(ctx.index.hot, pkt);
}

/** Reads only the dense receive table (hot.ts), never an instance's record or config. */
function instanceFor(hot: HotConfig, pkt: ReceivedAdvert): number {
  const vrid = pkt.advert.vrid;
  let i = ((vrid & 255) === vrid ? hot.firstByVrid[vrid] : hot.firstByOtherVrid.get(vrid)) ?? -1;
  if (i < 0) return -1;
  let fallback = -1;
  const mcast = isMulticast(pkt.dst);
  const family6 = familyOfAddr(pkt.src) === 6;
  for (; i >= 0; i = hot.nextSameVrid[i]!) {
    const f = hot.flags[i]!;
    if (hot.iface[i] !== pkt.iface || ((f & F_FAMILY6) !== 0) !== family6) continue;
    if (((f & F_UNICAST) === 0) === mcast) return i;
    if (fallback < 0) fallback = i;
  }
  return fallback;
}

export function onAdvert(ctx: Ctx, pkt: ReceivedAdvert): void {
  const i = findInstance(ctx, pkt);
  if (i < 0) return;
  const c = inst(ctx, i).config;
  // IPv6 only: a multicast advert on a unicast instance, or the other way round, is dropped
  // before any state handler sees it, so (unlike IPv4's vrrp_check_packet() rejection) it does
  // not even postpone a master's next advert (vrrp_scheduler.c vrrp_dispatcher_read(),
  // "discarding %sicast packet on %sicast instance").
  if (c.family === 6 && isMulticast(pkt.dst) === (c.unicastPeers.length > 0)) return;
  const state = inst(ctx, i).state;
  if (state === 'BACKUP') {
    backupRx(ctx, i, pkt);
    setSands(ctx, i, ctx.now + inst(ctx, i).msDownTimer);
  } else if (state === 'MASTER') {
    if (masterRx(ctx, i, pkt)) {
      leaveMaster(ctx, i, 'BACKUP', 0, reasonHigher(pkt));
      syncBackup(ctx, i);
    } else if (!inst(ctx, i).config.lowerPrioNoAdvert) {
      // 2.2.7 quirk: any packet for the VRID, valid or not, postpones the master's next advert.
      setSands(ctx, i, ctx.now + inst(ctx, i).config.advertInt);
    }
  }
  // FAULT, INIT and STOP ignore adverts.
}

function reasonHigher(pkt: ReceivedAdvert): string {
  return `higher priority advert from ${pkt.src}`;
}

/**
 * The advert a backup hears most: valid, from the master it already follows, at a priority
 * it accepts, so that vrrp_state_backup() changes nothing but the master-down timer's deadline.
 * Answered without a Ctx (with its effects array, the largest allocations of a delivery):
 * the same result as onAdvert() gives — a new state whose sands chunk and outer sands array
 * are copies, and one setTimer — and the old state untouched; `owned` (stepOwned()): the same
 * state with the deadline written in place. null: any other case, for onAdvert().
 */
export function backupHeard(router: RouterState, pkt: ReceivedAdvert, now: Micros, owned = false): { readonly router: RouterState; readonly effects: Effect[] } | null {
  // Config facts come from the dense table (hot.ts): of this instance only its record is read.
  const hot = router.index.hot;
  const i = instanceFor(hot, pkt);
  if (i < 0) return null;
  const f = hot.flags[i]!;
  const p = pkt.advert.priority;
  // IPv6's family checks stay with onAdvert(); a priority-0 advert restarts at Skew_Time.
  if ((f & F_FAMILY6) !== 0 || p === 0) return null;
  const v = instanceAt(router.instances, i)!;
  if (v.state !== 'BACKUP' || v.masterSaddr !== pkt.src || v.wantstate !== 'BACKUP') return null;
  const e = v.effectivePriority;
  const nopreempt = (f & F_NOPREEMPT) !== 0;
  const preemptDelay = (f & F_PREEMPT_DELAY) === 0 ? 0 : v.config.preemptDelay;
  const downTimerAdverts = hot.downTimerAdverts[i]!;
  if (downTimerAdverts < 0) return null;
  // The same source, so backupRx()'s checkAddr is !skipCheckAdvAddr.
  if (!follows(nopreempt, preemptDelay, v, p, e, now)) return null;
  if (!plainAdvert(hot, i, pkt) && advertRejection(v.config, pkt, (f & F_SKIP_CHECK_ADV_ADDR) === 0) !== null) return null;
  const version = (f & F_V3) !== 0 ? 3 : 2;
  const masterAdverInt = learntAdverInt(version, v, pkt);
  const msDownTimer = masterDownInterval(version, e, masterAdverInt, downTimerAdverts);
  if (masterAdverInt !== v.masterAdverInt || msDownTimer !== v.msDownTimer || preemptTimeAfter(preemptDelay, v, p, e, now) !== v.preemptTime) return null;
  const at = now + msDownTimer;
  if (router.sands[i >> INSTANCE_CHUNK_BITS]![i & (INSTANCE_CHUNK - 1)] === at) return null;
  const effects: Effect[] = [{ type: 'setTimer', key: router.index.instanceTimerKeys[i]!, at }];
  if (!owned) return { router: withSands(router, i, at), effects };
  // The caller owns the state (stepOwned()): the deadline is written where it is.
  (router.sands[i >> INSTANCE_CHUNK_BITS] as Micros[])[i & (INSTANCE_CHUNK - 1)] = at;
  return { router, effects };
}

/** vrrp_state_backup() follows the sender (rather than discarding a lower-priority advert). */
function follows(nopreempt: boolean, preemptDelay: Micros, v: InstanceState, p: number, e: number, now: Micros): boolean {
  return nopreempt || p >= e || (preemptDelay > 0 && (v.preemptTime === null || v.preemptTime > now));
}

/** v3 learns the master's interval from its advert; v2 keeps its own. */
function learntAdverInt(version: VrrpVersion, v: InstanceState, pkt: ReceivedAdvert): Micros {
  return version === 3 ? pkt.advert.advertInt : v.masterAdverInt;
}

/** preempt_delay: cleared by an advert we would not preempt, started by the first one we would. */
function preemptTimeAfter(preemptDelay: Micros, v: InstanceState, p: number, e: number, now: Micros): Micros | null {
  if (preemptDelay <= 0) return v.preemptTime;
  if (p >= e) return null;
  return v.preemptTime === null ? now + preemptDelay : v.preemptTime;
}

/** vrrp_state_backup(): leaves msDownTimer so that `now + msDownTimer` is the next expiry. */
function backupRx(ctx: Ctx, i: number, pkt: ReceivedAdvert): void {
  // put() may update this record in place: every read of `v` below comes before the first put
  // on its path (no defensive copy: this runs for every advert a backup hears).
  const v = inst(ctx, i);
  const c = v.config;
  const p = pkt.advert.priority;
  const e = v.effectivePriority;
  const checkAddr = !c.skipCheckAdvAddr || v.masterSaddr !== pkt.src;
  let ignore = advertRejection(c, pkt, checkAddr) !== null;
  // Fields are written through own() (no patch object: this runs for every advert heard).
  if (ignore) {
    // Invalid: falls through to the "ignored" timer arithmetic below.
  } else if (p === 0) {
    own(ctx, i).msDownTimer = skewTime(c.version, e, v.masterAdverInt);
  } else if (follows(c.nopreempt, c.preemptDelay, v, p, e, ctx.now)) {
    const masterAdverInt = learntAdverInt(c.version, v, pkt);
    const preemptTime = preemptTimeAfter(c.preemptDelay, v, p, e, ctx.now);
    const msDownTimer = masterDownInterval(c.version, e, masterAdverInt, c.downTimerAdverts);
    const o = own(ctx, i);
    o.masterAdverInt = masterAdverInt;
    o.masterSaddr = pkt.src;
    o.wantstate = 'BACKUP';
    o.preemptTime = preemptTime;
    o.msDownTimer = msDownTimer;
  } else {
    // Lower priority with preemption allowed: discard, our running down timer will take over.
    own(ctx, i).masterSaddr = pkt.src;
    ignore = true;
  }
  if (ignore) {
    const sands = sandsOf(ctx, i);
    own(ctx, i).msDownTimer = sands === null ? 0 : Math.max(0, sands - ctx.now);
  }
}

/** vrrp_state_master_rx(): true when this master must yield to the sender. */
function masterRx(ctx: Ctx, i: number, pkt: ReceivedAdvert): boolean {
  const v = inst(ctx, i);
  const c = v.config;
  if (advertRejection(c, pkt, true) !== null) return false;
  const p = pkt.advert.priority;
  let e = v.effectivePriority;
  const cmp = compareAddr(pkt.src, c.srcAddr);
  const higher = p > e || (p === e && cmp > 0);
  if (p === 0 || (c.higherPrioSendAdvert && higher)) {
    sendAdverts(ctx, i, e);
    if (p === 0) return false;
  }
  if (p === e && cmp !== 0 && e === VRRP_PRIO_OWNER) {
    // Two address owners: keepalived demotes itself to 254 and lets the election proceed.
    e = VRRP_PRIO_OWNER - 1;
    put(ctx, i, { basePriority: e, totalPriority: e, effectivePriority: e });
    ctx.effects.push({ type: 'priorityChange', instance: c.name, from: VRRP_PRIO_OWNER, to: e });
  }
  if (p < e || (p === e && cmp < 0)) {
    if (!c.lowerPrioNoAdvert) sendAdverts(ctx, i, e);
    lowerPrioGarp(ctx, i);
    const g = groupOf(ctx, i);
    if (g >= 0) {
      for (const j of groupMembers(ctx, g)) if (j !== i && inst(ctx, j).state === 'MASTER') lowerPrioGarp(ctx, j);
    }
    return false;
  }
  if (p > e || (p === e && cmp > 0)) {
    const masterAdverInt = c.version === 3 ? pkt.advert.advertInt : v.masterAdverInt;
    const w = put(ctx, i, { masterAdverInt, wantstate: 'BACKUP' });
    put(ctx, i, { msDownTimer: fullDownTimer(w) });
    return true;
  }
  return false;
}
