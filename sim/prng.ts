// The one source of randomness of a run: sfc32 over 32-bit integers, seeded from the spec's
// seed. Every loss, jitter and tie-break draw comes from here, in event order, so a seed
// replays a run exactly. State is a plain tuple so a world can be copied or printed.

export type PrngState = [number, number, number, number];

export function createPrng(seed: number): PrngState {
  // Seeds are JS numbers (up to 2^53): fold both halves in so 2^32 and 0 differ.
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 0x1_0000_0000) >>> 0;
  const s: PrngState = [0x9e3779b9, lo, hi, 1];
  // sfc32's authors recommend discarding early outputs so similar seeds decorrelate.
  for (let i = 0; i < 15; i++) nextU32(s);
  return s;
}

/** Next 32-bit unsigned integer; advances `s` in place. */
export function nextU32(s: PrngState): number {
  const a = s[0], b = s[1], c = s[2], d = s[3];
  const t = (((a + b) | 0) + d) | 0;
  s[3] = (d + 1) | 0;
  s[0] = b ^ (b >>> 9);
  s[1] = (c + (c << 3)) | 0;
  const r = (c << 21) | (c >>> 11);
  s[2] = (r + t) | 0;
  return t >>> 0;
}

/** Uniform in [0, 1). */
export function nextFloat(s: PrngState): number {
  return nextU32(s) / 0x1_0000_0000;
}

/** Uniform integer in [0, max] (max ≥ 0, integer). Rejection sampling keeps it unbiased. */
export function nextIntInclusive(s: PrngState, max: number): number {
  if (max <= 0) return 0;
  const range = max + 1;
  if (range > 0x1_0000_0000) {
    // Larger than 32 bits: combine two draws (jitter of > 71 minutes; rare but keep it exact).
    const hi = nextU32(s), lo = nextU32(s);
    return (hi * 0x1_0000_0000 + lo) % range;
  }
  const limit = 0x1_0000_0000 - (0x1_0000_0000 % range);
  for (;;) {
    const x = nextU32(s);
    // x is unsigned 32-bit, boxed as a double from 2^31 on, and so is x % range: `| 0` hands
    // a draw below 2^31 over as a small integer, or every time it delays (a jittered transit)
    // would give the simulator's events and records a second hidden class (a deopt each).
    if (x < limit) { const r = x % range; return r <= 0x7fffffff ? r | 0 : r; }
  }
}

/** true with probability p (p ≤ 0 never draws, p ≥ 1 never draws: fixed rates stay free). */
export function chance(s: PrngState, p: number): boolean {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return nextFloat(s) < p;
}
