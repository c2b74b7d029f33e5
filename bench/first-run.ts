// The seed hour as the first thing a fresh process simulates (JIT warm-up, shape changes and
// all), next to the same run repeated in that process. Prints one JSON line.
import { loadScenario } from '../sim/scenario/load.js';
import { runLoaded } from '../sim/scenario/run.js';
import { timeMedian, timeOnce } from './measure.js';
import { SEED_SCENARIO } from './seed-hour.js';

const scenario = loadScenario(SEED_SCENARIO, { until: 3_600_000_000 });
const first = timeOnce(() => { runLoaded(scenario); });
const warm = timeMedian(() => { runLoaded(scenario); }, 5, 2);
process.stdout.write(`${JSON.stringify({ firstCpuMs: first.cpuMs, warmCpuMs: warm.cpuMs })}\n`);
