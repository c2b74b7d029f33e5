// Drawing failure and repair times from the run's seeded PRNG (sim/prng.ts, sfc32), so a run's
// history is a pure function of its seed.
import type { Micros } from '../vrrp/types.js';
import { nextFloat, type PrngState } from '../../sim/prng.js';

export type Dist =
  | { readonly kind: 'exponential'; readonly mean: Micros }
  | { readonly kind: 'fixed'; readonly value: Micros }
  | { readonly kind: 'lognormal'; readonly median: Micros; readonly sigma: number }
  | { readonly kind: 'weibull'; readonly scale: Micros; readonly shape: number };

/** Uniform in (0, 1): never 0, so logs stay finite. */
function open01(s: PrngState): number {
  return (Math.floor(nextFloat(s) * 0x1_0000_0000) + 0.5) / 0x1_0000_0000;
}

/** Standard normal by Box–Muller (two draws; the second value is discarded so each draw costs the same). */
function normal(s: PrngState): number {
  const u = open01(s);
  const v = open01(s);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** One draw in whole µs, at least 1 µs (two events of a process never share an instant). */
export function sample(d: Dist, s: PrngState): Micros {
  let x: number;
  switch (d.kind) {
    case 'fixed': x = d.value; break;
    case 'exponential': x = -d.mean * Math.log(open01(s)); break;
    case 'lognormal': x = d.median * Math.exp(d.sigma * normal(s)); break;
    case 'weibull': x = d.scale * Math.pow(-Math.log(open01(s)), 1 / d.shape); break;
  }
  return Math.max(1, Math.round(Math.min(x, Number.MAX_SAFE_INTEGER / 4)));
}

/** The distribution's mean, in µs (for reports and the analytic check). */
export function mean(d: Dist): number {
  switch (d.kind) {
    case 'fixed': return d.value;
    case 'exponential': return d.mean;
    case 'lognormal': return d.median * Math.exp((d.sigma * d.sigma) / 2);
    case 'weibull': return d.scale * gamma(1 + 1 / d.shape);
  }
}

/** Lanczos approximation (g = 7), enough for a reported mean. */
function gamma(z: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.PI / (Math.sin(Math.PI * z) * gamma(1 - z));
  const x = z - 1;
  let a = c[0] ?? 1;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] ?? 0) / (x + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
}
