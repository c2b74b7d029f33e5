// The backup's receive fast path (receive.ts backupHeard) answers the commonest advert without
// the general path's Ctx. It must give exactly what the general path gives — the same state
// and effects — for every state it takes, and leave the old state as it was. Each advert is
// also heard carrying the receiver's own VIP list and auth objects, as the simulator interns
// them (sim/intern.ts): then plainAdvert() passes it without advertRejection(), and the answer
// must still be the general path's.
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { closeCtx, openCtx } from '../../src/vrrp/ctx.js';
import { backupHeard, onAdvert } from '../../src/vrrp/receive.js';
import { ownedCopy, stepOwned } from '../../src/vrrp/owned.js';
import { plainAdvert } from '../../src/vrrp/validate.js';
import type { Input, ReceivedAdvert } from '../../src/vrrp/types.js';
import type { RouterState } from '../../src/vrrp/state.js';
import { configArb, run, scheduleArb } from './core-arbitraries.js';

// The random schedules, with every advert heard again 0-3 times an interval apart, as a
// master repeats itself: a backup hearing its master again is the case the fast path takes.
const repeatedArb = fc.tuple(scheduleArb, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 60, maxLength: 60 }))
  .map(([schedule, repeats]) => schedule.flatMap(([dt, input], k): (readonly [number, Input])[] => [
    [dt, input],
    ...(input.type === 'advert' ? Array.from({ length: repeats[k]! }, () => [input.packet.advert.advertInt, input] as const) : []),
  ]));

/** The packet with the VIP list and auth of the instance of its VRID when equal in content, else itself. */
function interned(r: RouterState, pkt: ReceivedAdvert): ReceivedAdvert {
  const c = r.config.instances.find((x) => x.vrid === pkt.advert.vrid);
  if (c === undefined) return pkt;
  const a = pkt.advert;
  const vips = a.vips.join(' ') === c.vips.join(' ') ? c.vips : a.vips;
  const auth = JSON.stringify(a.auth) === JSON.stringify(c.auth) ? c.auth : a.auth;
  return { ...pkt, advert: { ...a, vips, auth } };
}

describe('backup receive fast path', () => {
  it('gives the general path\'s state and effects, and leaves the old state as it was', () => {
    let taken = 0;
    let plain = 0;
    fc.assert(fc.property(configArb, repeatedArb, (config, schedule) => {
      const { states } = run(config, schedule);
      let now = 0;
      schedule.forEach(([dt, input], k) => {
        now += dt;
        const r = states[k]!;
        if (input.type !== 'advert' || r.phase !== 'running') return;
        for (const pkt of [input.packet, interned(r, input.packet)]) {
          const snap = structuredClone(r);
          const fast = backupHeard(r, pkt, now);
          if (fast === null) continue;
          taken++;
          const i = r.config.instances.findIndex((x) => x.vrid === pkt.advert.vrid);
          if (i >= 0 && plainAdvert(r.index.hot, i, pkt)) plain++;
          const ctx = openCtx(r, now);
          onAdvert(ctx, pkt);
          expect(fast.router).toEqual(closeCtx(r, ctx));
          expect(fast.effects).toEqual(ctx.effects);
          expect(r).toEqual(snap);
        }
      });
    }), { numRuns: 400 });
    // Else the property above checked nothing, or never the interned case.
    expect(taken).toBeGreaterThan(50);
    expect(plain).toBeGreaterThan(25);
  });
});

describe('owned stepping (owned.ts)', () => {
  it('gives step()\'s states and effects, writes only into its own copy, and never into a state kept before it', () => {
    let inPlace = 0;
    fc.assert(fc.property(configArb, repeatedArb, fc.integer({ min: 1, max: 7 }), (config, schedule, every) => {
      const { states, effects } = run(config, schedule);
      // A host that hands its state out every few steps (as fast-forward's snapshots) and
      // steps a copy afterwards; the states handed out must stay as they were.
      let mine = ownedCopy(states[0]!);
      const kept: [RouterState, RouterState][] = [];
      let now = 0;
      schedule.forEach(([dt, input], k) => {
        now += dt;
        if (k % every === 0) { kept.push([mine, structuredClone(mine)]); mine = ownedCopy(mine); }
        const before = mine;
        const out = stepOwned(mine, input, now);
        if (out.router === before && out.effects.length > 0) inPlace++;
        mine = out.router;
        expect(out.effects).toEqual(effects[k]);
        expect(mine).toEqual(states[k + 1]);
      });
      for (const [state, snap] of kept) expect(state).toEqual(snap);
    }), { numRuns: 300 });
    // Else nothing was written in place (150 runs gave 36-60 such steps).
    expect(inPlace).toBeGreaterThan(30);
  });
});
