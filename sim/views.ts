// Read-only views of a running world for tests, expectations and the CLI: who holds which VIP
// and which state each instance reported last. Kept apart from the engine (engine.ts), which
// never reads them.
import type { Ipv4, VrrpState } from '../src/vrrp/types.js';
import type { World } from './world.js';

/** Who holds each VIP right now (alive hosts only), nodes in spec order. */
export function vipHolders<R>(w: World<R>): Map<Ipv4, string[]> {
  const out = new Map<Ipv4, string[]>();
  for (const [name, h] of w.hosts) {
    if (!h.alive) continue;
    for (const vip of h.held.keys()) {
      const list = out.get(vip);
      if (list === undefined) out.set(vip, [name]); else list.push(name);
    }
  }
  return out;
}

export interface InstanceSnapshot {
  readonly node: string;
  readonly instance: string;
  readonly state: VrrpState;
  readonly priority: number;
}

/** Every running instance's state as its last transition reported it. */
export function instanceStates<R>(w: World<R>): InstanceSnapshot[] {
  const out: InstanceSnapshot[] = [];
  for (const [node, h] of w.hosts) {
    if (!h.alive || h.router === null) continue;
    for (const [instance, v] of h.instances) out.push({ node, instance, state: v.state, priority: v.priority });
  }
  return out;
}

/** Nodes whose instance `instance` is MASTER now. */
export function masters<R>(w: World<R>, instance: string): string[] {
  return instanceStates(w).filter((s) => s.instance === instance && s.state === 'MASTER').map((s) => s.node);
}
