// `npx tsx bench/availability-profile.ts [--case pair|seed] [--years Y] [--seed S]`: where one history's
// time goes. Runs the history fault by fault on a paused sim and prints, per timeline fault, the
// events simulated and the virtual time not fast-forwarded until the next fault; then totals.
import { readFileSync } from 'node:fs';
import { createSim, runUntil, applyFault } from '../sim/simulate.js';
import { loadVariant } from '../src/availability/variants.js';
import { historySpec, historyLength } from '../src/availability/study.js';
import { pairText } from './availability-cases.js';

const arg = (name: string, dflt: string): string => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1]! : dflt; };
const which = arg('--case', 'pair');
const years = Number(arg('--years', '1'));
const read = (p: string): string => readFileSync(p, 'utf8');
const v = which === 'pair' ? loadVariant('pair', pairText(), 'bench-pair.yaml', read) : loadVariant('seed', read('scenarios/openshift-availability.yaml'), 'seed', read);
const until = historyLength(years);
const { spec } = historySpec(v, Number(arg('--seed', '1')), until);
const sim = createSim({ ...spec, timeline: [] });
// Events processed one by one (a jump adds a period's count times n in one step).
let processed = 0;
sim.stats = new Proxy(sim.stats, { set(o, k, v: number) { if (k === 'events' && v - o.events === 1) processed++; (o as Record<string, number>)[k as string] = v; return true; } });
let lastEv = 0, lastSkip = 0, lastT = 0;
const rows: { t: number; fault: string; events: number; simulated: number; gap: number }[] = [];
const step = (to: number, label: string): void => {
  runUntil(sim, to);
  rows.push({ t: lastT, fault: label, events: processed - lastEv, simulated: (to - lastT) - (sim.ff.skippedMicros - lastSkip), gap: to - lastT });
  lastEv = processed; lastSkip = sim.ff.skippedMicros; lastT = to;
};
let label = '(boot)';
const t0 = process.cpuUsage();
for (const e of spec.timeline) {
  step(e.at, label);
  applyFault(sim, e.fault);
  label = `${e.fault.kind} ${'node' in e.fault ? e.fault.node : ''}`;
}
step(until, label);
const cpu = process.cpuUsage(t0);
const verbose = process.argv.includes('--verbose');
const byKind = new Map<string, { n: number; events: number; simulated: number }>();
for (const r of rows) {
  if (verbose) process.stdout.write(`${(r.t / 3.6e9).toFixed(2)}h ${r.fault.padEnd(30)} events ${r.events} simulated ${(r.simulated / 1e6).toFixed(1)}s of ${(r.gap / 1e6).toFixed(0)}s\n`);
  const k = r.fault.split(' ')[0]!;
  const b = byKind.get(k) ?? { n: 0, events: 0, simulated: 0 };
  b.n++; b.events += r.events; b.simulated += r.simulated;
  byKind.set(k, b);
}
for (const [k, b] of byKind) process.stdout.write(`after ${k.padEnd(20)} ×${b.n}: ${(b.events / b.n).toFixed(0)} events, ${(b.simulated / b.n / 1e6).toFixed(1)} s simulated each\n`);
process.stdout.write(`total: ${processed} events processed (${sim.stats.events} counted), ${(until - sim.ff.skippedMicros) / 1e6} s of ${until / 1e6} s simulated, ${sim.ff.jumps} periods skipped, trace ${sim.trace.length} lines, CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms\n`);
