// keepalived 2.2.7's defaults for one instance/script, so tests, the model builder and the
// simulator start from the same values and spell only what differs.
import type { GarpConfig, InstanceConfig, ScriptConfig } from './types.js';
import { VRRP_MCAST_GROUP4 } from './types.js';

export const DEFAULT_GARP: GarpConfig = {
  masterDelay: 5_000_000,
  masterRepeat: 5,
  masterRefresh: 0,
  masterRefreshRepeat: 1,
  // garp_lower_prio_* default to the global garp_master_* values.
  lowerPrioDelay: 5_000_000,
  lowerPrioRepeat: 5,
};

export function defaultInstanceConfig(partial: Partial<InstanceConfig> = {}): InstanceConfig {
  return {
    name: 'VI_1',
    version: 2,
    vrid: 51,
    iface: 'eth0',
    priority: 100,
    initialState: 'BACKUP',
    advertInt: 1_000_000,
    nopreempt: false,
    preemptDelay: 0,
    srcAddr: '192.0.2.1',
    unicastPeers: [],
    unicastTtl: 255,
    mcastGroup: VRRP_MCAST_GROUP4,
    vips: ['192.0.2.100'],
    excludedVips: [],
    auth: { type: 'none' },
    downTimerAdverts: 3,
    lowerPrioNoAdvert: false,
    higherPrioSendAdvert: false,
    skipCheckAdvAddr: false,
    checkUnicastSrc: false,
    garp: DEFAULT_GARP,
    track: [],
    dontTrackPrimary: false,
    ...partial,
  };
}

export function defaultScriptConfig(partial: Partial<ScriptConfig> = {}): ScriptConfig {
  const interval = partial.interval ?? 1_000_000;
  return {
    name: 'chk',
    script: '/bin/true',
    interval,
    timeout: interval,
    rise: 1,
    fall: 1,
    weight: 0,
    reverse: false,
    initFail: false,
    ...partial,
  };
}
