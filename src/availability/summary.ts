// What a study's records add up to, per variant: availability and nines of each probe with
// their interval, outages per year, the outage-duration distribution, downtime attribution,
// each VIP's unheld and dual-master time, and each variant's difference to the first one.
import { YEAR } from './duration.js';
import { nines, percentile, tInterval, type Interval } from './estimate.js';
import type { RunRecord, StudyParams } from './study.js';

export interface ProbeSummary {
  readonly probe: string;
  readonly runs: number;
  /** Share of time the client got through; interval from the per-run unavailabilities. */
  readonly availability: Interval;
  /** -log10(1 - availability): mean, and the interval's ends (null: no downtime, no finite nines). */
  readonly nines: { readonly mean: number | null; readonly low: number | null; readonly high: number | null };
  readonly downtimePerYear: number;
  readonly outagesPerYear: number;
  readonly outage: { readonly count: number; readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  readonly causes: readonly { readonly cause: string; readonly share: number; readonly perYear: number }[];
}

export interface VipSummary {
  readonly vip: string;
  readonly unheldPerYear: number;
  readonly dualPerYear: number;
}

export interface Difference {
  readonly probe: string;
  /** Paired per-run difference of unavailability (this variant minus the first): < 0 is better. */
  readonly unavailability: Interval;
  readonly downtimePerYear: number;
}

export interface VariantSummary {
  readonly name: string;
  readonly probes: readonly ProbeSummary[];
  readonly vips: readonly VipSummary[];
  /** null for the first variant, which the others are compared with. */
  readonly versusFirst: readonly Difference[] | null;
}

export interface StudySummary {
  readonly runs: number;
  readonly variants: readonly VariantSummary[];
}

const unavail = (measured: number, down: number): number => (measured <= 0 ? 1 : down / measured);

export function summarize(study: StudyParams, runs: readonly RunRecord[]): StudySummary {
  const level = study.level;
  const variants = study.variants.map((v, vi): VariantSummary => {
    const mine = runs.map((r) => r.variants[vi]).filter((x) => x !== undefined);
    const probeNames = [...new Set(mine.flatMap((r) => r.probes.map((p) => p.probe)))];
    const probes = probeNames.map((name): ProbeSummary => {
      const recs = mine.flatMap((r) => r.probes.filter((p) => p.probe === name));
      const us = recs.map((p) => unavail(p.measured, p.down));
      const iu = tInterval(us, level);
      const measured = recs.reduce((s, p) => s + p.measured, 0);
      const down = recs.reduce((s, p) => s + p.down, 0);
      const years = measured / YEAR;
      const durations = recs.flatMap((p) => p.outages).sort((a, b) => a - b);
      const causes = new Map<string, number>();
      for (const p of recs) for (const [c, t] of p.byCause) causes.set(c, (causes.get(c) ?? 0) + t);
      const clip = (x: number): number => Math.min(1, Math.max(0, x));
      return {
        probe: name,
        runs: recs.length,
        availability: { mean: 1 - iu.mean, low: clip(1 - iu.high), high: clip(1 - iu.low), n: iu.n },
        nines: { mean: nines(iu.mean), low: nines(Math.min(1, iu.high)), high: nines(Math.max(0, iu.low)) },
        downtimePerYear: years > 0 ? down / years : 0,
        outagesPerYear: years > 0 ? durations.length / years : 0,
        outage: { count: durations.length, p50: percentile(durations, 0.5), p90: percentile(durations, 0.9), p99: percentile(durations, 0.99), max: durations[durations.length - 1] ?? 0 },
        causes: [...causes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([cause, t]) => ({ cause, share: down > 0 ? t / down : 0, perYear: years > 0 ? t / years : 0 })),
      };
    });
    const vipNames = [...new Set(mine.flatMap((r) => r.vips.map((x) => x.vip)))].sort();
    const vips = vipNames.map((vip): VipSummary => {
      const recs = mine.flatMap((r) => r.vips.filter((x) => x.vip === vip));
      const years = recs.reduce((s, x) => s + x.measured, 0) / YEAR;
      return { vip, unheldPerYear: years > 0 ? recs.reduce((s, x) => s + x.unheld, 0) / years : 0, dualPerYear: years > 0 ? recs.reduce((s, x) => s + x.dual, 0) / years : 0 };
    });
    let versusFirst: Difference[] | null = null;
    if (vi > 0) {
      versusFirst = probes.flatMap((p): Difference[] => {
        const diffs: number[] = [];
        for (const r of runs) {
          const a = r.variants[0]?.probes.find((x) => x.probe === p.probe);
          const b = r.variants[vi]?.probes.find((x) => x.probe === p.probe);
          if (a !== undefined && b !== undefined) diffs.push(unavail(b.measured, b.down) - unavail(a.measured, a.down));
        }
        if (diffs.length === 0) return [];
        const iv = tInterval(diffs, level);
        return [{ probe: p.probe, unavailability: iv, downtimePerYear: iv.mean * YEAR }];
      });
    }
    return { name: v.name, probes, vips, versusFirst };
  });
  return { runs: runs.length, variants };
}
