// The core-state comparison of fast-forward (sim/fast-forward-core.ts) on hand-made states: a
// time that moved by the period passes, one that stayed put after the period's first instant
// fails (a deadline the world would reach), also inside an object both states share, and what
// one comparison remembered of shared objects must not let a later one with an earlier
// horizon through.
import { describe, expect, it } from 'vitest';
import { coreStatesMoved } from '../../../sim/fast-forward-core.js';
import { createFastForward } from '../../../sim/fast-forward.js';
import type { World } from '../../../sim/world.js';

type State = Readonly<Record<string, unknown>>;

/** Just what coreStatesMoved reads of a world: the hosts' configs and states, and the fast-forward's scratch. */
function world(router: State): World<State> {
  return { hosts: new Map([['a', { config: null, router }]]), ff: createFastForward<State>() } as unknown as World<State>;
}

const P = 1_000_000;

describe('core states compared one period apart', () => {
  it('a time P later passes; an equal one passes only up to the horizon', () => {
    const w = world({ sands: 5 * P, fixed: 7 * P });
    expect(coreStatesMoved(w, [{ sands: 4 * P, fixed: 7 * P }], P, 8 * P)).toBe(true);
    expect(coreStatesMoved(w, [{ sands: 4 * P, fixed: 7 * P }], P, 6 * P)).toBe(false);
    expect(coreStatesMoved(w, [{ sands: 3 * P, fixed: 7 * P }], P, 8 * P)).toBe(false);
  });

  it('records with the same fields in another order are the same record (the core never enumerates them)', () => {
    const w = world({ a: 1, sands: 5 * P });
    expect(coreStatesMoved(w, [{ sands: 4 * P, a: 1 }], P, 8 * P)).toBe(true);
    expect(coreStatesMoved(w, [{ sands: 4 * P, b: 1 }], P, 8 * P)).toBe(false);
  });

  it('a shared object checked within a later horizon is checked again within an earlier one', () => {
    const shared = { preemptTime: 100 * P };
    const w = world({ sands: 5 * P, shared });
    const was = [{ sands: 4 * P, shared }];
    expect(coreStatesMoved(w, was, P, 150 * P)).toBe(true);
    // The same shared object, now with a horizon before its deadline: that deadline stays put
    // while the world moves, so the world is not periodic.
    expect(coreStatesMoved(w, was, P, 50 * P)).toBe(false);
    expect(coreStatesMoved(w, was, P, 150 * P)).toBe(true);
  });
});
