// The simulator steps its routers in place (src/vrrp/owned.ts) but a router anyone else may
// hold is never written: one a caller read from a paused Sim (createSim is public) is as
// immutable as step() promises, and so are fast-forward's snapshots (identity bench, on/off).
import { describe, expect, it } from 'vitest';
import { createSim, runUntil } from '../../../sim/simulate.js';
import { pendingTimers } from '../../../src/vrrp/core.js';
import { SEC, spec } from './fixtures.js';

describe('owned steps in the simulator', () => {
  it('a router read between two runUntil calls keeps its deadlines while the run goes on', () => {
    for (const fastForward of [true, false]) {
      const sim = createSim({ ...spec(), fastForward });
      runUntil(sim, 10 * SEC);
      // The backup: it hears its master's advert every second and moves its down timer.
      const kept = sim.hosts.get('a')!.router!;
      const before = JSON.stringify(pendingTimers(kept));
      runUntil(sim, 20 * SEC);
      expect(JSON.stringify(pendingTimers(sim.hosts.get('a')!.router!))).not.toBe(before);
      expect(JSON.stringify(pendingTimers(kept))).toBe(before);
    }
  });
});
