// Tracking changes and FAULT (keepalived-state-machine.md §11, §12): recompute what the tracked
// objects say, shift a BACKUP's down timer on a priority change, and go down / come up exactly
// on the 0↔1 edges of the fault count, as down_instance() / try_up_instance() do.
import type { Ctx } from './ctx.js';
import { enterState, fullDownTimer, garp, groupMembers, groupOf, inst, notifyInstance, put, sandsOf, setSands } from './ctx.js';
import { masterDownInterval, skewTime } from './timers.js';
import { effectivePriority, evaluateTracking, VRRP_PRIO_OWNER } from './track.js';
import type { TrackLookup } from './track.js';
import { becomeMaster, leaveMaster } from './master.js';
import { canGotoMaster, syncBackup, syncFault, syncMaster } from './sync.js';

export function trackLookup(ctx: Ctx): TrackLookup {
  return (kind, name) => {
    if (kind === 'interface') return ctx.ifaces.get(name) ?? true;
    const k = ctx.index.scriptByName.get(name);
    if (k === undefined) return null;
    const s = ctx.scripts[k];
    return s === undefined || s.status === 'init' ? undefined : s.status === 'ok';
  };
}

/** Re-evaluate tracking for every instance (after a script result or a carrier change). */
export function reconcileAll(ctx: Ctx): void {
  const lookup = trackLookup(ctx);
  for (let i = 0; i < ctx.count; i++) reconcile(ctx, i, lookup);
}

function reconcile(ctx: Ctx, i: number, lookup: TrackLookup): void {
  const v = inst(ctx, i);
  const faultsBefore = v.faults;
  const initBefore = v.scriptsInit;
  const t = evaluateTracking(v.config, v.basePriority, lookup);
  const eff = effectivePriority(v.basePriority, t.totalPriority);
  if (eff !== v.effectivePriority) changePriority(ctx, i, eff);
  if (t.totalPriority !== v.totalPriority || t.faults !== faultsBefore || t.scriptsInit !== initBefore) {
    put(ctx, i, { totalPriority: t.totalPriority, faults: t.faults, scriptsInit: t.scriptsInit });
  }
  const s = inst(ctx, i).state;
  if (s === 'INIT' || s === 'STOP') return;
  if (faultsBefore === 0 && t.faults > 0) downInstance(ctx, i);
  else if (faultsBefore > 0 && t.faults === 0) tryUpInstance(ctx, i, false);
  else if (initBefore > 0 && t.scriptsInit === 0 && t.faults === 0) tryUpInstance(ctx, i, true);
}

/**
 * vrrp_set_effective_priority(): a BACKUP's pending expiry moves by the difference between the
 * stored and the new down timer (the stored one may be a remainder: keepalived does the same).
 */
function changePriority(ctx: Ctx, i: number, eff: number): void {
  const { config: c, effectivePriority: from, msDownTimer: oldDown, state, masterAdverInt } = inst(ctx, i);
  const sands = sandsOf(ctx, i);
  ctx.effects.push({ type: 'priorityChange', instance: c.name, from, to: eff });
  const down = masterDownInterval(c.version, eff, masterAdverInt, c.downTimerAdverts);
  put(ctx, i, { effectivePriority: eff, msDownTimer: down });
  if (state === 'BACKUP' && sands !== null) setSands(ctx, i, sands + down - oldDown);
}

function anyMember(ctx: Ctx, i: number, pred: (j: number) => boolean): boolean {
  const g = groupOf(ctx, i);
  return g >= 0 && groupMembers(ctx, g).some(pred);
}

/** down_instance(): a MASTER resigns with two priority-0 adverts; the whole sync group follows. */
export function downInstance(ctx: Ctx, i: number): void {
  const v = inst(ctx, i);
  const firstInGroup = !anyMember(ctx, i, (j) => j !== i && inst(ctx, j).faults > 0);
  if (v.state === 'MASTER') leaveMaster(ctx, i, 'FAULT', 2, 'tracking fault');
  else {
    put(ctx, i, { wantstate: 'FAULT' });
    enterState(ctx, i, 'FAULT', 'tracking fault');
    notifyInstance(ctx, i);
    setSands(ctx, i, null);
  }
  if (groupOf(ctx, i) >= 0 && firstInGroup) syncFault(ctx, i);
}

/**
 * try_up_instance(): back as BACKUP with the full down timer, even an owner; only an owner
 * with `state MASTER` leaving the initial script wait goes straight to MASTER.
 */
export function tryUpInstance(ctx: Ctx, i: number, leavingInit: boolean): void {
  const v = inst(ctx, i);
  if (v.state !== 'FAULT' || v.faults > 0 || v.scriptsInit > 0) return;
  const c = v.config;
  let wantMaster = leavingInit && c.initialState === 'MASTER' && v.basePriority === VRRP_PRIO_OWNER;
  const w = put(ctx, i, { wantstate: wantMaster ? 'MASTER' : 'BACKUP', masterAdverInt: c.advertInt });
  put(ctx, i, { msDownTimer: wantMaster ? c.advertInt + skewTime(c.version, w.effectivePriority, c.advertInt) : fullDownTimer(w) });
  if (anyMember(ctx, i, (j) => inst(ctx, j).faults > 0 || inst(ctx, j).scriptsInit > 0)) return;
  if (wantMaster && !canGotoMaster(ctx, i)) wantMaster = false;
  const reason = leavingInit ? 'tracking ready' : 'fault cleared';
  if (wantMaster) becomeMaster(ctx, i, reason);
  else {
    put(ctx, i, { wantstate: 'BACKUP', preemptTime: null });
    enterState(ctx, i, 'BACKUP', reason);
    notifyInstance(ctx, i);
    setSands(ctx, i, ctx.now + inst(ctx, i).msDownTimer);
  }
  // Unicast: let the master re-learn our MAC before its adverts would be lost.
  if (c.unicastPeers.length > 0) garp(ctx, i, [c.srcAddr], 1);
  if (groupOf(ctx, i) >= 0) {
    if (inst(ctx, i).state === 'MASTER') syncMaster(ctx, i);
    else syncBackup(ctx, i);
  }
}
