// The core's public surface in one import for hosts (simulator, live runner) and tests.
// A host calls step(router, input, now) with a non-decreasing `now`, keeps the returned router,
// and carries out the effects in order: sendAdvert, setTimer/cancelTimer (one deadline per key),
// add/removeVip, garp, runScript (answer with a scriptResult), notify/transition/priorityChange
// (trace only). Old RouterStates stay valid forever; a no-op input returns the same object.
// stepOwned/ownedCopy (owned.ts): the same steps for a host that keeps only the latest state.
export { createRouter, step, instanceStatus, pendingTimers } from './router.js';
export { ownedCopy, stepOwned } from './owned.js';
export type { InstanceStatus, StepResult } from './router.js';
export type { RouterState, InstanceState, ScriptState, GroupState } from './state.js';
export { skewTime, skewTimeMin, masterDownInterval, TIMER_HZ, TIMER_CENTI_HZ } from './timers.js';
export { defaultInstanceConfig, defaultScriptConfig, DEFAULT_GARP } from './defaults.js';
export { applyScriptResult, effectivePriority, evaluateTracking } from './track.js';
export { advertRejection } from './validate.js';
export { compareAddr } from './address.js';
