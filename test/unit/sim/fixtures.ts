// Builders for simulator specs in tests: a segment, nodes with one VRRP instance, probes.
import type { InstanceConfig, RouterConfig } from '../../../src/vrrp/types.js';
import type { NodeSpec, ProbeSpec, SegmentSpec, SimSpec } from '../../../sim/spec.js';

export const SEC = 1_000_000;

export function segment(over: Partial<SegmentSpec> = {}): SegmentSpec {
  return { name: 'lan', latency: 100, jitter: 0, loss: 0, multicastBlocked: false, ...over };
}

export function instance(over: Partial<InstanceConfig> = {}): InstanceConfig {
  return {
    name: 'VI_1', version: 2, vrid: 51, iface: 'eth0', priority: 100, initialState: 'BACKUP',
    advertInt: SEC, nopreempt: false, preemptDelay: 0, srcAddr: '192.0.2.1', unicastPeers: [],
    unicastTtl: 255, mcastGroup: '224.0.0.18', vips: ['192.0.2.100'], excludedVips: [],
    auth: { type: 'none' }, downTimerAdverts: 3, lowerPrioNoAdvert: false, higherPrioSendAdvert: false,
    skipCheckAdvAddr: false, checkUnicastSrc: false,
    garp: { masterDelay: 5 * SEC, masterRepeat: 5, masterRefresh: 0, masterRefreshRepeat: 1, lowerPrioDelay: 5 * SEC, lowerPrioRepeat: 5 },
    track: [], dontTrackPrimary: false,
    ...over,
  };
}

export interface NodeOpts {
  readonly name: string;
  readonly address: string;
  readonly priority?: number;
  readonly instance?: Partial<InstanceConfig>;
  readonly router?: Partial<RouterConfig>;
  readonly node?: Partial<NodeSpec>;
  readonly segment?: string;
}

export function node(o: NodeOpts): NodeSpec {
  const router: RouterConfig = {
    instances: [instance({ srcAddr: o.address, priority: o.priority ?? 100, ...o.instance })],
    scripts: [], syncGroups: [],
    ...o.router,
  };
  return {
    name: o.name, labels: new Map(),
    interfaces: [{ name: 'eth0', segment: o.segment ?? 'lan', address: o.address, prefix: 24 }],
    router, scripts: new Map(),
    services: [{ name: 'web', port: 80, processNames: ['haproxy'], upAtStart: true }],
    scriptRuntime: 10_000,
    ...o.node,
  };
}

export function probe(over: Partial<ProbeSpec> = {}): ProbeSpec {
  return { name: 'client', segment: 'lan', address: '192.0.2.50', target: '192.0.2.100', port: 80, interval: 100_000, timeout: SEC, ...over };
}

export function spec(over: Partial<SimSpec> = {}): SimSpec {
  return {
    seed: 1, until: 10 * SEC, segments: [segment()],
    nodes: [node({ name: 'a', address: '192.0.2.1', priority: 100 }), node({ name: 'b', address: '192.0.2.2', priority: 200 })],
    probes: [], arp: { reachableTime: 30 * SEC, delayFirstProbe: 5 * SEC }, timeline: [], traceAdverts: false,
    ...over,
  };
}
