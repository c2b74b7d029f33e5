// `npm run bench`: the four figures of issue 10 with their targets, each next to the load
// average at the time (the host may be shared). `--only seed,scale,explore,cold` picks some;
// `--json FILE` also writes everything measured. CPU time is the headline where it applies.
import { writeFileSync, renameSync } from 'node:fs';
import { describeMachine, freeGiB, load } from './machine.js';
import { fmt } from './measure.js';
import { benchSeedHour } from './seed-hour.js';
import { benchScale } from './scale.js';
import { benchExplore } from './explore.js';
import { benchColdStart } from './cold-start.js';

const TARGETS = { seedMs: 20, deliveriesPerSec: 3_000_000, schedulesPerSec: 1000, coldStartMs: 400 } as const;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const only = new Set((arg('--only') ?? 'seed,scale,explore,cold').split(','));
const jsonOut = arg('--json');
const out: Record<string, unknown> = { machine: describeMachine(), at: new Date().toISOString() };
const say = (s: string): void => { process.stdout.write(`${s}\n`); };
const verdict = (ok: boolean): string => (ok ? 'target met' : 'TARGET MISSED');

const m = describeMachine();
say(`machine: ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB (${freeGiB()} free), ${m.os}, node ${m.node}; load ${load()}`);

if (only.has('seed')) {
  const l = load();
  const r = benchSeedHour();
  out['seed'] = { ...r, load: l };
  say(`\n(1) seed scenario, 1 h virtual, in-process: ${fmt(r.cpuMs)} ms CPU (${fmt(r.wallMs)} ms wall), median of ${r.reps}; `
    + `${fmt(r.ratioToReal, 0)}× real time; ${r.events.toLocaleString('en-US')} events, ${r.advertDeliveries.toLocaleString('en-US')} deliveries; `
    + `target ≤ ${TARGETS.seedMs} ms: ${verdict(r.cpuMs <= TARGETS.seedMs)}; load ${l}`);
}

if (only.has('scale')) {
  say('\n(2) scaling, one process per case (* = virtual time shortened to keep the case near 20 s):');
  const l = load();
  const r = benchScale((line) => say(`    ${line}`));
  out['scale'] = { ...r, load: l };
  const best = Math.max(...r.rows.map((x) => x.deliveriesPerCpuSec));
  say(`    cost vs deliveries: log-log slope ${r.logLogSlope.toFixed(2)} (1 = linear); ns/delivery spread ${r.costSpread.toFixed(2)}× over cases with ≥ 100k deliveries`);
  say(`    best ${Math.round(best).toLocaleString('en-US')} deliveries/s per core; target ≥ ${TARGETS.deliveriesPerSec.toLocaleString('en-US')}: ${verdict(best >= TARGETS.deliveriesPerSec)}; load ${l} → ${load()}`);
}

if (only.has('explore')) {
  const l = load();
  const r = benchExplore(500, 'two-minute');
  const shipped = benchExplore(100, 'as-shipped');
  out['explore'] = { twoMinute: r, asShipped: shipped, load: l };
  say(`\n(3) explore: ${fmt(r.perCpuSec)} two-minute schedules/s (CPU; ${r.schedules} schedules, ${fmt(r.cpuMs / 1000, 2)} s CPU, ${fmt(r.wallMs / 1000, 2)} s wall); `
    + `target ≥ ${TARGETS.schedulesPerSec}: ${verdict(r.perCpuSec >= TARGETS.schedulesPerSec)}; load ${l}`);
  say(`    as \`vrrplab explore\` runs them (each to its own end, mean ${fmt(shipped.meanVirtualSeconds, 0)} s virtual): ${fmt(shipped.perCpuSec)} schedules/s`);
}

if (only.has('cold')) {
  const l = load();
  const r = benchColdStart();
  out['cold'] = { ...r, load: l };
  say(`\n(4) cold start \`node bin/vrrplab.js run ${'scenarios/openshift-ha-router.yaml'}\` (built): median ${fmt(r.medianMs, 0)} ms, min ${fmt(r.minMs, 0)} ms `
    + `over ${r.runs} runs (${r.tool}, exit ${r.exitCode}; bare \`node -e 0\` ${fmt(r.bareNodeMedianMs, 0)} ms); target ≤ ${TARGETS.coldStartMs} ms: ${verdict(r.medianMs <= TARGETS.coldStartMs)}; load ${l}`);
}

if (jsonOut !== undefined) {
  writeFileSync(`${jsonOut}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
  renameSync(`${jsonOut}.tmp`, jsonOut);
}
