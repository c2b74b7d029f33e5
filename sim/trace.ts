// What a run produced, in time order. Reports (text, JSON Lines, HTML, JUnit) and expectations
// are computed from this alone, so everything an operator may ask about must be recorded here.
import type { Ipv4, Micros, VrrpState } from '../src/vrrp/types.js';
import type { Fault } from './spec.js';

export type TraceEvent =
  | { readonly t: Micros; readonly type: 'state'; readonly node: string; readonly instance: string; readonly from: VrrpState; readonly to: VrrpState; readonly priority: number; readonly reason: string }
  | { readonly t: Micros; readonly type: 'priority'; readonly node: string; readonly instance: string; readonly from: number; readonly to: number }
  | { readonly t: Micros; readonly type: 'vip'; readonly node: string; readonly instance: string; readonly vip: Ipv4; readonly action: 'add' | 'remove' }
  | { readonly t: Micros; readonly type: 'fault'; readonly fault: Fault }
  /** A probe's result changed (first result, then only changes): ok=false opens an outage.
   * `t` is when the result was known (a timeout ends late); `sent` is when that attempt began. */
  | { readonly t: Micros; readonly type: 'probe'; readonly probe: string; readonly ok: boolean; readonly via: string | null; readonly reason: string; readonly sent: Micros }
  | { readonly t: Micros; readonly type: 'notify'; readonly node: string; readonly scope: 'INSTANCE' | 'GROUP'; readonly name: string; readonly state: VrrpState; readonly priority: number }
  | { readonly t: Micros; readonly type: 'script'; readonly node: string; readonly script: string; readonly ok: boolean }
  /** Only with traceAdverts. */
  | { readonly t: Micros; readonly type: 'advert'; readonly node: string; readonly instance: string; readonly src: Ipv4; readonly dst: Ipv4; readonly vrid: number; readonly priority: number }
  | { readonly t: Micros; readonly type: 'garp'; readonly node: string; readonly instance: string; readonly addrs: readonly Ipv4[] }
  /** Several events were due at the same instant and the seeded PRNG chose their order. */
  | { readonly t: Micros; readonly type: 'order'; readonly chosen: readonly string[] };

export interface SimStats {
  readonly events: number;
  readonly advertDeliveries: number;
}

export interface SimResult {
  readonly trace: readonly TraceEvent[];
  readonly end: Micros;
  readonly stats: SimStats;
}
