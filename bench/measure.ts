// Timing helpers. CPU time (process.cpuUsage) is the headline figure: on a shared host wall
// time includes waiting for a core, which says more about the neighbours than about us.
export interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

export function timeOnce(fn: () => void): Sample {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs `fn` `warmup` times untimed (JIT), then `reps` times; medians of wall and CPU. */
export function timeMedian(fn: () => void, reps: number, warmup = 2): Sample & { readonly reps: number } {
  for (let i = 0; i < warmup; i++) fn();
  const samples: Sample[] = [];
  for (let i = 0; i < reps; i++) samples.push(timeOnce(fn));
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)), reps };
}

export function fmt(x: number, digits = 1): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
