// The transition table (src/vrrp/transitions.ts) lists every state change the core makes: over
// the core property tests' random routers and schedules, each `transition` effect (and any state
// change that came without one) must match a row by state, input class, next state and reason.
// The other direction, that each row is what the core does, is test/unit/vrrp/transitions.test.ts.
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { createRouter, instanceStatus, step } from '../../src/vrrp/core.js';
import type { RouterState, StepResult } from '../../src/vrrp/core.js';
import type { Effect, Input, RouterConfig, VrrpState } from '../../src/vrrp/types.js';
import { inputClass, reasonClass, rowsFor } from '../../src/vrrp/transitions.js';
import { configArb, configArb6, scheduleArb, scheduleArb6 } from './core-arbitraries.js';

type Transition = Extract<Effect, { type: 'transition' }>;

/** Read through the core's public API only (its state layout is not the table's business). */
function stateOf(router: RouterState, name: string): VrrpState | undefined {
  try {
    return instanceStatus(router, name).state;
  } catch {
    return undefined;
  }
}

/** Every state change of one step that no row lists, as a line saying what the core did. */
function unlisted(names: readonly string[], before: RouterState, input: Input, out: StepResult): string[] {
  const cls = inputClass(input);
  const missing: string[] = [];
  const ts = out.effects.filter((e): e is Transition => e.type === 'transition');
  for (const t of ts) {
    if (rowsFor(t.from, cls, t.to, t.reason).length === 0) {
      missing.push(`${t.instance}: ${t.from} --${cls}--> ${t.to} (reason '${reasonClass(t.reason)}')`);
    }
  }
  // A state change with no transition effect is a transition no row can name.
  for (const name of names) {
    const from = stateOf(before, name);
    const to = stateOf(out.router, name);
    if (from !== undefined && to !== undefined && from !== to && !ts.some((t) => t.instance === name)) {
      missing.push(`${name}: ${from} --${cls}--> ${to} with no transition effect`);
    }
  }
  return missing;
}

/** Distinct unlisted transitions over `runs` seeded samples, each with the first step that made it. */
function unlistedOver(runs: number, seed: number, ipv6 = false): Map<string, string> {
  const found = new Map<string, string>();
  const start: Input = { type: 'start', ifaceUp: new Map([['eth0', true], ['eth1', true], ['eth2', true]]) };
  const samples: [RouterConfig, readonly (readonly [number, Input])[]][] = ipv6
    ? fc.sample(fc.tuple(configArb6, scheduleArb6), { numRuns: runs, seed })
    : fc.sample(fc.tuple(configArb, scheduleArb), { numRuns: runs, seed });
  samples.forEach(([config, schedule], run) => {
    let r = createRouter(config);
    let names = config.instances.map((c) => c.name);
    let now = 0;
    for (const [dt, input] of [[0, start] as const, ...schedule]) {
      now += dt;
      const out = step(r, input, now);
      for (const m of unlisted(names, r, input, out)) if (!found.has(m)) found.set(m, `sample ${run} at ${now} µs`);
      if (input.type === 'reload') names = input.config.instances.map((c) => c.name);
      r = out.router;
    }
  });
  return found;
}

describe('the transition table lists every transition the core makes', () => {
  it('over the core property tests\' random routers and schedules', () => {
    const found = unlistedOver(2000, 20);
    const lines = [...found].map(([m, where]) => `${m}   [first: ${where}]`);
    expect(lines, 'transitions the core made that no row of src/vrrp/transitions.ts lists').toEqual([]);
  });

  it('over the same routers and schedules over IPv6', () => {
    const found = unlistedOver(500, 21, true);
    const lines = [...found].map(([m, where]) => `${m}   [first: ${where}]`);
    expect(lines, 'transitions the core made that no row of src/vrrp/transitions.ts lists').toEqual([]);
  });
});
