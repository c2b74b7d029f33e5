// Shared plumbing of the builder: collecting findings with the position of what caused them.
import type { SourcePos } from '../cli/errors.js';
import type { Warning } from './types.js';

/** Where things were written: keys like `instance:VI_1`, `instance:VI_1:priority`, `script:chk`. */
export type SourceMap = ReadonlyMap<string, SourcePos>;

export interface Findings {
  readonly list: Warning[];
  warn(message: string, ...keys: string[]): void;
  error(message: string, ...keys: string[]): void;
}

/** The first key that has a position wins, so callers name the most specific place first. */
export function findings(positions: SourceMap | undefined): Findings {
  const list: Warning[] = [];
  const push = (severity: Warning['severity'], message: string, keys: string[]): void => {
    const pos = keys.map((k) => positions?.get(k)).find((p) => p !== undefined);
    list.push(pos === undefined ? { severity, message } : { severity, message, pos });
  };
  return {
    list,
    warn: (m, ...k) => push('warning', m, k),
    error: (m, ...k) => push('error', m, k),
  };
}

/** Seconds as written in the file to integer microseconds, without float drift. */
export function secondsToMicros(s: number): number {
  return Math.round(s * 1_000_000);
}
