// The scenario's `failures:` block resolved against its world: every process with its target
// checked (file:line:col on a bad name), its disruption and recovery as simulator faults, and a
// stable key that names its own random stream (so variants share the failures they have in
// common: common random numbers).
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../cli/errors.js';
import type { Micros } from '../vrrp/types.js';
import type { Fault, SimSpec } from '../../sim/spec.js';
import { posOf, type YamlPath, type YamlSource } from '../../sim/scenario/positions.js';
import type { FailuresFile, FailureTarget } from '../../sim/scenario/failures-schema.js';
import { FailuresSchema } from '../../sim/scenario/failures-schema.js';
import type { Dist } from './dist.js';
import { parseLongDuration } from './duration.js';

export interface FailureProcess {
  /** Names the process's random stream; the same process in two variants draws the same times. */
  readonly key: string;
  /** What attribution calls the downtime it causes. */
  readonly label: string;
  /** Failures of one group never overlap (a dead host cannot crash again; one heal ends all partitions of a segment). */
  readonly exclusive: string;
  readonly down: Fault;
  readonly up: Fault;
  readonly mtbf: Dist;
  readonly mttr: Dist;
}

export interface Maintenance {
  readonly key: string;
  readonly label: string;
  readonly kind: 'restart' | 'reboot' | 'reload';
  readonly nodes: readonly string[];
  /** reload: the SIGHUP of each node, as the simulator spells it (its first instance's priority, unchanged). */
  readonly reloads: ReadonlyMap<string, Fault>;
  readonly every: Micros;
  readonly gap: Micros;
  readonly down: Micros;
  readonly first: Micros;
}

export interface FailureModel {
  readonly processes: readonly FailureProcess[];
  readonly maintenance: readonly Maintenance[];
}

/** The failures block of a scenario text the loader has already accepted (so it is schema-valid). */
export function failureModel(text: string, file: string, spec: SimSpec): FailureModel {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const src: YamlSource = { file, doc, lc, text };
  const raw: unknown = doc.toJS();
  const block = raw !== null && typeof raw === 'object' && 'failures' in raw ? (raw as { failures: unknown }).failures : undefined;
  if (block === undefined || block === null) return { processes: [], maintenance: [] };
  const parsed = FailuresSchema.safeParse(block);
  if (!parsed.success) throw new InputError('failures: invalid block, expected a list of { <fault>: target, mtbf, mttr } or { rolling, nodes, every }', posOf(src, ['failures']));
  return resolve(src, parsed.data, spec);
}

