// The estimator: independent replications. Each run is an independent history, so its
// unavailability u_k (downtime / measured time) is an i.i.d. draw whose mean is the
// configuration's unavailability; the interval is Student's t over the N runs,
// mean ± t(1 - α/2, N - 1) · s / √N. (Wilson is for counts of Bernoulli trials, which
// time-weighted downtime is not; batch means would be the choice for one long run.) With
// common random numbers, the difference between two variants is estimated the same way from the
// paired per-run differences, which cancels the shared failure noise.

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const poly = (xs: readonly number[], x: number): number => xs.reduce((s, k) => s * x + k, 0);
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/**
 * Student's t quantile: exact for 1 and 2 degrees of freedom, otherwise the Cornish–Fisher
 * expansion of Abramowitz & Stegun 26.7.5 (error below 1e-3 from 3 degrees of freedom on).
 */
export function tQuantile(p: number, df: number): number {
  if (df <= 0) return Infinity;
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  const x = normalQuantile(p);
  const x2 = x * x;
  const g1 = (x2 + 1) * x / 4;
  const g2 = ((5 * x2 + 16) * x2 + 3) * x / 96;
  const g3 = (((3 * x2 + 19) * x2 + 17) * x2 - 15) * x / 384;
  const g4 = ((((79 * x2 + 776) * x2 + 1482) * x2 - 1920) * x2 - 945) * x / 92160;
  return x + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

export interface Interval {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly n: number;
}

/** Mean and two-sided t-interval of independent observations, at `level` (0.95). */
export function tInterval(xs: readonly number[], level: number): Interval {
  const n = xs.length;
  if (n === 0) return { mean: 0, low: 0, high: 0, n };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  if (n === 1) return { mean, low: -Infinity, high: Infinity, n };
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(ss / (n - 1) / n);
  return { mean, low: mean - half, high: mean + half, n };
}

/** Nearest-rank percentile of sorted values (p in (0, 1]). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

/** -log10 of an unavailability; a run of perfect availability has no finite nines. */
export function nines(unavailability: number): number | null {
  return unavailability <= 0 ? null : -Math.log10(unavailability);
}
