// Stepping a state the caller owns: the same answers as step(), but a backup hearing its master
// (the commonest input by far) writes the new deadline into the state's sands chunk instead of
// copying the chunk, the outer sands array and the RouterState. At 255 instances a delivery
// allocated ~750 bytes, and those copies (~270 of them) streamed through the cache between two
// visits to one instance and kept the young generation busy (BENCHMARKS.md, issue 16: dense layout).
//
// The contract, which step() does not need: the caller holds no other reference to the state
// it passes, nor to any state that shares a sands chunk with it, and keeps only the state
// returned. ownedCopy() gives such a state from any state (it copies the sands chunks, the only
// thing stepOwned() writes in place; records, configs and the index stay shared, immutable as
// ever); a state returned by stepOwned() or step() from an owned state is owned while the caller
// keeps nothing else. A caller that hands a state out (a snapshot, a cache keyed by its objects)
// takes an ownedCopy() before stepping it again. step() itself stays pure.
import type { Input, Micros } from './types.js';
import type { RouterState } from './state.js';
import type { StepResult } from './router.js';
import { step } from './router.js';
import { backupHeard } from './receive.js';
import { withSandsChunks } from './state.js';

export function stepOwned(router: RouterState, input: Input, now: Micros): StepResult {
  if (input.type === 'advert' && router.phase === 'running') {
    const heard = backupHeard(router, input.packet, now, true);
    if (heard !== null) return heard;
  }
  return step(router, input, now);
}

/** A state equal to `router` whose sands chunks are new: the caller owns it (see above). */
export function ownedCopy(router: RouterState): RouterState {
  return withSandsChunks(router, router.sands.map((chunk) => chunk.slice()));
}
