// Start (vrrp_init_state, keepalived-state-machine.md §4) and SIGTERM (§13).
import type { Ctx } from './ctx.js';
import { enterState, fullDownTimer, groupMembers, inst, notifyInstance, put, putGroup, putScript, sendAdverts, setGroupState, setSands } from './ctx.js';
import { evaluateTracking, effectivePriority, VRRP_PRIO_OWNER } from './track.js';
import { trackLookup } from './fault.js';
import { skewTimeMin } from './timers.js';
import { releaseVips } from './master.js';
import { runScript } from './scripts.js';

/** Tracking as it stands at start, before any script has reported. */
export function initTracking(ctx: Ctx, i: number): void {
  const v = inst(ctx, i);
  const t = evaluateTracking(v.config, v.basePriority, trackLookup(ctx));
  put(ctx, i, {
    totalPriority: t.totalPriority,
    effectivePriority: effectivePriority(v.basePriority, t.totalPriority),
    faults: t.faults,
    scriptsInit: t.scriptsInit,
  });
}

/**
 * sync.c:77-82: a group starts MASTER only if every member is an owner with `state MASTER`.
 * vrrp_track.c:883-888 (initialise_tracking_priorities): a member still waiting for an
 * unweighted script's first result puts the group in INIT (unless it is in FAULT), so that
 * vrrp_sync_backup() (vrrp_sync.c) brings every member to BACKUP when the result comes.
 */
export function initialGroupState(ctx: Ctx, g: number): 'MASTER' | 'BACKUP' | 'FAULT' | 'INIT' {
  const members = groupMembers(ctx, g);
  if (members.some((j) => inst(ctx, j).faults > 0)) return 'FAULT';
  if (members.some((j) => inst(ctx, j).scriptsInit > 0)) return 'INIT';
  const allOwners = members.every((j) => {
    const c = inst(ctx, j).config;
    return c.initialState === 'MASTER' && c.priority === VRRP_PRIO_OWNER;
  });
  return allOwners ? 'MASTER' : 'BACKUP';
}

/** vrrp_init_state() for one instance. */
export function initInstance(ctx: Ctx, i: number): void {
  const v = inst(ctx, i);
  const g = ctx.index.groupOf[i] ?? -1;
  const group = g >= 0 ? ctx.groups[g] : undefined;
  const groupInit = g >= 0 && groupMembers(ctx, g).some((j) => inst(ctx, j).scriptsInit > 0);
  const newState = group !== undefined ? group.state : v.wantstate;
  const isUp = v.faults === 0;
  const noInit = v.scriptsInit === 0 && !groupInit;
  if (isUp && newState === 'MASTER' && noInit && v.basePriority === VRRP_PRIO_OWNER && v.wantstate === 'MASTER') {
    // The simplest way to become master: time out of BACKUP after 1 µs, without a BACKUP notify.
    put(ctx, i, { msDownTimer: 1 });
    enterState(ctx, i, 'BACKUP', 'init (address owner)');
    setSands(ctx, i, ctx.now + 1);
    return;
  }
  const down = newState === 'BACKUP' && v.wantstate === 'MASTER'
    ? v.masterAdverInt + skewTimeMin(v.config.version, v.masterAdverInt)
    : fullDownTimer(v);
  put(ctx, i, { msDownTimer: down });
  if (isUp && newState !== 'FAULT' && noInit) {
    enterState(ctx, i, 'BACKUP', 'init');
    notifyInstance(ctx, i);
    setSands(ctx, i, ctx.now + down);
  } else {
    put(ctx, i, { wantstate: isUp ? v.wantstate : 'FAULT' });
    enterState(ctx, i, 'FAULT', isUp ? 'init (waiting for track scripts)' : 'init (tracked object down)');
    // Waiting only for unweighted scripts' first result is silent.
    if (v.faults > 0) notifyInstance(ctx, i);
    setSands(ctx, i, null);
  }
}

export function startRouter(ctx: Ctx, ifaceUp: ReadonlyMap<string, boolean>): void {
  ctx.ifaces = new Map(ifaceUp);
  for (let i = 0; i < ctx.count; i++) initTracking(ctx, i);
  for (let g = 0; g < ctx.groups.length; g++) {
    const s = initialGroupState(ctx, g);
    // Only BACKUP and FAULT groups notify at init; a MASTER group notifies when it gets there.
    if (s === 'MASTER') putGroup(ctx, g, { state: s });
    else setGroupState(ctx, g, s);
  }
  for (let i = 0; i < ctx.count; i++) initInstance(ctx, i);
  ctx.index.scriptUsed.forEach((used, k) => { if (used) runScript(ctx, k); });
}

/** SIGTERM: masters send one priority-0 advert and release VIPs, then everyone notifies STOP. */
export function stopRouter(ctx: Ctx): void {
  for (let i = 0; i < ctx.count; i++) {
    if (inst(ctx, i).state === 'MASTER') {
      sendAdverts(ctx, i, 0);
      releaseVips(ctx, i);
    }
  }
  for (let i = 0; i < ctx.count; i++) {
    setSands(ctx, i, null);
    enterState(ctx, i, 'STOP', 'shutdown');
    notifyInstance(ctx, i);
  }
  for (let g = 0; g < ctx.groups.length; g++) setGroupState(ctx, g, 'STOP');
  ctx.scripts.forEach((s, k) => {
    const cfg = ctx.config.scripts[k];
    if (s.nextRunAt === null || cfg === undefined) return;
    putScript(ctx, k, { ...s, nextRunAt: null });
    ctx.effects.push({ type: 'cancelTimer', key: { kind: 'script', script: cfg.name } });
  });
}
