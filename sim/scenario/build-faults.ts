// Timeline entries to the simulator's faults, each checked against the deployment it acts on.
import type { InputError } from '../../src/cli/errors.js';
import { NON_EXISTENT_INTERFACE } from '../../src/model/build-interfaces.js';
import type { Fault, NodeSpec } from '../spec.js';
import type { FaultName } from './schema.js';
import type { YamlPath } from './positions.js';
import { dur, ratio } from './values.js';

export type Err = (msg: string, path: YamlPath, key?: boolean) => InputError;

export function toFault(e: Record<string, unknown>, p: YamlPath, nodes: readonly NodeSpec[], probes: ReadonlySet<string>, segRef: (n: string | undefined, p: YamlPath) => string, err: Err, vrrpExited: ReadonlySet<string>): Fault {
  const kind = Object.keys(e).find((k) => k !== 'at') as FaultName;
  const v = e[kind];
  const at: YamlPath = [...p, kind];
  const node = (name: string, path: YamlPath = at): NodeSpec => {
    const n = nodes.find((x) => x.name === name);
    if (n === undefined) throw err(`unknown node '${name}', expected one of ${nodes.map((x) => x.name).join(', ')}`, path);
    return n;
  };
  const keepalivedNode = (name: string): string => {
    if (node(name).router === null) {
      throw err(vrrpExited.has(name)
        ? `node '${name}': keepalived's VRRP process exits at start (${NON_EXISTENT_INTERFACE}), so '${kind}' has nothing to act on; give the node the interfaces its keepalived.conf names`
        : `node '${name}' runs no keepalived, so '${kind}' has nothing to act on`, at);
    }
    return name;
  };
  const seg = (x: unknown): { segment?: string } => {
    const s = typeof x === 'string' ? x : x !== null && typeof x === 'object' && 'segment' in x ? (x as { segment?: string }).segment : undefined;
    return s === undefined ? {} : { segment: segRef(s, at) };
  };
  const member = (name: string): void => {
    if (!probes.has(name) && !nodes.some((x) => x.name === name)) throw err(`unknown node or probe '${name}' in ${kind}`, at);
  };
  switch (kind) {
    case 'crash':
    case 'start':
      node(v as string);
      return { kind, node: v as string };
    case 'stop':
    case 'restart':
    case 'freeze':
    case 'thaw':
      return { kind, node: keepalivedNode(v as string) };
    case 'link-down':
    case 'link-up': {
      const o = typeof v === 'string' ? { node: v } : (v as { node: string; interface?: string });
      const n = node(o.node);
      if (o.interface !== undefined && !n.interfaces.some((f) => f.name === o.interface)) throw err(`node '${o.node}' has no interface '${o.interface}', expected one of ${n.interfaces.map((f) => f.name).join(', ')}`, at);
      return o.interface === undefined ? { kind, node: o.node } : { kind, node: o.node, iface: o.interface };
    }
    case 'service-down':
    case 'service-up': {
      const o = typeof v === 'string' ? { node: v } : (v as { node: string; service?: string; port?: number });
      const n = node(o.node);
      if (o.service !== undefined && !n.services.some((s) => s.name === o.service)) throw err(`node '${o.node}' has no service '${o.service}'`, at);
      if (o.port !== undefined && !n.services.some((s) => s.port === o.port)) throw err(`node '${o.node}' has no service on port ${o.port}`, at);
      if (n.services.length === 0) throw err(`node '${o.node}' has no services, expected services: [...] on the node`, at);
      return { kind, node: o.node, ...(o.service !== undefined ? { service: o.service } : {}), ...(o.port !== undefined ? { port: o.port } : {}) };
    }
    case 'partition': {
      if (Array.isArray(v)) {
        v.flat().forEach((x) => member(x as string));
        return { kind: 'partition', groups: v as string[][] };
      }
      const o = v as { groups?: string[][]; from?: string[]; to?: string[]; segment?: string };
      if (o.groups !== undefined) {
        o.groups.flat().forEach(member);
        return { kind: 'partition', groups: o.groups, ...seg(o) };
      }
      [...(o.from ?? []), ...(o.to ?? [])].forEach(member);
      return { kind: 'partition-oneway', from: o.from ?? [], to: o.to ?? [], ...seg(o) };
    }
    case 'heal':
    case 'block-multicast':
    case 'unblock-multicast':
      return { kind, ...seg(v) };
    case 'loss': {
      const o = typeof v === 'object' && v !== null ? (v as { rate: string | number; segment?: string }) : { rate: v as string | number };
      return { kind, rate: ratio(o.rate, (m) => err(m, typeof v === 'object' && v !== null ? [...at, 'rate'] : at)), ...seg(o) };
    }
    case 'latency': {
      const o = typeof v === 'object' && v !== null ? (v as { latency: string | number; jitter?: string | number; segment?: string }) : { latency: v as string | number };
      return { kind, latency: dur(o.latency), ...(o.jitter !== undefined ? { jitter: dur(o.jitter) } : {}), ...seg(o) };
    }
    case 'set-priority': {
      const o = v as { node: string; instance: string; priority: number };
      const r = node(o.node).router;
      if (r === null || !r.instances.some((x) => x.name === o.instance)) throw err(`node '${o.node}' has no vrrp_instance '${o.instance}'${r ? `, expected one of ${r.instances.map((x) => x.name).join(', ')}` : ''}`, at);
      return { kind, node: o.node, instance: o.instance, priority: o.priority };
    }
  }
}
