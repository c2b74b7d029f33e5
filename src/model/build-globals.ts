// keepalived 2.2.7's global_defs as the VRRP instances see them (vrrp_complete_instance() and the
// global defaults, vrrp.c / global_parser.c), and the advert interval each instance ends up with.
import { VRRP_MCAST_GROUP4 } from '../vrrp/types.js';
import type { GarpConfig } from '../vrrp/types.js';
import { IPV4 } from './addresses.js';
import { secondsToMicros, type Findings } from './build-context.js';
import { GLOBAL_NUMBERS, INSTANCE_NUMBERS, type NumberKeyword } from '../keepalived/number-keywords.js';
import { outsideRange } from '../keepalived/numbers.js';
import type { GlobalDefsModel, VrrpInstanceModel } from './types.js';

export const SECOND = 1_000_000;
const CENTI = 10_000;
/** The number reader's own words for a value outside its keyword's bounds (lib/parser.c). */
export const outside = (table: ReadonlyMap<string, NumberKeyword>, keyword: string, value: number): string => outsideRange(table.get(keyword) as NumberKeyword, value);

export interface Globals {
  readonly version: 2 | 3;
  readonly mcastGroup: string;
  readonly garp: GarpConfig;
  readonly downTimerAdverts: number;
  readonly lowerPrioNoAdvert: boolean;
  readonly higherPrioSendAdvert: boolean;
  readonly strict: boolean;
  readonly skipCheckAdvAddr: boolean;
  readonly checkUnicastSrc: boolean;
}

export function globals(g: GlobalDefsModel, f: Findings): Globals {
  const min = g.vrrpMinGarp === true;
  let repeat = g.vrrpGarpMasterRepeat ?? (min ? 1 : 5);
  if (repeat < 1) {
    f.warn('vrrp_garp_master_repeat must be greater than 0, setting to 1', 'global:vrrp_garp_master_repeat');
    repeat = 1;
  }
  let refreshRepeat = g.vrrpGarpMasterRefreshRepeat ?? 1;
  if (refreshRepeat < 1) {
    f.warn('vrrp_garp_master_refresh_repeat must be greater than 0, setting to 1', 'global:vrrp_garp_master_refresh_repeat');
    refreshRepeat = 1;
  }
  const delay = g.vrrpGarpMasterDelay ?? (min ? 0 : 5);
  let mcastGroup = g.vrrpMcastGroup4 ?? VRRP_MCAST_GROUP4;
  if (!IPV4.test(mcastGroup) || Number(mcastGroup.split('.')[0]) < 224 || Number(mcastGroup.split('.')[0]) > 239) {
    f.error(`vrrp_mcast_group4 '${mcastGroup}' is not an IPv4 multicast address - ignoring`, 'global:vrrp_mcast_group4');
    mcastGroup = VRRP_MCAST_GROUP4;
  }
  let downTimerAdverts = g.vrrpDownTimerAdverts ?? 3;
  if (downTimerAdverts < 1 || downTimerAdverts > 100) {
    f.warn(outside(GLOBAL_NUMBERS, 'vrrp_down_timer_adverts', downTimerAdverts), 'global:vrrp_down_timer_adverts');
    f.warn(`Invalid vrrp_down_timer_adverts [1:100] '${downTimerAdverts}'`, 'global:vrrp_down_timer_adverts');
    downTimerAdverts = 3;
  }
  return {
    version: g.vrrpVersion ?? 2,
    mcastGroup,
    garp: {
      masterDelay: delay * SECOND,
      masterRepeat: repeat,
      masterRefresh: (g.vrrpGarpMasterRefresh ?? 0) * SECOND,
      masterRefreshRepeat: refreshRepeat,
      lowerPrioDelay: (g.vrrpGarpLowerPrioDelay ?? delay) * SECOND,
      lowerPrioRepeat: g.vrrpGarpLowerPrioRepeat ?? repeat,
    },
    downTimerAdverts,
    lowerPrioNoAdvert: g.vrrpLowerPrioNoAdvert ?? false,
    higherPrioSendAdvert: g.vrrpHigherPrioSendAdvert ?? false,
    strict: g.vrrpStrict ?? false,
    skipCheckAdvAddr: g.vrrpSkipCheckAdvAddr ?? false,
    checkUnicastSrc: g.vrrpCheckUnicastSrc ?? false,
  };
}

export function advertInterval(i: VrrpInstanceModel, version: 2 | 3, f: Findings, key: string[]): number {
  const n = i.name;
  let us = SECOND;
  if (i.advertInt !== undefined) {
    if (i.advertInt < 0.01 || i.advertInt > 255) {
      // read_decimal_unsigned_long_func() (parser.c:617), then vrrp_adv_handler() (vrrp_parser.c:1027)
      f.warn(outside(INSTANCE_NUMBERS, 'advert_int', i.advertInt), ...key);
      f.warn(`(${n}) Advert interval (${i.advertInt}) not valid! Must be > 0 - ignoring`, ...key);
    } else us = secondsToMicros(i.advertInt);
  }
  const secs = (v: number): string => (v / SECOND).toFixed(6);
  if (version === 2) {
    if (us >= 256 * SECOND) {
      f.warn(`(${n}) VRRPv2 advertisement interval ${(us / SECOND).toFixed(2)}s is out of range. Must be less than 256s. Setting to 255s`, ...key);
      return 255 * SECOND;
    }
    if (us % SECOND !== 0) {
      f.warn(`(${n}) VRRPv2 advertisement interval ${secs(us)}s must be an integer. rounding`, ...key);
      const r = us + SECOND / 2;
      return Math.max(SECOND, r - (r % SECOND));
    }
    return us;
  }
  if (us >= 4096 * CENTI) {
    f.warn(`(${n}) VRRPv3 advertisement interval ${(us / SECOND).toFixed(2)}s is out of range. Must be less than 40.96s. Setting to 40.95s`, ...key);
    return 4095 * CENTI;
  }
  if (us % CENTI !== 0) {
    f.warn(`(${n}) VRRPv3 advertisement interval ${secs(us)}s must be in units of 10ms - rounding`, ...key);
    const r = us + CENTI / 2;
    return Math.max(CENTI, r - (r % CENTI));
  }
  return us;
}
