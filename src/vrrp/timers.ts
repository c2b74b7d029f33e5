// RFC 3768/5798 timer arithmetic exactly as keepalived 2.2.7 does it (vrrp.h timer macros):
// integer microseconds with C's truncating division, so a simulator reproduces the
// 3 906 µs-per-priority-step ordering between competing backups bit for bit.
import type { Micros, VrrpVersion } from './types.js';

export const TIMER_HZ = 1_000_000;
export const TIMER_CENTI_HZ = 10_000;

/**
 * Skew_Time. v2 ignores the advert interval ((256−p)/256 s); v3 scales the master's interval
 * after cutting it to whole centiseconds, as the 12-bit wire field does.
 */
export function skewTime(version: VrrpVersion, priority: number, masterAdvertInt: Micros): Micros {
  if (version === 3) {
    const cs = Math.floor(masterAdvertInt / TIMER_CENTI_HZ);
    return Math.floor(((256 - priority) * cs * 625) / 16);
  }
  return Math.floor(((256 - priority) * TIMER_HZ) / 256);
}

/** keepalived's VRRP_TIMER_SKEW_MIN: the skew of one priority step, used when a held-back master starts. */
export function skewTimeMin(version: VrrpVersion, masterAdvertInt: Micros): Micros {
  return skewTime(version, 255, masterAdvertInt);
}

/** Master_Down_Interval with keepalived's configurable advert count (down_timer_adverts). */
export function masterDownInterval(
  version: VrrpVersion,
  priority: number,
  masterAdvertInt: Micros,
  downTimerAdverts = 3,
): Micros {
  return downTimerAdverts * masterAdvertInt + skewTime(version, priority, masterAdvertInt);
}
