// A spec the engine cannot run is bad input: say which name is wrong and what exists.
// (The scenario loader reports positions in the YAML; here only the spec path is known.)
import { InputError } from '../src/cli/errors.js';
import type { SimSpec } from './spec.js';

const where = { file: '<sim spec>' } as const;

function unique(kind: string, names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new InputError(`duplicate ${kind} name '${n}'; expected each ${kind} to be named once`, where);
    seen.add(n);
  }
  return seen;
}

function isMicros(t: number): boolean {
  return Number.isSafeInteger(t) && t >= 0;
}

export function validateSpec(spec: SimSpec): void {
  if (!isMicros(spec.until)) throw new InputError(`until ${spec.until}: expected a non-negative integer number of µs`, where);
  if (!Number.isSafeInteger(spec.seed)) throw new InputError(`seed ${spec.seed}: expected an integer`, where);
  const segments = unique('segment', spec.segments.map((s) => s.name));
  for (const s of spec.segments) {
    if (!isMicros(s.latency) || !isMicros(s.jitter)) throw new InputError(`segment '${s.name}': latency and jitter must be non-negative integer µs`, where);
    if (!(s.loss >= 0 && s.loss <= 1)) throw new InputError(`segment '${s.name}': loss ${s.loss} must be in [0, 1]`, where);
  }
  const nodes = unique('node', spec.nodes.map((n) => n.name));
  const probes = unique('probe', spec.probes.map((p) => p.name));
  const ifaces = new Map<string, Set<string>>();
  for (const n of spec.nodes) {
    ifaces.set(n.name, unique(`interface of node '${n.name}'`, n.interfaces.map((i) => i.name)));
    for (const i of n.interfaces) {
      if (!segments.has(i.segment)) throw new InputError(`node '${n.name}' interface '${i.name}': unknown segment '${i.segment}'; expected one of ${[...segments].join(', ')}`, where);
    }
    if (!isMicros(n.scriptRuntime)) throw new InputError(`node '${n.name}': scriptRuntime must be non-negative integer µs`, where);
  }
  for (const p of spec.probes) {
    if (!segments.has(p.segment)) throw new InputError(`probe '${p.name}': unknown segment '${p.segment}'; expected one of ${[...segments].join(', ')}`, where);
    if (!(Number.isSafeInteger(p.interval) && p.interval > 0)) throw new InputError(`probe '${p.name}': interval must be a positive integer µs`, where);
    if (!isMicros(p.timeout)) throw new InputError(`probe '${p.name}': timeout must be non-negative integer µs`, where);
  }
  for (const [i, t] of spec.timeline.entries()) {
    if (!isMicros(t.at)) throw new InputError(`timeline[${i}] at ${t.at}: expected a non-negative integer number of µs`, where);
    const f = t.fault;
    if ('segment' in f && f.segment !== undefined && !segments.has(f.segment)) {
      throw new InputError(`timeline[${i}] ${f.kind}: unknown segment '${f.segment}'; expected one of ${[...segments].join(', ')}`, where);
    }
    const members = f.kind === 'partition' ? f.groups.flat() : f.kind === 'partition-oneway' ? [...f.from, ...f.to] : [];
    for (const m of members) {
      if (!nodes.has(m) && !probes.has(m)) throw new InputError(`timeline[${i}] ${f.kind}: '${m}' is neither a node nor a probe; expected one of ${[...nodes, ...probes].join(', ')}`, where);
    }
    if (f.kind === 'set-priority') {
      const n = spec.nodes.find((x) => x.name === f.node);
      if (n !== undefined && n.router?.instances.some((x) => x.name === f.instance) !== true) {
        throw new InputError(`timeline[${i}] set-priority: node '${f.node}' runs no vrrp_instance '${f.instance}'`, where);
      }
      if (!(Number.isInteger(f.priority) && f.priority >= 1 && f.priority <= 255)) throw new InputError(`timeline[${i}] set-priority: priority ${f.priority} must be an integer 1..255`, where);
    }
    if ('node' in f) {
      if (!nodes.has(f.node)) throw new InputError(`timeline[${i}] ${f.kind}: unknown node '${f.node}'; expected one of ${[...nodes].join(', ')}`, where);
      if ('iface' in f && f.iface !== undefined && ifaces.get(f.node)?.has(f.iface) !== true) {
        throw new InputError(`timeline[${i}] ${f.kind}: node '${f.node}' has no interface '${f.iface}'`, where);
      }
    }
  }
}
