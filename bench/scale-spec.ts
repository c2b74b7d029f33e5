// The scaling topology: `nodes` keepalived nodes on one multicast segment, each running
// `instances` VRRP instances (VRID j, one VIP each). Priorities rotate per instance so the
// masters are spread over the nodes, as an operator spreading VIPs would configure them.
import { defaultInstanceConfig } from '../src/vrrp/defaults.js';
import type { InstanceConfig } from '../src/vrrp/types.js';
import type { NodeSpec, SimSpec } from '../sim/spec.js';

export const SCALE_NODES = [2, 8, 32, 128] as const;
export const SCALE_INSTANCES = [1, 16, 255] as const;

export function nodeAddress(i: number): string {
  return `192.0.2.${i + 1}`;
}

/** One address per VRID: 198.51.100.1 .. 198.51.100.255 (the simulator never routes them). */
export function vipOf(vrid: number): string {
  return `198.51.100.${vrid}`;
}

export function scaleSpec(nodes: number, instances: number, until: number): SimSpec {
  if (nodes < 1 || nodes > 253) throw new RangeError(`nodes ${nodes}: expected 1..253`);
  if (instances < 1 || instances > 255) throw new RangeError(`instances ${instances}: expected 1..255 (one VRID each)`);
  const nodeSpecs: NodeSpec[] = [];
  for (let i = 0; i < nodes; i++) {
    const insts: InstanceConfig[] = [];
    for (let j = 1; j <= instances; j++) {
      insts.push(defaultInstanceConfig({
        name: `VI_${j}`,
        vrid: j,
        priority: 254 - ((i + j) % nodes),
        srcAddr: nodeAddress(i),
        vips: [vipOf(j)],
      }));
    }
    nodeSpecs.push({
      name: `node-${String(i).padStart(3, '0')}`,
      labels: new Map(),
      interfaces: [{ name: 'eth0', segment: 'lan', address: nodeAddress(i), prefix: 24 }],
      router: { instances: insts, scripts: [], syncGroups: [] },
      scripts: new Map(),
      services: [],
      scriptRuntime: 0,
    });
  }
  return {
    seed: 1,
    until,
    segments: [{ name: 'lan', latency: 100, jitter: 0, loss: 0, multicastBlocked: false }],
    nodes: nodeSpecs,
    probes: [],
    arp: { reachableTime: 30_000_000, delayFirstProbe: 5_000_000 },
    timeline: [],
    traceAdverts: false,
  };
}
