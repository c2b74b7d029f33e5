// bash's $RANDOM (5.1+ with the default compat level): Park–Miller "minimal standard"
// x' = 16807·x mod (2^31−1), folded to 15 bits as (x >> 16) ^ (x & 0xffff). Reproducing it
// means `{ seed: 42 }` gives the same backup priorities as `RANDOM=42` in the ipfailover pod
// (the samples in ipfailover-samples/ were generated that way).

const MODULUS = 0x7fffffff;
const MULTIPLIER = 16807;

/** What the backup-priority term `$RANDOM % 32` is: one value for every instance, or bash's sequence from a seed. */
export type RandomTerm = number | { readonly seed: number };

function nextSeed(last: number): number {
  // bash cannot seed with 0; it substitutes this constant.
  const x = last === 0 ? 123459876 : last;
  // Exact in doubles: 16807 · (2^31 − 1) < 2^53.
  return (MULTIPLIER * x) % MODULUS;
}

/** A generator of successive `$RANDOM` values after `RANDOM=seed`. */
export function bashRandom(seed: number): () => number {
  let state = (seed >>> 0);
  return () => {
    state = nextSeed(state);
    return ((state >>> 16) ^ (state & 0xffff)) & 0x7fff;
  };
}

/** A source of `$RANDOM % 32` terms, one per generated instance, in instance order. */
export function randomTerms(random: RandomTerm): () => number {
  if (typeof random === 'number') return () => random;
  const next = bashRandom(random.seed);
  return () => next() % 32;
}
