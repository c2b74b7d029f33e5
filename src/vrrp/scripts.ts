// vrrp_script scheduling (keepalived-state-machine.md §11.3): the core asks the host to run a
// script at start and every `interval` after the start of the previous run, overlapping runs
// included (2.2.7 logs them but still starts them), and feeds results through rise/fall.
import type { Ctx } from './ctx.js';
import { putScript } from './ctx.js';
import type { ScriptState } from './state.js';
import { applyScriptResult } from './track.js';
import { reconcileAll } from './fault.js';

/** Start one run and schedule the next `interval` after this run's start (§11.3). */
export function runScript(ctx: Ctx, k: number): void {
  const cfg = ctx.config.scripts[k];
  const s = ctx.scripts[k];
  if (cfg === undefined || s === undefined) return;
  ctx.effects.push({ type: 'runScript', script: cfg.name, timeout: cfg.timeout });
  const at = ctx.now + cfg.interval;
  putScript(ctx, k, { status: s.status, result: s.result, nextRunAt: at });
  ctx.effects.push({ type: 'setTimer', key: ctx.index.scriptTimerKeys[k]!, at });
}


export function onScriptResult(ctx: Ctx, name: string, ok: boolean): void {
  const k = ctx.index.scriptByName.get(name);
  if (k === undefined) return;
  const cfg = ctx.config.scripts[k];
  const s = ctx.scripts[k];
  if (cfg === undefined || s === undefined) return;
  const next: ScriptState = applyScriptResult(cfg, s, ok);
  putScript(ctx, k, next);
  if (next.status !== s.status) reconcileAll(ctx);
}

export function onScriptTimer(ctx: Ctx, name: string): void {
  const k = ctx.index.scriptByName.get(name);
  const s = k === undefined ? undefined : ctx.scripts[k];
  if (k === undefined || s === undefined || s.nextRunAt === null || ctx.now < s.nextRunAt) return;
  runScript(ctx, k);
}
