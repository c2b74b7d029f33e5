// Entering, being and leaving MASTER (keepalived-state-machine.md §7, §8, §9 leave path, §12,
// §14): the advert goes out first so the old master drops the VIPs before our GARPs arrive.
import type { Ctx } from './ctx.js';
import type { GarpRound } from './state.js';
import { allVips, enterState, fullDownTimer, garp, inst, notifyInstance, put, sendAdverts, setSands } from './ctx.js';

/** Keep the garpDelay timer on the earliest pending round (or off when none is left). */
function setGarpRounds(ctx: Ctx, i: number, rounds: readonly GarpRound[]): void {
  const v = inst(ctx, i);
  const before = v.garpRounds[0]?.at;
  put(ctx, i, { garpRounds: rounds });
  const at = rounds[0]?.at;
  if (before === at) return;
  const key = { kind: 'garpDelay', instance: v.config.name } as const;
  ctx.effects.push(at === undefined ? { type: 'cancelTimer', key } : { type: 'setTimer', key, at });
}

/** keepalived starts one timer thread per delayed round, so rounds never replace each other. */
function addGarpRound(ctx: Ctx, i: number, at: number, count: number): void {
  const rounds = [...inst(ctx, i).garpRounds, { at, count }].sort((a, b) => a.at - b.at);
  setGarpRounds(ctx, i, rounds);
}

/** vrrp_state_goto_master() + the first vrrp_state_master_tx(), sync group already agreed. */
export function becomeMaster(ctx: Ctx, i: number, reason: string): void {
  put(ctx, i, { wantstate: 'MASTER' });
  sendAdverts(ctx, i, inst(ctx, i).effectivePriority);
  enterState(ctx, i, 'MASTER', reason);
  const v = inst(ctx, i);
  if (!v.vipset) {
    const c = v.config;
    put(ctx, i, {
      masterAdverInt: c.advertInt,
      vipset: true,
      garpRefreshAt: c.garp.masterRefresh > 0 ? ctx.now + c.garp.masterRefresh : null,
    });
    for (const vip of allVips(v)) ctx.effects.push({ type: 'addVip', instance: c.name, iface: c.iface, vip });
    garp(ctx, i, allVips(v), c.garp.masterRepeat);
    notifyInstance(ctx, i);
    if (c.garp.masterDelay > 0) addGarpRound(ctx, i, ctx.now + c.garp.masterDelay, c.garp.masterRepeat);
  }
  setSands(ctx, i, ctx.now + inst(ctx, i).config.advertInt, true);
}

/** Adver timer expiry: advert with the current priority; GARP refresh only ever checked here. */
export function masterTx(ctx: Ctx, i: number): void {
  const v = inst(ctx, i);
  sendAdverts(ctx, i, v.effectivePriority);
  const g = v.config.garp;
  if (v.garpRefreshAt !== null && ctx.now >= v.garpRefreshAt) {
    garp(ctx, i, allVips(v), g.masterRefreshRepeat);
    put(ctx, i, { garpRefreshAt: ctx.now + g.masterRefresh });
  }
  setSands(ctx, i, ctx.now + v.config.advertInt, true);
}

/** A lower-priority master was heard: GARP now and once more after garp_lower_prio_delay. */
export function lowerPrioGarp(ctx: Ctx, i: number): void {
  const v = inst(ctx, i);
  const g = v.config.garp;
  if (!v.vipset || g.lowerPrioRepeat <= 0) return;
  garp(ctx, i, allVips(v), g.lowerPrioRepeat);
  if (g.lowerPrioDelay > 0) addGarpRound(ctx, i, ctx.now + g.lowerPrioDelay, g.lowerPrioRepeat);
}

/** The delayed GARP rounds now due; nothing if the VIPs were released meanwhile. */
export function garpDelayFired(ctx: Ctx, i: number): void {
  const v = inst(ctx, i);
  const due = v.garpRounds.filter((r) => r.at <= ctx.now);
  if (due.length === 0) return;
  setGarpRounds(ctx, i, v.garpRounds.filter((r) => r.at > ctx.now));
  if (v.vipset) for (const r of due) garp(ctx, i, allVips(v), r.count);
}

/** Drop the VIPs without changing state (leave master, shutdown). */
export function releaseVips(ctx: Ctx, i: number): void {
  const v = inst(ctx, i);
  if (!v.vipset) return;
  const c = v.config;
  for (const vip of allVips(v)) ctx.effects.push({ type: 'removeVip', instance: c.name, iface: c.iface, vip });
  put(ctx, i, { vipset: false, garpRefreshAt: null });
  setGarpRounds(ctx, i, []);
}

/**
 * vrrp_state_leave_master(): `prio0Adverts` resignation adverts (2 for a tracking FAULT, 1 for
 * a sync-group FAULT, 0 when a better master was heard), VIPs released, notify.
 */
export function leaveMaster(ctx: Ctx, i: number, to: 'BACKUP' | 'FAULT', prio0Adverts: number, reason: string): void {
  for (let k = 0; k < prio0Adverts; k++) sendAdverts(ctx, i, 0);
  releaseVips(ctx, i);
  put(ctx, i, { wantstate: to });
  enterState(ctx, i, to, reason);
  notifyInstance(ctx, i);
  if (to === 'BACKUP') {
    const v = put(ctx, i, { preemptTime: null });
    const down = fullDownTimer(v);
    put(ctx, i, { msDownTimer: down });
    setSands(ctx, i, ctx.now + down);
  } else {
    setSands(ctx, i, null);
  }
}
