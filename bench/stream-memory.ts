// The seed scenario over N virtual days with adverts traced, its JSON Lines written to
// /dev/null, in a process of its own: peak RSS when the report is streamed as the run makes it
// (`stream`) and when the trace is kept and the report built as one string at the end (`whole`,
// what `vrrplab run` did before issue 16). Prints one JSON line.
//   npx tsx bench/stream-memory.ts stream|whole DAYS
import { openSync, writeSync, closeSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/load.js';
import { runLoaded } from '../sim/scenario/run.js';
import { jsonLinesReport, renderJsonLines } from '../sim/scenario/report-json.js';
import type { TraceEvent } from '../sim/trace.js';
import { SEED_SCENARIO } from './seed-hour.js';

const mode = process.argv[2] === 'whole' ? 'whole' : 'stream';
const days = Number(process.argv[3] ?? 2);
const loaded = loadScenario(SEED_SCENARIO, { until: days * 86_400_000_000 });
const scenario = { ...loaded, spec: { ...loaded.spec, traceAdverts: true } };
// The JSON Lines leave adverts out; the sink sees them, so count them as a report that did show them would.
const fd = openSync('/dev/null', 'w');
const write = (t: string): void => { writeSync(fd, t); };
let adverts = 0;
const c0 = process.cpuUsage();
if (mode === 'stream') {
  const report = jsonLinesReport(scenario, scenario.spec.until, write);
  const run = runLoaded(scenario, {
    onTrace: (es: readonly TraceEvent[]) => {
      for (const e of es) if (e.type === 'advert') { adverts++; write(`${JSON.stringify(e)}\n`); }
      report.events(es);
    },
  });
  report.end(run);
} else {
  const run = runLoaded(scenario);
  adverts = run.result.trace.filter((e) => e.type === 'advert').length;
  write(run.result.trace.filter((e) => e.type === 'advert').map((e) => `${JSON.stringify(e)}\n`).join('') + renderJsonLines(run));
}
closeSync(fd);
const c = process.cpuUsage(c0);
process.stdout.write(`${JSON.stringify({ mode, days, adverts, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), cpuMs: Math.round((c.user + c.system) / 1000) })}\n`);
