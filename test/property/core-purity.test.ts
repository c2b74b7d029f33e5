// The core is a pure function: step never mutates the state it is given, and the same inputs
// give the same outputs. Hosts keep old states (replay, shrinking), so both must hold always.
import { describe, expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { configArb, run, scheduleArb } from './core-arbitraries.js';

describe('core purity', () => {
  test.prop([configArb, scheduleArb], { numRuns: 150 })('step never mutates the router it is given', (config, schedule) => {
    run(config, schedule, (before, snap) => expect(before).toEqual(snap));
  });

  test.prop([configArb, scheduleArb], { numRuns: 150 })('step is deterministic: the same inputs give the same states and effects', (config, schedule) => {
    const a = run(config, schedule);
    const b = run(config, schedule);
    expect(b.effects).toEqual(a.effects);
    expect(b.states).toEqual(a.states);
  });

  test.prop([configArb, scheduleArb], { numRuns: 150 })('every time in state and effects is an integer number of microseconds', (config, schedule) => {
    const { effects } = run(config, schedule);
    for (const e of effects.flat()) {
      if (e.type === 'setTimer') expect(Number.isInteger(e.at)).toBe(true);
    }
  });
});
