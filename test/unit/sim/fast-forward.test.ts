// Steady clients skip their ticks (sim/probe.ts maybeSleep) purely for speed: every shipped
// scenario must tell the same story with the skipping switched off. Lines at one instant may come
// in another order (their order is drawn from the seed, and skipped ticks take no draws).
import { describe, expect, it } from 'vitest';
import { scenarioFilesIn } from '../../../src/cli/run.js';
import { loadScenario } from '../../../sim/scenario/load.js';
import { runLoaded } from '../../../sim/scenario/run.js';
import { renderJsonLines } from '../../../sim/scenario/report-json.js';

function byInstant(jsonl: string): string[] {
  return jsonl.split('\n').filter((l) => l !== '').sort();
}

describe('client fast-forward changes nothing an operator reads', () => {
  it.each(scenarioFilesIn('scenarios'))('%s', (file) => {
    const s = loadScenario(file);
    const fast = renderJsonLines(runLoaded(s));
    const slow = renderJsonLines(runLoaded({ ...s, spec: { ...s.spec, fastForwardClients: false } }));
    expect(byInstant(fast)).toEqual(byInstant(slow));
  });
});
