// The core's public surface in one import for hosts (simulator, live runner) and tests.
export { createRouter, step, instanceStatus, pendingTimers } from './router.js';
export type { InstanceStatus, StepResult } from './router.js';
export type { RouterState, InstanceState, ScriptState, GroupState } from './state.js';
export { skewTime, skewTimeMin, masterDownInterval, TIMER_HZ, TIMER_CENTI_HZ } from './timers.js';
export { defaultInstanceConfig, defaultScriptConfig, DEFAULT_GARP } from './defaults.js';
export { applyScriptResult, effectivePriority, evaluateTracking } from './track.js';
export { advertRejection } from './validate.js';
export { compareAddr } from './address.js';
