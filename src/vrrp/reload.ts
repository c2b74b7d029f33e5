// SIGHUP with a new configuration. Before anything else every MASTER sends one advert with the
// priority it has before the reload (vrrp_daemon.c sigreload_vrrp() -> send_reload_advert_thread(),
// which schedules reload_vrrp_thread() after the last one; the parent forwards SIGHUP to the VRRP
// child once it has re-read the config, core/main.c do_reload()/propagate_signal()), so a
// backup restarts its down timer from that advert. Then keepalived rebuilds its instances and
// carries each surviving instance's state over: a master stays MASTER and advertises at once
// (reload_master: vrrp_init_instance_sands() sets sands = now) with the new
// priority, a backup restarts its down timer from the new values without notifying, an
// instance that left the configuration resigns like a stopping master.
import type { Effect, InstanceConfig, Micros, RouterConfig } from './types.js';
import type { GroupState, InstanceState, RouterState, ScriptState } from './state.js';
import { SANDS_OFF, instanceAt, toChunks } from './state.js';
import type { Ctx } from './ctx.js';
import { allVips, closeCtx, copyInstance, enterState, fullDownTimer, garp, inst, newCtx, openCtx, put, putGroup, sandsOf, sendAdverts, setSands } from './ctx.js';
import { buildIndex, initialInstanceState } from './create.js';
import { releaseVips } from './master.js';
import { initInstance, initTracking, initialGroupState } from './lifecycle.js';
import { reconcileAll } from './fault.js';
import { runScript } from './scripts.js';
import { initialScriptState } from './track.js';

export function reloadRouter(router: RouterState, config: RouterConfig, now: Micros): { router: RouterState; effects: Effect[] } {
  const effects: Effect[] = [];
  const old = openCtx(router, now, effects);
  for (let i = 0; i < old.count; i++) {
    const v = inst(old, i);
    if (v.state === 'MASTER') sendAdverts(old, i, v.effectivePriority);
  }
  const keep = new Set(config.instances.map((c) => c.name));
  for (let i = 0; i < old.count; i++) {
    if (!keep.has(inst(old, i).config.name)) deleteInstance(old, i);
  }
  const index = buildIndex(config);
  const oldScripts = new Map(router.config.scripts.map((s, k) => [s.name, router.scripts[k]] as const));
  const scripts: ScriptState[] = config.scripts.map((s) => {
    const prev = oldScripts.get(s.name);
    return prev === undefined ? initialScriptState(s) : { ...prev, result: Math.min(prev.result, s.rise + s.fall - 1) };
  });
  const oldGroups = new Map(router.config.syncGroups.map((g, k) => [g.name, router.groups[k]] as const));
  const chunks = toChunks(config.instances.map((c) => carry(old, c)));
  const sands = toChunks(config.instances.map((c) => carrySands(old, c)));
  const groups = config.syncGroups.map((g): GroupState => oldGroups.get(g.name) ?? { state: 'INIT' });
  const ctx = newCtx(now, config, index, chunks, sands, true, groups, scripts, router.ifaces, effects);
  // A master that gained addresses sends a full GARP round for all of them (restore_vrrp_state).
  for (let i = 0; i < ctx.count; i++) {
    const v = inst(ctx, i);
    if (v.vipset && gainedVips(router, v)) {
      garp(ctx, i, allVips(v), v.config.garp.masterRepeat);
      const refresh = v.config.garp.masterRefresh;
      put(ctx, i, { garpRefreshAt: refresh > 0 ? now + refresh : null });
    }
  }
  const fresh: number[] = [];
  for (let i = 0; i < ctx.count; i++) {
    if (inst(ctx, i).state === 'INIT') {
      initTracking(ctx, i);
      fresh.push(i);
    }
  }
  ctx.groups.forEach((g, k) => { if (g.state === 'INIT') putGroup(ctx, k, { state: initialGroupState(ctx, k) }); });
  for (const i of fresh) initInstance(ctx, i);
  // Priority and fault edges first (they notify), then the timers restart from the new values.
  reconcileAll(ctx);
  for (let i = 0; i < ctx.count; i++) if (!fresh.includes(i)) restartTimer(ctx, i);
  index.scriptUsed.forEach((used, k) => {
    const s = scripts[k];
    if (used && s !== undefined && s.nextRunAt === null) runScript(ctx, k);
  });
  router.scripts.forEach((s, k) => {
    const name = router.config.scripts[k]?.name;
    if (name === undefined || s.nextRunAt === null) return;
    const nk = index.scriptByName.get(name);
    if (nk === undefined || index.scriptUsed[nk] !== true) {
      effects.push({ type: 'cancelTimer', key: { kind: 'script', script: name } });
      if (nk !== undefined && scripts[nk] !== undefined) scripts[nk] = { ...scripts[nk], nextRunAt: null };
    }
  });
  return { router: closeCtx(router, ctx), effects };
}

