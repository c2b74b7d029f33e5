// Reading a real run's trace in the conformance tests that check keepalived's instants against
// formulas: one node's transitions, the first to a state after an instant, and the trace printed
// with a failed timing assertion (what keepalived actually did).
import { expect } from 'vitest';
import type { TraceEvent } from '../../sim/trace.js';
import type { VrrpState } from '../../src/vrrp/types.js';
import type { RealRunResult } from '../../src/conformance/run.js';

export type State = Extract<TraceEvent, { type: 'state' }>;

export function transitions(r: RealRunResult, node: string): State[] {
  return r.trace.filter((e): e is State => e.type === 'state' && e.node === node);
}

export function find(list: readonly State[], to: VrrpState, after: number): State {
  const e = list.find((x) => x.to === to && x.t >= after);
  if (e === undefined) throw new Error(`no transition to ${to} after ${after} µs in ${JSON.stringify(list)}`);
  return e;
}

export const show = (r: RealRunResult): string => r.trace.filter((e) => e.type === 'state' || e.type === 'fault').map((e) => JSON.stringify(e)).join('\n');

/** keepalived's own overhead per timer (observed 1–6 ms) plus FIFO and event-loop delay. */
export const TIMER_TOL = 50_000;

/**
 * A graceful stop of the master at `stopAt`: it reports STOP at once, and its priority-0 advert
 * lets the backup take over after its skew time alone (RFC 5798 §6.4.2, keepalived vrrp.c
 * vrrp_state_backup: ms_down_timer = skew on a priority-0 advert).
 */
export function expectGracefulHandover(r: RealRunResult, master: string, backup: string, stopAt: number, skew: number): void {
  const stop = find(transitions(r, master), 'STOP', stopAt);
  expect(stop.from).toBe('MASTER');
  expect(stop.t - stopAt).toBeLessThanOrEqual(TIMER_TOL);
  const taken = find(transitions(r, backup), 'MASTER', stopAt);
  expect(Math.abs(taken.t - stop.t - skew), show(r)).toBeLessThanOrEqual(TIMER_TOL);
}
