// Validated scenario values to the simulator's units.
import type { InputError } from '../../src/cli/errors.js';
import type { Micros } from '../../src/vrrp/types.js';
import { parseDuration } from './duration.js';

export function dur(v: string | number): Micros {
  const d = parseDuration(v);
  if (typeof d === 'string') throw new Error(`validated duration did not parse: ${d}`);
  return d;
}

export /** The schema's pattern cannot bound a percentage, so "150%" gets here: a share above 1 can never hold. */
function ratio(v: string | number, fail: (msg: string) => InputError): number {
  const r = typeof v === 'number' ? v : Number(v.slice(0, -1)) / 100;
  if (r > 1) throw fail(`'${v}' is more than 100%; expected a ratio 0..1 or a percentage 0%..100%`);
  return r;
}
