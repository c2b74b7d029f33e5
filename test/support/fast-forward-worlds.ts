// Random worlds for fast-forward's on/off comparisons (test/property/sim-fast-forward.test.ts,
// test/unit/sim/fast-forward-ndisc.test.ts): a topology plus, as drawn, a client of the VIP, a
// node that runs no keepalived (it still hears adverts) and adverts traced.
import type { NodeSpec, SimSpec } from '../../sim/spec.js';

const SEC = 1_000_000;

export function withExtras(spec: SimSpec, extras: { readonly client: boolean; readonly appNode: boolean; readonly adverts: boolean }): SimSpec {
  const app: NodeSpec = {
    name: 'app-1', labels: new Map(), interfaces: [{ name: 'eth0', segment: 'lan', address: '192.0.2.50', prefix: 24 }],
    router: null, scripts: new Map(), services: [], scriptRuntime: 10_000,
  };
  return {
    ...spec,
    nodes: extras.appNode ? [...spec.nodes, app] : spec.nodes,
    probes: extras.client ? [{ name: 'client', segment: 'lan', address: '192.0.2.60', target: '192.0.2.100', port: 80, interval: 500_000, timeout: 2 * SEC }] : [],
    traceAdverts: extras.adverts,
  };
}
