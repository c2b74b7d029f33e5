// keepalived 2.2.7's number readers (lib/parser.c: read_int_func() 431-460,
// read_unsigned_func() 463-500, read_decimal_unsigned_long_func() 546-627), as the daemon runs
// them: strtol/strtoul/strtoull, then one of their messages. keepalived is built without
// _STRICT_CONFIG_ (Debian's `keepalived -v` lists no STRICT_CONFIG), so a reader called with
// ignore_error still accepts a value with trailing junk ("150x" -> 150) when the daemon runs,
// though `keepalived -t` (CONFIG_TEST_BIT) refuses it; the words are the same but for the
// "WARNING - " prefix the running daemon adds. We report `keepalived -t`'s words, and the value
// the running daemon uses.

export type NumberReader = 'int' | 'unsigned' | 'decimal';

export interface NumberRule {
  readonly reader: NumberReader;
  /** Bounds in the reader's units: microseconds for 'decimal' (TIMER_HZ_DIGITS = 6 places). */
  readonly min: number;
  readonly max: number;
  /** The handler's ignore_error argument. */
  readonly ignoreError: boolean;
}

export interface NumberReading {
  /** What the reader stored in *res (C's value, even when it reports an error). */
  readonly value: number;
  /** The reader's return value as the running daemon sees it. */
  readonly accepted: boolean;
  /** The reader's own messages, in keepalived's words. */
  readonly words: readonly string[];
  /** True when the only fault is the [min, max] range: the text is a well-formed number. */
  readonly rangeOnly: boolean;
}

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const UINT_MAX = 2n ** 32n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const ULONG_MAX = 2n ** 64n - 1n;
// WHITE_SPACE (lib/parser.h), also what strtol skips (isspace in the C locale).
const LEADING = /^[ \t\n\v\f\r]*/;

interface Strto { readonly value: bigint; readonly end: number; readonly erange: boolean }

/** strtol(s, &end, 10) / strtoul / strtoull on 64-bit Linux: the value, where parsing stopped, ERANGE. */
function strto(s: string, signed: boolean): Strto {
  const lead = LEADING.exec(s)?.[0].length ?? 0;
  const m = /^([+-]?)(\d+)/.exec(s.slice(lead));
  if (m === null) return { value: 0n, end: 0, erange: false };
  const end = lead + m[0].length;
  const mag = BigInt(m[2] ?? '0');
  const neg = m[1] === '-';
  if (signed) {
    const v = neg ? -mag : mag;
    if (v > LONG_MAX) return { value: LONG_MAX, end, erange: true };
    if (v < LONG_MIN) return { value: LONG_MIN, end, erange: true };
    return { value: v, end, erange: false };
  }
  // strtoul negates in unsigned arithmetic: "-1" is ULONG_MAX without ERANGE.
  if (mag > ULONG_MAX) return { value: ULONG_MAX, end, erange: true };
  return { value: neg && mag !== 0n ? ULONG_MAX + 1n - mag : mag, end, erange: false };
}

const inRange = (v: bigint, r: NumberRule): boolean => v >= BigInt(r.min) && v <= BigInt(r.max);
const cInt = (v: bigint): number => Number(BigInt.asIntN(32, v));
const cUnsigned = (v: bigint): number => Number(BigInt.asUintN(32, v));

function readInt(s: string, r: NumberRule): NumberReading {
  const p = strto(s, true);
  const value = cInt(p.value);
  const lenient = r.ignoreError && inRange(p.value, r);
  if (p.end !== s.length) return { value, accepted: lenient, words: [`invalid number '${s}'`], rangeOnly: false };
  if (p.erange || p.value < INT_MIN || p.value > INT_MAX) return { value, accepted: false, words: [`number '${s}' outside integer range`], rangeOnly: false };
  if (!inRange(p.value, r)) return { value, accepted: false, words: [`number '${s}' outside range [${r.min}, ${r.max}]`], rangeOnly: true };
  return { value, accepted: true, words: [], rangeOnly: false };
}

function readUnsigned(s: string, r: NumberRule): NumberReading {
  const lead = LEADING.exec(s)?.[0].length ?? 0;
  const p = strto(s.slice(lead), false);
  const value = cUnsigned(p.value);
  const lenient = r.ignoreError && inRange(p.value, r);
  const fail = (word: string, rangeOnly = false): NumberReading => ({ value, accepted: lenient && !rangeOnly, words: [word], rangeOnly });
  if (s[lead] === '-') return fail(`negative number '${s}'`);
  if (lead + p.end !== s.length) return fail(`invalid number '${s}'`);
  if (p.erange || p.value > UINT_MAX) return fail(`number '${s}' outside unsigned integer range`);
  if (!inRange(p.value, r)) return { value, accepted: false, words: [`number '${s}' outside range [${r.min}, ${r.max}]`], rangeOnly: true };
  return { value, accepted: true, words: [], rangeOnly: false };
}

const SHIFT = 6;
const fixed = (us: number): string => `${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(SHIFT, '0')}`;

/** read_decimal_unsigned_long_func() with shift TIMER_HZ_DIGITS: the value in microseconds. */
function readDecimal(s: string, r: NumberRule): NumberReading {
  if (s.startsWith('-')) return { value: 0, accepted: false, words: [`negative number '${s}'`], rangeOnly: false };
  const words: string[] = [];
  const dot = s.indexOf('.');
  let places = dot < 0 ? 0 : s.length - dot - 1;
  let roundUp = false;
  if (places > SHIFT) {
    words.push(`number '${s}' has too many decimal places`);
    roundUp = (s[dot + SHIFT + 1] ?? '') >= '5';
    places = SHIFT;
  }
  const digits = dot < 0 ? s : `${s.slice(0, dot)}${s.slice(dot + 1, dot + 1 + places)}`;
  const joined = `${digits}${'0'.repeat(SHIFT - places)}`;
  const p = strto(joined, false);
  const v = p.value + (roundUp ? 1n : 0n);
  const value = Number(v);
  if (p.end !== joined.length) {
    return { value, accepted: r.ignoreError && inRange(v, r), words: [...words, `invalid number '${s}'`], rangeOnly: false };
  }
  if (p.erange) return { value, accepted: false, words: [...words, `number '${s}' outside unsigned decimal range`], rangeOnly: false };
  if (!inRange(v, r)) return { value, accepted: false, words: [...words, `number '${s}' outside range [${fixed(r.min)}, ${fixed(r.max)}]`], rangeOnly: true };
  return { value, accepted: true, words, rangeOnly: false };
}

/**
 * The reader's words for a number outside [min, max], for the builder to say about a model value
 * (seconds for a decimal rule), as the reader says it about the text.
 */
export function outsideRange(rule: NumberRule, value: number): string {
  const bounds = rule.reader === 'decimal' ? `[${fixed(rule.min)}, ${fixed(rule.max)}]` : `[${rule.min}, ${rule.max}]`;
  return `number '${value}' outside range ${bounds}`;
}

export function readNumber(text: string, rule: NumberRule): NumberReading {
  if (rule.reader === 'int') return readInt(text, rule);
  if (rule.reader === 'unsigned') return readUnsigned(text, rule);
  return readDecimal(text, rule);
}
