// Tracked objects and effective priority (keepalived-state-machine.md §11): what each
// track_script / track_interface contributes, which ones force FAULT, and the clamp.
import type { InstanceConfig, ScriptConfig } from './types.js';
import type { ScriptState } from './state.js';

export const VRRP_PRIO_OWNER = 255;

export function initialScriptState(cfg: ScriptConfig): ScriptState {
  return cfg.initFail
    ? { status: 'failed', result: 0, nextRunAt: null }
    : { status: 'init', result: cfg.rise - 1, nextRunAt: null };
}

/**
 * keepalived's rise/fall counter: `rise` successes in a row make a failed script OK, `fall`
 * failures make an OK one failed, and the very first result decides at once.
 */
export function applyScriptResult(cfg: ScriptConfig, s: ScriptState, ok: boolean): ScriptState {
  const top = cfg.rise + cfg.fall - 1;
  let status = s.status;
  let result: number;
  if (status === 'init') {
    status = ok ? 'ok' : 'failed';
    result = ok ? top : 0;
  } else if (ok) {
    if (s.result < cfg.rise - 1) result = s.result + 1;
    else {
      if (s.result === cfg.rise - 1) status = 'ok';
      result = top;
    }
  } else if (s.result > cfg.rise) result = s.result - 1;
  else {
    if (s.result === cfg.rise) status = 'failed';
    result = 0;
  }
  // A steady script (every check of a healthy one) changes nothing: the very same record, so
  // the step copies no scripts array and returns the very same RouterState.
  if (status === s.status && result === s.result) return s;
  return { status, result, nextRunAt: s.nextRunAt };
}

export interface Tracking {
  readonly totalPriority: number;
  readonly faults: number;
  readonly scriptsInit: number;
}

/** Tracked object health as keepalived sees it; undefined = script has not reported yet. */
export type TrackLookup = (kind: 'script' | 'interface', name: string) => boolean | undefined | null;

/**
 * Steady-state contribution of every tracked object (§11.2): positive weights add while OK,
 * negative ones subtract while failed, weight 0 forces FAULT (reverse flips OK and failed).
 * `null` from the lookup means the object does not exist (keepalived drops such tracks).
 */
export function evaluateTracking(cfg: InstanceConfig, basePriority: number, lookup: TrackLookup): Tracking {
  let total = basePriority;
  let faults = 0;
  let scriptsInit = 0;
  if (!cfg.dontTrackPrimary && lookup('interface', cfg.iface) === false) faults++;
  for (const t of cfg.track) {
    const ok = lookup(t.kind, t.name);
    if (ok === null) continue;
    const m = t.reverse ? -1 : 1;
    if (ok === undefined) {
      if (t.weight === 0) scriptsInit++;
      continue;
    }
    if (t.weight > 0) total += ok ? t.weight * m : 0;
    else if (t.weight < 0) total += ok ? 0 : t.weight * m;
    else if (t.reverse ? ok : !ok) faults++;
  }
  return { totalPriority: total, faults, scriptsInit };
}

/** vrrp_set_effective_priority's clamp: an owner never changes, others stay in 1..254. */
export function effectivePriority(basePriority: number, totalPriority: number): number {
  if (basePriority === VRRP_PRIO_OWNER) return VRRP_PRIO_OWNER;
  if (totalPriority < 1) return 1;
  if (totalPriority >= VRRP_PRIO_OWNER) return VRRP_PRIO_OWNER - 1;
  return totalPriority;
}
