// The IPv6 twin of twoNodeSpec: a two-node multicast VRRPv3 world over IPv6 (ff02::12, each
// node's link-local source, a 2001:db8:: VIP) with sub-second adverts so a run stays short.
import type { NodeSpec, SimSpec, TimelineEvent } from '../../../sim/spec.js';
import { instance } from './twoNodeSpec.js';

export const VIP6 = '2001:db8::101';
/** RFC 5798 permits centiseconds; half a second keeps every masterDownInterval under 2 s. */
export const ADV6 = 500_000;

export function node6(name: string, index: number, priority: number): NodeSpec {
  const linkLocal = `fe80::${index}`;
  return {
    name, labels: new Map(),
    interfaces: [{ name: 'eth0', segment: 'lan', prefix: 24, address6: `2001:db8::${index}`, linkLocal }],
    router: {
      instances: [instance(priority, linkLocal, { family: 6, version: 3, advertInt: ADV6, mcastGroup: 'ff02::12', vips: [VIP6] })],
      scripts: [], syncGroups: [],
    },
    scripts: new Map(), services: [], scriptRuntime: 10_000,
  };
}

export function twoNodeSpec6(timeline: readonly TimelineEvent[], until: number): SimSpec {
  return {
    seed: 1, until,
    segments: [{ name: 'lan', latency: 0, jitter: 0, loss: 0, multicastBlocked: false }],
    nodes: [node6('a.example.com', 11, 200), node6('b.example.com', 12, 100)],
    probes: [], arp: { reachableTime: 30_000_000, delayFirstProbe: 5_000_000 }, timeline, traceAdverts: false,
  };
}
