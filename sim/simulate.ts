// The simulator bound to the real VRRP core: what scenario runs, the property harness and the
// CLI call. engine.ts stays generic so engine tests can drive a stand-in core.
import { createRouter, step } from '../src/vrrp/router.js';
import { ownedCopy, stepOwned } from '../src/vrrp/owned.js';
import type { Fault, SimSpec } from './spec.js';
import type { SimResult } from './trace.js';
import * as engine from './engine.js';
import type { VrrpCore } from './world.js';

export type { Sim } from './engine.js';
export type { InstanceSnapshot } from './views.js';
export { flushTrace, result, runUntil } from './engine.js';
export { instanceStates, masters, vipHolders } from './views.js';
export type { SimOptions } from './engine.js';

/** Whatever the core calls its state; the engine only passes it back. */
export type RouterState = ReturnType<typeof createRouter>;

export const vrrpCore: VrrpCore<RouterState> = { createRouter, step, owned: { stepOwned, ownedCopy } };

export type RealSim = engine.Sim<RouterState>;

/** Runs `spec` to `spec.until`. Same spec (seed included) ⇒ byte-identical trace. */
export function simulate(spec: SimSpec): SimResult {
  return engine.simulateWith(spec, vrrpCore);
}

/** A paused run at t = 0; advance it with runUntil and inject faults with applyFault. */
export function createSim(spec: SimSpec, opts: engine.SimOptions = {}): RealSim {
  return engine.createSim(spec, vrrpCore, opts);
}

export function applyFault(sim: RealSim, fault: Fault): void {
  engine.applyFault(sim, fault);
}
