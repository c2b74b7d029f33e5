// Whether a fault schedule leaves some node able to hold each VIP at every instant. A schedule
// that crashes, stops, freezes or cuts every holder teaches nothing about the configuration (any
// deployment has an outage then), so explore leaves such schedules out unless asked.
import type { Micros } from '../vrrp/types.js';
import type { Fault, NodeSpec, SimSpec, TimelineEvent } from '../../sim/spec.js';

interface NodeDown {
  /** Crashed, keepalived stopped, or frozen. */
  gone: boolean;
  frozen: boolean;
  /** Interfaces without carrier; '*' for all of them. */
  readonly links: Set<string>;
  readonly services: Set<string>;
}

function apply(spec: SimSpec, state: Map<string, NodeDown>, f: Fault): void {
  const s = 'node' in f && typeof f.node === 'string' ? state.get(f.node) : undefined;
  if (s === undefined) return;
  const node = spec.nodes.find((n) => 'node' in f && n.name === f.node);
  switch (f.kind) {
    case 'crash': case 'stop': s.gone = true; break;
    case 'start': case 'restart': s.gone = false; s.frozen = false; break;
    case 'freeze': s.frozen = true; break;
    case 'thaw': s.frozen = false; break;
    case 'link-down': s.links.add(f.iface ?? '*'); break;
    case 'link-up': if (f.iface === undefined) s.links.clear(); else s.links.delete(f.iface); break;
    case 'service-down': case 'service-up':
      for (const svc of node?.services ?? []) {
        if ((f.service !== undefined && svc.name !== f.service) || (f.port !== undefined && svc.port !== f.port)) continue;
        if (f.kind === 'service-down') s.services.add(svc.name); else s.services.delete(svc.name);
      }
      break;
    default: break;
  }
}

/** A node's instance can become MASTER: keepalived runs, its interface has carrier, no weight-0 check fails. */
function able(n: NodeSpec, s: NodeDown, instance: string): boolean {
  if (s.gone || s.frozen) return false;
  const inst = n.router?.instances.find((i) => i.name === instance);
  if (inst === undefined) return false;
  if (s.links.has('*') || s.links.has(inst.iface)) return false;
  return !inst.track.some((t) => {
    if (t.kind !== 'script' || t.weight !== 0 || t.reverse) return false;
    const b = n.scripts.get(t.name);
    return b !== undefined && b.kind === 'service' && s.services.has(b.service);
  });
}

/** The first instant (if any) at which some VIP has no node able to hold it. */
export function firstTotalOutage(spec: SimSpec, timeline: readonly TimelineEvent[]): Micros | null {
  const holders = new Map<string, { node: NodeSpec; instance: string }[]>();
  for (const n of spec.nodes) {
    for (const i of n.router?.instances ?? []) {
      for (const v of i.vips) holders.set(v, [...(holders.get(v) ?? []), { node: n, instance: i.name }]);
    }
  }
  const state = new Map(spec.nodes.map((n): [string, NodeDown] => [n.name, { gone: false, frozen: false, links: new Set(), services: new Set() }]));
  const sorted = [...timeline].sort((a, b) => a.at - b.at);
  for (let k = 0; k < sorted.length; k++) {
    const e = sorted[k] as TimelineEvent;
    apply(spec, state, e.fault);
    // Events at one instant take effect together: judge after the last of them.
    if (sorted[k + 1]?.at === e.at) continue;
    for (const hs of holders.values()) {
      if (!hs.some((h) => able(h.node, state.get(h.node.name) as NodeDown, h.instance))) return e.at;
    }
  }
  return null;
}
