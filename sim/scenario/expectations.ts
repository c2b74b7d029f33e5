// Expectations as the loader resolves them: times in µs, ratios in [0, 1], each with the
// position of its entry so a failed verdict can point at the line that stated it.
import type { SourcePos } from '../../src/cli/errors.js';
import type { Ipv4, Micros } from '../../src/vrrp/types.js';

export type Expectation = { readonly pos: SourcePos; readonly label: string } & (
  | { readonly kind: 'master'; readonly at: Micros; readonly instance: string; readonly nodes: readonly string[] }
  | { readonly kind: 'holder'; readonly at: Micros; readonly vip: Ipv4; readonly nodes: readonly string[] }
  | { readonly kind: 'longestOutage'; readonly max: Micros; readonly vip: Ipv4 | null }
  | { readonly kind: 'dualMaster'; readonly longest: Micros | null; readonly total: Micros | null; readonly allowDuringFaults: boolean }
  | { readonly kind: 'convergence'; readonly within: Micros }
  | { readonly kind: 'availability'; readonly probe: string; readonly min: number; readonly from: Micros }
  | { readonly kind: 'invariants'; readonly only: readonly string[] | null }
);

export interface Verdict {
  readonly expectation: Expectation;
  readonly ok: boolean;
  /** What was observed, in words and numbers an operator can act on. */
  readonly detail: string;
}
