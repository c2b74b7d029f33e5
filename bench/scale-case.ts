// One scaling case in its own process, so its peak RSS is its own:
//   node --import tsx bench/scale-case.ts NODES INSTANCES VIRTUAL_SECONDS
// prints one JSON line (ScaleCaseResult).
import { simulate } from '../sim/simulate.js';
import { scaleSpec } from './scale-spec.js';
import { timeOnce } from './measure.js';

export interface ScaleCaseResult {
  readonly nodes: number;
  readonly instances: number;
  readonly virtualSeconds: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly events: number;
  readonly advertDeliveries: number;
  readonly maxRssMiB: number;
  readonly heapUsedMiB: number;
}

const [nodes, instances, seconds] = process.argv.slice(2).map(Number);
if (nodes === undefined || instances === undefined || seconds === undefined || [nodes, instances, seconds].some((x) => !Number.isInteger(x) || x <= 0)) {
  process.stderr.write('usage: scale-case.ts NODES INSTANCES VIRTUAL_SECONDS (positive integers)\n');
  process.exit(2);
}
// Fast-forward off: this figure is the cost per delivery of simulating them (a steady scaling
// case with it on skips nearly everything, which says nothing about the hot path).
const spec = { ...scaleSpec(nodes, instances, seconds * 1_000_000), fastForward: false };
// Warm-up runs of the same case so the timed run measures JIT-compiled code, as a long run mostly
// does: V8 keeps optimising for about 600,000 deliveries (32 × 16, 600 s runs in one process:
// 981, 874, 609, 638, 573 ns per delivery), so one 10 s run left the small cases half warm.
for (let warmed = 0, runs = 0; warmed < 600_000 && runs < 2; runs++) warmed += simulate(spec).stats.advertDeliveries;
let stats = { events: 0, advertDeliveries: 0 };
const t = timeOnce(() => { stats = simulate(spec).stats; });
const out: ScaleCaseResult = {
  nodes, instances, virtualSeconds: seconds, wallMs: t.wallMs, cpuMs: t.cpuMs, ...stats,
  maxRssMiB: process.resourceUsage().maxRSS / 1024,
  heapUsedMiB: process.memoryUsage().heapUsed / 2 ** 20,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
