// A two-node multicast VRRPv2 world, built directly as a SimSpec (no scenario loader needed).
import type { SimSpec, TimelineEvent, NodeSpec } from '../../../sim/spec.js';
import type { InstanceConfig } from '../../../src/vrrp/types.js';

export const VIP = '192.0.2.100';

export function instance(priority: number, srcAddr: string, over: Partial<InstanceConfig> = {}): InstanceConfig {
  return {
    name: 'VI_1', version: 2, vrid: 51, iface: 'eth0', priority, initialState: 'BACKUP',
    advertInt: 1_000_000, nopreempt: false, preemptDelay: 0, srcAddr, unicastPeers: [], unicastTtl: 255,
    mcastGroup: '224.0.0.18', vips: [VIP], excludedVips: [], auth: { type: 'none' }, downTimerAdverts: 3,
    lowerPrioNoAdvert: false, higherPrioSendAdvert: false, skipCheckAdvAddr: false, checkUnicastSrc: false,
    garp: { masterDelay: 5_000_000, masterRepeat: 5, masterRefresh: 0, masterRefreshRepeat: 1, lowerPrioDelay: 5_000_000, lowerPrioRepeat: 5 },
    track: [], dontTrackPrimary: false,
    ...over,
  };
}

export function node(name: string, address: string, priority: number): NodeSpec {
  return {
    name, labels: new Map(), interfaces: [{ name: 'eth0', segment: 'lan', address, prefix: 24 }],
    router: { instances: [instance(priority, address)], scripts: [], syncGroups: [] },
    scripts: new Map(), services: [], scriptRuntime: 10_000,
  };
}

export function twoNodeSpec(timeline: readonly TimelineEvent[], until: number): SimSpec {
  return {
    seed: 1, until,
    segments: [{ name: 'lan', latency: 0, jitter: 0, loss: 0, multicastBlocked: false }],
    nodes: [node('a.example.com', '192.0.2.11', 200), node('b.example.com', '192.0.2.12', 100)],
    probes: [], arp: { reachableTime: 30_000_000, delayFirstProbe: 5_000_000 }, timeline, traceAdverts: false,
  };
}
