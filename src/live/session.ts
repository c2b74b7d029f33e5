// The real-time parts live commands share: a monotonic µs clock and "run until --duration
// passes or SIGINT/SIGTERM arrives", leaving no handler or timer behind afterwards.
import type { Micros } from '../vrrp/types.js';
import { InputError } from '../cli/errors.js';
import { parseDuration } from '../../sim/scenario/duration.js';
import type { TimerHandle } from './driver.js';

export function monotonicMicros(): Micros {
  return Number(process.hrtime.bigint() / 1000n);
}

export function scheduleReal(delay: Micros, fn: () => void): TimerHandle {
  const t = setTimeout(fn, Math.max(0, Math.ceil(delay / 1000)));
  return { cancel: () => clearTimeout(t) };
}

export type EndReason = 'duration' | 'SIGINT' | 'SIGTERM';

export function durationOption(text: string | undefined): Micros | undefined {
  if (text === undefined) return undefined;
  const d = parseDuration(text);
  if (typeof d === 'string') throw new InputError(d, { file: '--duration' });
  if (d <= 0) throw new InputError(`'${text}' is not a positive duration; expected e.g. 30s`, { file: '--duration' });
  return d;
}

/** Resolves when `duration` has passed (never, if undefined) or at the first SIGINT/SIGTERM. */
export function untilEnd(duration: Micros | undefined): Promise<EndReason> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (r: EndReason): void => {
      if (timer !== undefined) clearTimeout(timer);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(r);
    };
    const onInt = (): void => done('SIGINT');
    const onTerm = (): void => done('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    if (duration !== undefined) timer = setTimeout(() => done('duration'), Math.ceil(duration / 1000));
  });
}
