// The seed hour as the first thing a fresh process simulates (JIT warm-up, shape changes and
// all), next to the same run repeated in that process, with the CLI's V8 flags as `vrrplab run`
// has them. Prints one JSON line.
import './cli-v8.js';

const { loadScenario } = await import('../sim/scenario/load.js');
const { runLoaded } = await import('../sim/scenario/run.js');
const { timeMedian, timeOnce } = await import('./measure.js');
const { SEED_SCENARIO } = await import('./seed-hour.js');

const scenario = loadScenario(SEED_SCENARIO, { until: 3_600_000_000 });
const first = timeOnce(() => { runLoaded(scenario); });
const warm = timeMedian(() => { runLoaded(scenario); }, 5, 2);
process.stdout.write(`${JSON.stringify({ firstCpuMs: first.cpuMs, warmCpuMs: warm.cpuMs })}\n`);
