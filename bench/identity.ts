// Guard for performance work: one digest per run over the full SimResult (trace and stats) of
// every shipped scenario, the seed hour, scaling cases and random fault schedules (with adverts
// traced too). Print before and after a change; any difference means behaviour changed.
//   npx tsx bench/identity.ts > before.txt; ...; npx tsx bench/identity.ts | diff before.txt -
// `--no-fast-forward` runs everything with fast-forward off (sim/fast-forward.ts): it must
// print the same digests as the default, which is how fast-forward is proved exact.
// `--streamed` runs everything with the trace streamed to a sink (sim/trace-log.ts) in uneven
// slices, and digests what the sink received: the same digests prove streaming exact.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { loadScenario } from '../sim/scenario/load.js';
import { createSim, flushTrace, result, runUntil, simulate } from '../sim/simulate.js';
import type { SimResult, TraceEvent } from '../sim/trace.js';
import type { SimSpec } from '../sim/spec.js';
import { arbFaultSchedule, withSchedule } from '../src/testing/schedule.js';
import { scaleSpec } from './scale-spec.js';
import { SEED_SCENARIO } from './seed-hour.js';

// `--behaviour`: only what an operator reads (every trace line except the engine's `order`
// choices; no stats), for changes allowed to alter which ties draw a number and how many
// events are counted, but not what happens.
const behaviourOnly = process.argv.includes('--behaviour');

const fastForward = !process.argv.includes('--no-fast-forward');

const streamed = process.argv.includes('--streamed');

function run(spec: SimSpec): SimResult {
  if (!streamed) return simulate(spec);
  const trace: TraceEvent[] = [];
  const sim = createSim(spec, { onTrace: (es) => { for (const e of es) trace.push(e); } });
  // Seven slices of uneven length: every runUntil limit is a place a fast-forward jump stops.
  for (let k = 1; k <= 7; k++) {
    runUntil(sim, Math.floor((spec.until * k * k) / 49));
    flushTrace(sim);
  }
  flushTrace(sim, true);
  return { ...result(sim), trace };
}

function digest(spec: SimSpec): string {
  const r = run({ ...spec, fastForward });
  // `--unordered` also ignores the order of lines within one instant.
  const lines = r.trace.filter((e) => e.type !== 'order').map((e) => JSON.stringify(e));
  if (process.argv.includes('--unordered')) lines.sort((a, b) => (JSON.parse(a) as { t: number }).t - (JSON.parse(b) as { t: number }).t || (a < b ? -1 : a > b ? 1 : 0));
  const body = behaviourOnly ? lines : r;
  return createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
}

const line = (name: string, spec: SimSpec): void => { process.stdout.write(`${digest(spec)} ${name}\n`); };

for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.yaml')).sort()) {
  const spec = loadScenario(`scenarios/${f}`).spec;
  line(f, spec);
  line(`${f} +adverts`, { ...spec, traceAdverts: true });
}
line('seed 1h', loadScenario(SEED_SCENARIO, { until: 3_600_000_000 }).spec);
line('scale 8x16 60s', scaleSpec(8, 16, 60_000_000));
line('scale 32x255 8s', scaleSpec(32, 255, 8_000_000));
line('seed 24h', loadScenario(SEED_SCENARIO, { until: 86_400_000_000 }).spec);
line('scale 8x16 1h', scaleSpec(8, 16, 3_600_000_000));
// 5 × 100 = 500 schedules; the first 25 of each are the ones printed before there were 100.
for (const f of ['openshift-ha-router.yaml', 'latency-jitter-loss.yaml', 'sync-group.yaml', 'freeze-thaw.yaml', 'track-script-weight.yaml']) {
  const base = loadScenario(`scenarios/${f}`).spec;
  const arb = arbFaultSchedule(base, { maxFaults: 5, horizon: 60_000_000 });
  fc.sample(arb, { numRuns: 100, seed: 7 }).forEach((s, k) => line(`${f} schedule ${k}`, { ...withSchedule(base, s), traceAdverts: k % 2 === 0 }));
}