function resolve(src: YamlSource, entries: FailuresFile, spec: SimSpec): FailureModel {
  const processes: FailureProcess[] = [];
  const maintenance: Maintenance[] = [];
  const seen = new Map<string, number>();
  const uniqueKey = (k: string): string => {
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return n === 0 ? k : `${k}#${n}`;
  };
  entries.forEach((e, i) => {
    const p: YamlPath = ['failures', i];
    const err = (msg: string, sub: YamlPath = []): InputError => new InputError(`failures[${i}]: ${msg}`, posOf(src, [...p, ...sub]));
    const time = (v: string, sub: YamlPath, positive: boolean): Micros => {
      const d = parseLongDuration(v);
      if (typeof d === 'string') throw err(d, sub);
      if (positive && d === 0) throw err('expected a duration longer than 0', sub);
      return d;
    };
    const dist = (v: FailureDistInput, sub: string): Dist => toDist(v, (x, pos) => time(x, [sub, ...pos], sub === 'mtbf'));
    const node = (name: string, sub: YamlPath, keepalived = false): string => {
      const n = spec.nodes.find((x) => x.name === name);
      if (n === undefined) throw err(`unknown node '${name}', expected one of ${spec.nodes.map((x) => x.name).join(', ')}`, sub);
      if (keepalived && n.router === null) throw err(`node '${name}' runs no keepalived, so it has nothing to stop, freeze or restart`, sub);
      return name;
    };
    if ('rolling' in e) {
      const nodes = e.nodes.map((n, j) => node(n, ['nodes', j], e.rolling !== 'reboot'));
      const every = time(e.every, ['every'], true);
      const label = e.name ?? `maintenance:${e.rolling}`;
      const reloads = new Map<string, Fault>();
      if (e.rolling === 'reload') {
        for (const [j, n] of nodes.entries()) {
          const inst = spec.nodes.find((x) => x.name === n)?.router?.instances[0];
          if (inst === undefined) throw err(`node '${n}' has no vrrp_instance to reload`, ['nodes', j]);
          reloads.set(n, { kind: 'set-priority', node: n, instance: inst.name, priority: inst.priority });
        }
      }
      maintenance.push({
        key: uniqueKey(`rolling ${e.rolling} ${nodes.join(',')}`), label, kind: e.rolling, nodes, reloads, every,
        gap: time(e.gap, ['gap'], false), down: time(e.down, ['down'], true), first: e.first === undefined ? every : time(e.first, ['first'], false),
      });
      return;
    }
    const kind = (Object.keys(e) as string[]).find((k) => k !== 'mtbf' && k !== 'mttr' && k !== 'name') as FailureTarget;
    const v = (e as Record<string, unknown>)[kind];
    const mtbf = dist(e.mtbf as FailureDistInput, 'mtbf');
    const mttr = dist(e.mttr as FailureDistInput, 'mttr');
    const label = e.name ?? kind;
    const add = (key: string, exclusive: string, down: Fault, up: Fault): void => {
      processes.push({ key: uniqueKey(key), label, exclusive, down, up, mtbf, mttr });
    };
    const nodesOf = (x: unknown): string[] => (typeof x === 'string' ? [x] : (x as string[]));
    const segment = (name: string | undefined, sub: YamlPath): string | undefined => {
      if (name === undefined) return undefined;
      if (!spec.segments.some((s) => s.name === name)) throw err(`unknown segment '${name}', expected one of ${spec.segments.map((s) => s.name).join(', ')}`, sub);
      return name;
    };
    const firstSeg = spec.segments[0]?.name ?? 'lan';
    switch (kind) {
      case 'crash':
      case 'stop':
      case 'freeze':
        nodesOf(v).forEach((n, j) => {
          const name = node(n, typeof v === 'string' ? [kind] : [kind, j], kind !== 'crash');
          add(`${kind} ${name}`, kind === 'freeze' ? `freeze:${name}` : `host:${name}`, { kind, node: name }, kind === 'freeze' ? { kind: 'thaw', node: name } : { kind: 'start', node: name });
        });
        return;
      case 'link-down': {
        const o = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as { node: string | string[]; interface?: string }) : { node: v as string | string[] };
        nodesOf(o.node).forEach((n) => {
          const name = node(n, [kind]);
          const spec1 = spec.nodes.find((x) => x.name === name);
          if (o.interface !== undefined && !spec1?.interfaces.some((f) => f.name === o.interface)) throw err(`node '${name}' has no interface '${o.interface}'`, [kind]);
          const iface = o.interface === undefined ? {} : { iface: o.interface };
          add(`link-down ${name} ${o.interface ?? '*'}`, `link:${name}`, { kind: 'link-down', node: name, ...iface }, { kind: 'link-up', node: name, ...iface });
        });
        return;
      }
      case 'service-down': {
        const o = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as { node: string | string[]; service?: string; port?: number }) : { node: v as string | string[] };
        nodesOf(o.node).forEach((n) => {
          const name = node(n, [kind]);
          const ss = spec.nodes.find((x) => x.name === name)?.services ?? [];
          if (ss.length === 0) throw err(`node '${name}' has no services, expected services: [...] on the node`, [kind]);
          if (o.service !== undefined && !ss.some((s) => s.name === o.service)) throw err(`node '${name}' has no service '${o.service}'`, [kind]);
          if (o.port !== undefined && !ss.some((s) => s.port === o.port)) throw err(`node '${name}' has no service on port ${o.port}`, [kind]);
          const sel = { ...(o.service !== undefined ? { service: o.service } : {}), ...(o.port !== undefined ? { port: o.port } : {}) };
          add(`service-down ${name} ${o.service ?? ''}:${o.port ?? ''}`, `service:${name}`, { kind: 'service-down', node: name, ...sel }, { kind: 'service-up', node: name, ...sel });
        });
        return;
      }
      case 'partition': {
        const o = Array.isArray(v) ? { groups: v as string[][] } : (v as { groups: string[][]; segment?: string });
        for (const m of o.groups.flat()) {
          if (!spec.nodes.some((x) => x.name === m) && !spec.probes.some((x) => x.name === m)) throw err(`unknown node or probe '${m}' in partition`, [kind]);
        }
        const seg = segment(o.segment, [kind, 'segment']);
        const s = seg === undefined ? {} : { segment: seg };
        add(`partition ${seg ?? '*'} ${JSON.stringify(o.groups)}`, `net:${seg ?? '*'}`, { kind: 'partition', groups: o.groups, ...s }, { kind: 'heal', ...s });
        return;
      }
      case 'block-multicast': {
        const name = typeof v === 'string' ? v : v !== null && typeof v === 'object' ? (v as { segment?: string }).segment : undefined;
        const seg = segment(name, [kind]);
        const s = seg === undefined ? {} : { segment: seg };
        add(`block-multicast ${seg ?? '*'}`, `mcast:${seg ?? '*'}`, { kind: 'block-multicast', ...s }, { kind: 'unblock-multicast', ...s });
        return;
      }
      case 'loss': {
        const o = typeof v === 'object' && v !== null ? (v as { rate: string | number; segment?: string }) : { rate: v as string | number };
        const rate = typeof o.rate === 'number' ? o.rate : Number(o.rate.slice(0, -1)) / 100;
        if (rate > 1) throw err(`'${o.rate}' is more than 100%; expected a ratio 0..1 or a percentage 0%..100%`, [kind]);
        const seg = segment(o.segment, [kind, 'segment']) ?? firstSeg;
        const base = spec.segments.find((x) => x.name === seg)?.loss ?? 0;
        add(`loss ${seg} ${rate}`, `loss:${seg}`, { kind: 'loss', rate, segment: seg }, { kind: 'loss', rate: base, segment: seg });
        return;
      }
    }
  });
  return { processes, maintenance };
}

type FailureDistInput =
  | string
  | { exponential: string }
  | { fixed: string }
  | { lognormal: { median: string; sigma: number } }
  | { weibull: { scale: string; shape: number } };

function toDist(v: FailureDistInput, time: (x: string, sub: YamlPath) => Micros): Dist {
  if (typeof v === 'string') return { kind: 'exponential', mean: time(v, []) };
  if ('exponential' in v) return { kind: 'exponential', mean: time(v.exponential, ['exponential']) };
  if ('fixed' in v) return { kind: 'fixed', value: time(v.fixed, ['fixed']) };
  if ('lognormal' in v) return { kind: 'lognormal', median: time(v.lognormal.median, ['lognormal', 'median']), sigma: v.lognormal.sigma };
  return { kind: 'weibull', scale: time(v.weibull.scale, ['weibull', 'scale']), shape: v.weibull.shape };
}
