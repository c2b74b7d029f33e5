// The config fields the receive path reads for every advert, one dense array per field, built
// once per RouterConfig (so never copied and never out of date). At 255 instances a node's
// instance configs, candidate lists and VIP lists are each read about once a virtual second,
// ~8,000 deliveries apart, and every read missed the cache: finding the instance and checking
// the advert was two thirds of a steady delivery (BENCHMARKS.md, issue 16: 255 instances).
// A router's arrays here are a few KB; the same position serves one instance in every array.
// No duration is kept here, only small numbers (≤ 255): fast-forward (sim/fast-forward-core.ts)
// reads any number of a core state it cannot prove time-free as a possible deadline, and a
// preempt_delay of 300 s kept here held the seed's period back by 300 s
// (test/unit/sim/fast-forward-checkpoints.test.ts). Instances with one read their config.
import type { InstanceConfig, IpAddress, VrrpAuth } from './types.js';
import { TIMER_HZ } from './timers.js';

/** Bits of HotConfig.flags. */
export const F_FAMILY6 = 1;
/** unicast_peer set: the instance sends and expects unicast. */
export const F_UNICAST = 2;
export const F_NOPREEMPT = 4;
export const F_SKIP_CHECK_ADV_ADDR = 8;
export const F_CHECK_UNICAST_SRC = 16;
export const F_V3 = 32;
/** preempt_delay set: its value is in the config. */
export const F_PREEMPT_DELAY = 64;

export interface HotConfig {
  /**
   * The first instance (config order) of each VRID 0..255 the config uses; a hole for the rest.
   * An array with holes, not an Int32Array(256): fast-forward walks a core state's numbers
   * (sim/fast-forward-core.ts), and 256 entries per router at every keepalived start cost
   * `vrrplab explore` ~5 % (a for-in over an array visits only the entries set).
   */
  readonly firstByVrid: readonly number[];
  /** The same for a VRID outside 0..255, which no wire advert carries but a config may hold. */
  readonly firstByOtherVrid: ReadonlyMap<number, number>;
  /** The next instance of the same VRID in config order, -1 at the end. */
  readonly nextSameVrid: readonly number[];
  readonly iface: readonly string[];
  readonly flags: readonly number[];
  /** advert_int in whole seconds, what a v2 advert's field can carry (validate.ts compares these); -1: see buildHotConfig. */
  readonly advertSecs: readonly number[];
  /** down_timer_adverts; -1: see buildHotConfig. */
  readonly downTimerAdverts: readonly number[];
  /** The config's own VIP list and auth (the same objects), compared by reference. */
  readonly vips: readonly (readonly IpAddress[])[];
  readonly auth: readonly VrrpAuth[];
}

export function buildHotConfig(instances: readonly InstanceConfig[]): HotConfig {
  // Plain arrays of small integers, filled by push so V8 keeps them packed: as quick to read
  // as typed arrays, cheaper to make (a router is made at every keepalived start, thousands
  // per explore or availability run) and to walk for fast-forward.
  const firstByVrid: number[] = [];
  const firstByOtherVrid = new Map<number, number>();
  const nextSameVrid: number[] = [];
  const last = new Map<number, number>();
  const flags: number[] = [];
  const advertSecs: number[] = [];
  const downTimerAdverts: number[] = [];
  instances.forEach((c, i) => {
    nextSameVrid.push(-1);
    const prev = last.get(c.vrid);
    if (prev !== undefined) nextSameVrid[prev] = i;
    else if (Number.isInteger(c.vrid) && c.vrid >= 0 && c.vrid < 256) firstByVrid[c.vrid] = i;
    else firstByOtherVrid.set(c.vrid, i);
    last.set(c.vrid, i);
    flags.push((c.family === 6 ? F_FAMILY6 : 0) | (c.unicastPeers.length > 0 ? F_UNICAST : 0) | (c.nopreempt ? F_NOPREEMPT : 0)
      | (c.skipCheckAdvAddr ? F_SKIP_CHECK_ADV_ADDR : 0) | (c.checkUnicastSrc ? F_CHECK_UNICAST_SRC : 0) | (c.version === 3 ? F_V3 : 0) | (c.preemptDelay > 0 ? F_PREEMPT_DELAY : 0));
    // A value kept here must be exact; one that is not a small integer is -1, which no advert
    // matches: the receive path then leaves the advert to the general rules (plainAdvert(),
    // backupHeard()).
    advertSecs.push(small(Math.floor(c.advertInt / TIMER_HZ)));
    downTimerAdverts.push(small(c.downTimerAdverts));
  });
  return {
    firstByVrid, firstByOtherVrid, nextSameVrid, iface: instances.map((c) => c.iface), flags, advertSecs, downTimerAdverts,
    vips: instances.map((c) => c.vips), auth: instances.map((c) => c.auth),
  };
}

/** Kept if a non-negative integer of at most 255 (all real values), else -1. */
function small(x: number): number {
  return Number.isInteger(x) && x >= 0 && x <= 255 ? x : -1;
}
