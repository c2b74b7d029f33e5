// Scenario times like `10s`, `1.5s`, `2m`, `250ms`, `100us`, or a bare number of seconds,
// parsed to integer microseconds with decimal arithmetic on the digits: `0.1s` is exactly
// 100 000 µs, never 99 999 from a float.
import type { Micros } from '../../src/vrrp/types.js';

const UNIT_US: Readonly<Record<string, number>> = { us: 1, 'µs': 1, ms: 1_000, s: 1_000_000, m: 60_000_000, h: 3_600_000_000 };

export const DURATION_PATTERN = '^\\d+(\\.\\d+)?(us|µs|ms|s|m|h)?$';

/** Returns the duration in µs, or a message saying what is expected. */
export function parseDuration(text: string | number): Micros | string {
  const s = typeof text === 'number' ? String(text) : text.trim();
  const m = /^(\d+)(?:\.(\d+))?(us|µs|ms|s|m|h)?$/.exec(s);
  if (m === null) return `expected a duration like 10s, 1.5s, 250ms or 2m, got '${s}'`;
  const unit = UNIT_US[m[3] ?? 's'] ?? 1_000_000;
  const whole = BigInt(m[1] ?? '0') * BigInt(unit);
  const frac = m[2] ?? '';
  // frac digits × unit / 10^len must be a whole number of µs.
  const fracUs = (BigInt(frac === '' ? '0' : frac) * BigInt(unit));
  const scale = 10n ** BigInt(frac.length);
  if (fracUs % scale !== 0n) return `duration '${s}' is finer than a microsecond`;
  const total = whole + fracUs / scale;
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return `duration '${s}' is too long`;
  return Number(total);
}

/** Formats µs as seconds with microsecond precision, trailing zeros kept to 6 places. */
export function formatSeconds(us: Micros): string {
  const sign = us < 0 ? '-' : '';
  const a = Math.abs(us);
  return `${sign}${Math.floor(a / 1_000_000)}.${String(a % 1_000_000).padStart(6, '0')}`;
}

/** A short human form: 3.609375s, 250ms, 2m. */
export function formatDuration(us: Micros): string {
  if (us % 60_000_000 === 0 && us >= 60_000_000) return `${us / 60_000_000}m`;
  if (us % 1_000_000 === 0) return `${us / 1_000_000}s`;
  if (us % 1_000 === 0 && us < 1_000_000) return `${us / 1_000}ms`;
  return `${formatSeconds(us).replace(/0+$/, '')}s`;
}
