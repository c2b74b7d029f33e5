// Failure-model times: the scenario's units plus days, weeks and years, to integer µs.
import type { Micros } from '../vrrp/types.js';

export const SECOND: Micros = 1_000_000;
export const DAY: Micros = 86_400 * SECOND;
/** A Julian year (365.25 days): what "per year" and "nines" are counted against. */
export const YEAR: Micros = 31_557_600 * SECOND;

const UNIT_US: ReadonlyMap<string, number> = new Map([
  ['us', 1], ['ms', 1_000], ['s', SECOND], ['m', 60 * SECOND], ['h', 3_600 * SECOND], ['d', DAY], ['w', 7 * DAY], ['y', YEAR],
]);

/** µs, or what is wrong. Decimal digits are scaled exactly; the result is rounded to 1 µs. */
export function parseLongDuration(text: string): Micros | string {
  const m = /^(\d+)(?:\.(\d+))?(us|ms|s|m|h|d|w|y)$/.exec(text.trim());
  if (m === null) return `expected a duration like 90d, 2w, 1.5y, 30m or 45s, got '${text}'`;
  const unit = BigInt(UNIT_US.get(m[3] ?? 's') ?? SECOND);
  const frac = m[2] ?? '';
  const scale = 10n ** BigInt(frac.length);
  const scaled = BigInt(m[1] ?? '0') * scale + BigInt(frac === '' ? '0' : frac);
  const us = (scaled * unit + scale / 2n) / scale;
  if (us > BigInt(Number.MAX_SAFE_INTEGER)) return `duration '${text}' is too long`;
  return Number(us);
}

/** Short human form for reports: 3.2s, 4.5m, 2.1h, 12d. */
export function humanDuration(us: number): string {
  const s = us / SECOND;
  if (s < 1) return `${(us / 1000).toFixed(us < 10_000 ? 2 : 0)}ms`;
  if (s < 120) return `${s.toFixed(s < 10 ? 2 : 1)}s`;
  if (s < 7200) return `${(s / 60).toFixed(1)}m`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)}h`;
  return `${(s / 86_400).toFixed(1)}d`;
}
