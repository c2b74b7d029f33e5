// The process bench/cold-phases.ts bundles and starts: the seed scenario loaded, simulated for
// an hour and reported, step by step, printing the CPU ms of each step as one JSON line.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { yamlToJs } from '../sim/scenario/yaml-js.js';
import { validate } from '../sim/scenario/validate-file.js';
import { resolveScenario } from '../sim/scenario/resolve.js';
import { runLoaded } from '../sim/scenario/run.js';
import { textReport } from '../sim/scenario/report-text.js';

const cpuMs = (): number => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };

/** The bundled child: the seed scenario loaded, simulated for an hour and reported, step by step. */
function phases(file: string): Record<string, number> {
  const phases: Record<string, number> = { 'node start to first line': cpuMs() };
  let last = phases['node start to first line']!;
  const mark = (name: string): void => { const t = cpuMs(); phases[name] = t - last; last = t; };
  const text = readFileSync(file, 'utf8');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  mark('YAML parse');
  const raw = yamlToJs(doc, lc, file) as object;
  const sc = validate({ file, doc, lc, text }, raw);
  mark('to JS + schema validation');
  const scenario = resolveScenario({ file, doc, lc, text }, sc, (p) => readFileSync(p, 'utf8'), { until: 3_600_000_000 });
  mark('resolve (nodes, ipfailover, keepalived)');
  const report = textReport(scenario, scenario.spec.until, () => undefined);
  const run = runLoaded(scenario, { onProgress: () => undefined, onTrace: report.events });
  mark('simulate the hour + verdicts');
  report.end(run);
  mark('text report');
  return phases;
}

process.stdout.write(`${JSON.stringify(phases(process.argv[2]!))}\n`);
