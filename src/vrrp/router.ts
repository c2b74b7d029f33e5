// Theory of operation: README.md in this folder; every state change is a row of transitions.ts.
// The sans-IO core: `step(router, input, now)` returns the next RouterState and the effects
// the host must carry out. Pure: it never mutates its argument and reads no clock, socket or
// random source. Timers are data (TimerKey, one deadline per key; a setTimer replaces the
// previous deadline of its key). A stale or early firing is harmless: every expiry is checked
// against the deadline kept in the state.
import type { Effect, Input, Ipv4, Micros, ReceivedAdvert, TimerKey, VrrpState } from './types.js';
import type { RouterState } from './state.js';
import { instanceAt, sandsAt } from './state.js';
import type { Ctx } from './ctx.js';
import { allVips, closeCtx, fullDownTimer, inst, openCtx, put, sandsOf, setSands } from './ctx.js';
import { becomeMaster, garpDelayFired, masterTx } from './master.js';
import { canGotoMaster, syncMaster } from './sync.js';
import { backupHeard, onAdvert } from './receive.js';
import { reconcileAll } from './fault.js';
import { onScriptResult, onScriptTimer } from './scripts.js';
import { startRouter, stopRouter } from './lifecycle.js';
import { reloadRouter } from './reload.js';

export { createRouter } from './create.js';

export interface StepResult {
  readonly router: RouterState;
  readonly effects: Effect[];
}

export function step(router: RouterState, input: Input, now: Micros): StepResult {
  if (input.type === 'start') {
    if (router.phase !== 'init') return { router, effects: [] };
    const ctx = openCtx(router, now);
    startRouter(ctx, input.ifaceUp);
    return { router: closeCtx(router, ctx, 'running'), effects: ctx.effects };
  }
  if (router.phase !== 'running') return { router, effects: [] };
  if (input.type === 'reload') return reloadRouter(router, input.config, now);
  if (input.type === 'advert') return stepAdvert(router, input.packet, now);
  const ctx = openCtx(router, now);
  switch (input.type) {
    case 'timer':
      onTimer(ctx, input.key);
      break;
    case 'scriptResult':
      onScriptResult(ctx, input.script, input.ok);
      break;
    case 'interface':
      if ((ctx.ifaces.get(input.iface) ?? true) !== input.up) {
        ctx.ifaces = new Map(ctx.ifaces).set(input.iface, input.up);
        reconcileAll(ctx);
      }
      break;
    case 'stop':
      stopRouter(ctx);
      return { router: closeCtx(router, ctx, 'stopped'), effects: ctx.effects };
  }
  if (unchanged(ctx, router)) return { router, effects: ctx.effects };
  return { router: closeCtx(router, ctx), effects: ctx.effects };
}

/** An advert: most often one a backup hears from its master (backupHeard), else the rules. */
function stepAdvert(router: RouterState, pkt: ReceivedAdvert, now: Micros): StepResult {
  const heard = backupHeard(router, pkt, now);
  if (heard !== null) return heard;
  const ctx = openCtx(router, now);
  onAdvert(ctx, pkt);
  if (unchanged(ctx, router)) return { router, effects: ctx.effects };
  return { router: closeCtx(router, ctx), effects: ctx.effects };
}

/** Lets hosts compare states by identity: a no-op input returns the very same RouterState. */
function unchanged(ctx: Ctx, r: RouterState): boolean {
  // Chunks are copied on the first put(), so uncopied ones are the very same.
  // Groups and scripts likewise, and a write of the very same record copies nothing.
  return ctx.ifaces === r.ifaces && !ctx.chunksCopied && !ctx.sandsCopied && !ctx.groupsCopied && !ctx.scriptsCopied;
}

function onTimer(ctx: Ctx, key: TimerKey): void {
  if (key.kind === 'script') {
    onScriptTimer(ctx, key.script);
    return;
  }
  const i = ctx.index.instanceByName.get(key.instance);
  if (i === undefined) return;
  if (key.kind === 'garpDelay') {
    garpDelayFired(ctx, i);
    return;
  }
  const v = inst(ctx, i);
  const sands = sandsOf(ctx, i);
  if (sands === null || ctx.now < sands) return;
  if (v.state === 'MASTER') masterTx(ctx, i);
  else if (v.state === 'BACKUP') backupTimeout(ctx, i);
}

/** vrrp_goto_master(): a sync group may hold us in BACKUP, re-armed with a full down timer. */
function backupTimeout(ctx: Ctx, i: number): void {
  const v = put(ctx, i, { wantstate: 'MASTER' });
  if (!canGotoMaster(ctx, i)) {
    const down = fullDownTimer(v);
    put(ctx, i, { msDownTimer: down });
    setSands(ctx, i, ctx.now + down, true);
    return;
  }
  becomeMaster(ctx, i, 'advert timeout');
  syncMaster(ctx, i);
}

export interface InstanceStatus {
  readonly state: VrrpState;
  readonly effectivePriority: number;
  readonly masterAdvertInt: Micros;
  readonly vipsHeld: readonly Ipv4[];
}

/** What a host or test may read about one instance; throws for an unknown name (a caller bug). */
export function instanceStatus(router: RouterState, name: string): InstanceStatus {
  const i = router.index.instanceByName.get(name);
  const v = i === undefined ? undefined : instanceAt(router.instances, i);
  if (v === undefined) throw new Error(`vrrp core: no instance named ${name}`);
  return {
    state: v.state,
    effectivePriority: v.effectivePriority,
    masterAdvertInt: v.masterAdverInt,
    vipsHeld: v.vipset ? allVips(v) : [],
  };
}

/** Every armed timer with its deadline, for hosts that rebuild their timer queue from state. */
export function pendingTimers(router: RouterState): { key: TimerKey; at: Micros }[] {
  const out: { key: TimerKey; at: Micros }[] = [];
  for (let i = 0; i < router.config.instances.length; i++) {
    const v = instanceAt(router.instances, i)!;
    const sands = sandsAt(router, i);
    if (sands !== null) out.push({ key: { kind: 'instance', instance: v.config.name }, at: sands });
    const round = v.garpRounds[0];
    if (round !== undefined) out.push({ key: { kind: 'garpDelay', instance: v.config.name }, at: round.at });
  }
  router.scripts.forEach((s, k) => {
    const cfg = router.config.scripts[k];
    if (s.nextRunAt !== null && cfg !== undefined) out.push({ key: { kind: 'script', script: cfg.name }, at: s.nextRunAt });
  });
  return out;
}
