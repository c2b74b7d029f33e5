// The backup's receive fast path (receive.ts backupHeard) answers the commonest advert without
// the general path's Ctx. It must give exactly what the general path gives — the same state
// and effects — for every state it takes, and leave the old state as it was.
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { closeCtx, openCtx } from '../../src/vrrp/ctx.js';
import { backupHeard, onAdvert } from '../../src/vrrp/receive.js';
import type { Input } from '../../src/vrrp/types.js';
import { configArb, run, scheduleArb } from './core-arbitraries.js';

// The random schedules, with every advert heard again 0-3 times an interval apart, as a
// master repeats itself: a backup hearing its master again is the case the fast path takes.
const repeatedArb = fc.tuple(scheduleArb, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 60, maxLength: 60 }))
  .map(([schedule, repeats]) => schedule.flatMap(([dt, input], k): (readonly [number, Input])[] => [
    [dt, input],
    ...(input.type === 'advert' ? Array.from({ length: repeats[k]! }, () => [input.packet.advert.advertInt, input] as const) : []),
  ]));

describe('backup receive fast path', () => {
  it('gives the general path\'s state and effects, and leaves the old state as it was', () => {
    let taken = 0;
    fc.assert(fc.property(configArb, repeatedArb, (config, schedule) => {
      const { states } = run(config, schedule);
      let now = 0;
      schedule.forEach(([dt, input], k) => {
        now += dt;
        const r = states[k]!;
        if (input.type !== 'advert' || r.phase !== 'running') return;
        const snap = structuredClone(r);
        const fast = backupHeard(r, input.packet, now);
        if (fast === null) return;
        taken++;
        const ctx = openCtx(r, now);
        onAdvert(ctx, input.packet);
        expect(fast.router).toEqual(closeCtx(r, ctx));
        expect(fast.effects).toEqual(ctx.effects);
        expect(r).toEqual(snap);
      });
    }), { numRuns: 400 });
    // Else the property above checked nothing.
    expect(taken).toBeGreaterThan(50);
  });
});