function gainedVips(router: RouterState, v: InstanceState): boolean {
  const i = router.index.instanceByName.get(v.config.name);
  const prev = i === undefined ? undefined : instanceAt(router.instances, i);
  if (prev === undefined) return false;
  const before = new Set(allVips(prev));
  return allVips(v).some((a) => !before.has(a));
}

/** clear_diff_vrrp(): a master resigns with one priority-0 advert; DELETED is notified as FAULT. */
function deleteInstance(ctx: Ctx, i: number): void {
  const v = inst(ctx, i);
  if (v.state === 'MASTER') sendAdverts(ctx, i, 0);
  releaseVips(ctx, i);
  setSands(ctx, i, null);
  const wasFault = v.state === 'FAULT';
  enterState(ctx, i, 'STOP', 'deleted by reload');
  if (!wasFault) {
    ctx.effects.push({ type: 'notify', scope: 'INSTANCE', name: v.config.name, state: 'FAULT', priority: v.effectivePriority });
  }
}

/** The surviving record with the new config; VIP set differences applied at once on a master. */
function carry(old: Ctx, c: InstanceConfig): InstanceState {
  const i = old.index.instanceByName.get(c.name);
  const prev = i === undefined ? undefined : instanceAt(old.chunks, i);
  if (prev === undefined || prev.state === 'STOP' || prev.state === 'INIT') return initialInstanceState(c);
  // copyInstance's literal, not a spread: a spread made records of a second shape (most fields
  // out of the object), and every reader of records met two (explore's fresh-process figure).
  const next = copyInstance(prev);
  next.config = c;
  next.basePriority = c.priority;
  next.masterAdverInt = c.advertInt;
  if (prev.vipset) {
    const before = new Set(allVips(prev));
    const after = new Set(allVips(next));
    for (const vip of before) if (!after.has(vip)) old.effects.push({ type: 'removeVip', instance: c.name, iface: prev.config.iface, vip });
    for (const vip of after) if (!before.has(vip)) old.effects.push({ type: 'addVip', instance: c.name, iface: c.iface, vip });
  }
  return next;
}

/** The surviving instance's deadline, as carry() keeps its record (a new one starts disabled). */
function carrySands(old: Ctx, c: InstanceConfig): Micros {
  const i = old.index.instanceByName.get(c.name);
  const prev = i === undefined ? undefined : instanceAt(old.chunks, i);
  if (i === undefined || prev === undefined || prev.state === 'STOP' || prev.state === 'INIT') return SANDS_OFF;
  return sandsOf(old, i) ?? SANDS_OFF;
}

function restartTimer(ctx: Ctx, i: number): void {
  const v = inst(ctx, i);
  if (v.state === 'MASTER') setSands(ctx, i, ctx.now, true);
  else if (v.state === 'BACKUP') {
    const down = fullDownTimer(v);
    put(ctx, i, { msDownTimer: down });
    setSands(ctx, i, ctx.now + down, true);
  }
}
