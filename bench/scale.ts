// Figure 2: nodes × instances, one child process per case (so peak RSS is the case's own).
// Virtual time is ten minutes unless the case would take more than ~20 s at the rate the
// previous cases achieved; then it is shortened and every figure is per second anyway.
import { execFileSync } from 'node:child_process';
import type { ScaleCaseResult } from './scale-case.js';
import { SCALE_INSTANCES, SCALE_NODES } from './scale-spec.js';

const FULL_SECONDS = 600;
const CASE_BUDGET_CPU_MS = 20_000;

export interface ScaleRow extends ScaleCaseResult {
  readonly deliveriesPerCpuSec: number;
  readonly eventsPerCpuSec: number;
  readonly nsPerDelivery: number;
  /** True when virtual time was cut below ten minutes to stay within the budget. */
  readonly shortened: boolean;
}

export interface ScaleResult {
  readonly rows: readonly ScaleRow[];
  /** Least-squares slope of log(cpu) against log(deliveries): 1 means cost linear in deliveries. */
  readonly logLogSlope: number;
  /** Largest over smallest ns/delivery among cases with ≥ 100k deliveries (1 = perfectly linear). */
  readonly costSpread: number;
}

/** Adverts sent per virtual second × receivers: k masters, each heard by n − 1 nodes. */
export function expectedDeliveriesPerSecond(nodes: number, instances: number): number {
  return instances * (nodes - 1);
}

function runCase(nodes: number, instances: number, seconds: number): ScaleCaseResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/scale-case.ts', String(nodes), String(instances), String(seconds)], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as ScaleCaseResult;
}

export function benchScale(log: (line: string) => void = () => {}, nodesList: readonly number[] = SCALE_NODES, instancesList: readonly number[] = SCALE_INSTANCES): ScaleResult {
  const rows: ScaleRow[] = [];
  // Deliveries per CPU second seen so far (pessimistic start: the first cases are small anyway).
  let rate = 100_000;
  for (const n of nodesList) {
    for (const k of instancesList) {
      const perSec = expectedDeliveriesPerSecond(n, k);
      const affordable = Math.floor((CASE_BUDGET_CPU_MS / 1000) * rate / perSec / 10) * 10;
      const seconds = Math.max(10, Math.min(FULL_SECONDS, affordable));
      const r = runCase(n, k, seconds);
      const cpuS = r.cpuMs / 1000;
      const row: ScaleRow = {
        ...r,
        deliveriesPerCpuSec: r.advertDeliveries / cpuS,
        eventsPerCpuSec: r.events / cpuS,
        nsPerDelivery: (r.cpuMs * 1e6) / r.advertDeliveries,
        shortened: seconds < FULL_SECONDS,
      };
      if (r.advertDeliveries >= 10_000) rate = Math.min(rate, row.deliveriesPerCpuSec);
      rows.push(row);
      log(formatScaleRow(row));
    }
  }
  return { rows, logLogSlope: logLogSlope(rows), costSpread: costSpread(rows) };
}

export function formatScaleRow(r: ScaleRow): string {
  const v = r.shortened ? `${r.virtualSeconds} s*` : `${r.virtualSeconds} s`;
  return [
    `${String(r.nodes).padStart(3)} nodes × ${String(r.instances).padStart(3)} inst`,
    `virtual ${v.padStart(6)}`,
    `cpu ${(r.cpuMs / 1000).toFixed(2).padStart(6)} s`,
    `${Math.round(r.deliveriesPerCpuSec).toLocaleString('en-US').padStart(10)} deliveries/s`,
    `${Math.round(r.eventsPerCpuSec).toLocaleString('en-US').padStart(10)} events/s`,
    `${Math.round(r.nsPerDelivery).toLocaleString('en-US').padStart(6)} ns/delivery`,
    `peak RSS ${Math.round(r.maxRssMiB)} MiB`,
  ].join('  ');
}

function logLogSlope(rows: readonly ScaleRow[]): number {
  const pts = rows.filter((r) => r.advertDeliveries > 0 && r.cpuMs > 0).map((r) => [Math.log(r.advertDeliveries), Math.log(r.cpuMs)] as const);
  const n = pts.length;
  if (n < 2) return Number.NaN;
  const mx = pts.reduce((s, p) => s + p[0], 0) / n;
  const my = pts.reduce((s, p) => s + p[1], 0) / n;
  const sxy = pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const sxx = pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return sxy / sxx;
}

function costSpread(rows: readonly ScaleRow[]): number {
  const big = rows.filter((r) => r.advertDeliveries >= 100_000).map((r) => r.nsPerDelivery);
  return big.length < 2 ? Number.NaN : Math.max(...big) / Math.min(...big);
}
