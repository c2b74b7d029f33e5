// vrrp_check_packet()'s semantic checks on an advert the codec already parsed
// (vrrp-packets.md §5, in keepalived's order). Any failure means "ignore": KO and DROP behave
// the same. Wire-level checks (length, checksum, type) belong to the codec.
import type { InstanceConfig, ReceivedAdvert } from './types.js';
import type { HotConfig } from './hot.js';
import { F_CHECK_UNICAST_SRC, F_SKIP_CHECK_ADV_ADDR, F_UNICAST, F_V3 } from './hot.js';
import { TIMER_HZ } from './timers.js';
import { isMulticast } from './address.js';

/** Why an advert is ignored, in keepalived's words; null when it passes. */
export function advertRejection(cfg: InstanceConfig, pkt: ReceivedAdvert, checkAddr: boolean): string | null {
  const a = pkt.advert;
  const unicast = cfg.unicastPeers.length > 0;
  if (!unicast && pkt.ttl !== 255) return `invalid TTL/HL ${pkt.ttl}`;
  if (a.version !== cfg.version) return `wrong version ${a.version}`;
  // Hosts may share one VIP list and one auth block between equal configs (the simulator does,
  // sim/intern.ts): then the advert carries the receiver's own object, and nothing in it is read.
  const sameVips = a.vips === cfg.vips;
  if (cfg.version === 2) {
    if (a.auth !== cfg.auth && a.auth.type !== cfg.auth.type) return `received a ${a.auth.type} auth, expecting ${cfg.auth.type}`;
    if (a.auth !== cfg.auth && a.auth.type === 'PASS' && cfg.auth.type === 'PASS' && a.auth.pass !== cfg.auth.pass) {
      return 'received password does not match';
    }
    // The v2 field carries whole seconds; compare what the wire can say.
    const mine = Math.floor(cfg.advertInt / TIMER_HZ);
    const rcvd = Math.floor(a.advertInt / TIMER_HZ);
    if (mine !== rcvd) return `advertisement interval mismatch mine=${mine} sec rcv'd=${rcvd} sec`;
  }
  if (checkAddr && !sameVips && a.vips.length !== cfg.vips.length) return 'received an unexpected ip number count';
  if (isMulticast(pkt.dst) === unicast) {
    return unicast ? 'Expected unicast packet but received multicast' : 'Expected multicast packet but received unicast';
  }
  if (checkAddr && !sameVips) {
    // Same count (checked above); peers list the VIPs in the same order almost always, so
    // compare position by position and search only on a mismatch.
    for (let k = 0; k < cfg.vips.length; k++) {
      const vip = cfg.vips[k]!;
      if (a.vips[k] !== vip && !a.vips.includes(vip)) return `ip address associated with VRID ${cfg.vrid} not present in MASTER advert`;
    }
  }
  if (unicast && cfg.checkUnicastSrc && !cfg.unicastPeers.includes(pkt.src)) {
    return `unicast source ${pkt.src} is not a configured peer`;
  }
  return null;
}

/**
 * A sufficient condition for advertRejection(config of instance i, pkt, !skipCheckAdvAddr) to be
 * null, read from the dense table alone: the advert carries the receiver's own VIP list and auth
 * objects (hosts that intern them, sim/intern.ts) and the interval in whole seconds. false says nothing:
 * the caller asks advertRejection().
 */
export function plainAdvert(hot: HotConfig, i: number, pkt: ReceivedAdvert): boolean {
  const f = hot.flags[i]!;
  const a = pkt.advert;
  const unicast = (f & F_UNICAST) !== 0;
  if (unicast ? (f & F_CHECK_UNICAST_SRC) !== 0 : pkt.ttl !== 255) return false;
  if ((f & F_V3) !== 0 ? a.version !== 3 : a.version !== 2 || a.auth !== hot.auth[i] || Math.floor(a.advertInt / TIMER_HZ) !== hot.advertSecs[i]) return false;
  if ((f & F_SKIP_CHECK_ADV_ADDR) === 0 && a.vips !== hot.vips[i]) return false;
  return isMulticast(pkt.dst) !== unicast;
}
