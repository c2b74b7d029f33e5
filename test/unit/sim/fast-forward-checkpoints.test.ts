// Where fast-forward looks for a period (sim/fast-forward.ts): not its exactness (the property
// test and bench/identity.ts prove that) but that it finds the period soon after the last fault,
// also when the run is cut into slices. Both cases simulated most of the seed's hour event by
// event before: an anchor timer that never fired again held the checkpoints back for 600 s,
// and every slice boundary made the period be found again from scratch.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../sim/scenario/load.js';
import { createSim, runUntil } from '../../../sim/simulate.js';

const HOUR = 3_600_000_000;
const SEC = 1_000_000;

function simulated(slices: number): number {
  const s = loadScenario('scenarios/openshift-ha-router.yaml', { until: HOUR });
  const w = createSim(s.spec);
  for (let k = 1; k <= slices; k++) runUntil(w, Math.floor((HOUR * k) / slices));
  return (HOUR - w.ff.skippedMicros) / SEC;
}

describe('fast-forward finds the period soon after the last fault', () => {
  it('the seed hour in one piece: its last fault is at 360 s, and little after it is simulated', () => {
    // 98 s; 692 s while a backup's master-down timer (armed, never firing) was the anchor.
    expect(simulated(1)).toBeLessThan(200);
  });

  it('the seed hour in 100 slices keeps the period across slice boundaries', () => {
    // 288 s; 604 s when every slice looked for the period afresh (1,118 s with the old anchor too).
    expect(simulated(100)).toBeLessThan(400);
  });
});
