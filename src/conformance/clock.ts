// The harness's clock: monotonic microseconds, integer, as the trace wants them.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Micros } from '../vrrp/types.js';

export function monotonicMicros(): Micros {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Resolves at `deadline` (monotonic µs), or at once if it has passed. */
export async function sleepUntil(deadline: Micros): Promise<void> {
  for (;;) {
    const left = deadline - monotonicMicros();
    if (left <= 0) return;
    await sleep(Math.max(1, Math.floor(left / 1000)));
  }
}
