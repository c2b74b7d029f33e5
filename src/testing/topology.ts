// fast-check arbitraries for whole deployments: 2–4 keepalived nodes on one segment sharing one
// VRID, with the options operators get wrong (priorities, preemption, advert intervals,
// versions, weighted track scripts bound to a service, unicast or multicast). Values are plain
// SimSpecs, so a counterexample prints as data and replays with simulate().
import fc from 'fast-check';
import type { InstanceConfig, Micros, RouterConfig, ScriptConfig, VrrpVersion } from '../vrrp/types.js';
import { defaultInstanceConfig, defaultScriptConfig } from '../vrrp/defaults.js';
import type { NodeSpec, SimSpec } from '../../sim/spec.js';

export const SEC: Micros = 1_000_000;

export interface TopologyOptions {
  readonly minNodes?: number;
  readonly maxNodes?: number;
  readonly versions?: readonly VrrpVersion[];
  /** Allow nopreempt / preempt_delay on generated nodes (default true). */
  readonly preemptOptions?: boolean;
  /** Allow weighted track scripts bound to each node's `web` service (default true). */
  readonly trackScripts?: boolean;
  readonly transport?: 'multicast' | 'unicast' | 'either';
  /** Priorities all different (the election then has one right answer); default false. */
  readonly distinctPriorities?: boolean;
  /** Segment jitter > 0 draws from the run's PRNG; default false (a deterministic network). */
  readonly jitter?: boolean;
  /** Virtual time of a run without a fault schedule (default 30 s). */
  readonly until?: Micros;
}

export type PreemptMode = { readonly kind: 'preempt' } | { readonly kind: 'nopreempt' } | { readonly kind: 'delay'; readonly delay: Micros };

/** What one generated node is, before it is spelled out as a NodeSpec (shrinks field by field). */
export interface NodeChoice {
  readonly priority: number;
  readonly preempt: PreemptMode;
  /** null = no track script; otherwise the script's weight (0 = FAULT on failure). */
  readonly trackWeight: number | null;
}

export interface TopologyChoice {
  readonly version: VrrpVersion;
  readonly advertInt: Micros;
  readonly unicast: boolean;
  readonly latency: Micros;
  readonly jitter: Micros;
  readonly seed: number;
  readonly nodes: readonly NodeChoice[];
}

export const VIP = '192.0.2.100';
export const VRID = 51;

export function nodeName(i: number): string {
  return `node-${i + 1}`;
}

export function nodeAddress(i: number): string {
  return `192.0.2.${i + 1}`;
}

const V2_INTERVALS: readonly Micros[] = [SEC, 2 * SEC];
const V3_INTERVALS: readonly Micros[] = [SEC, SEC / 2, SEC / 10];

function arbPreempt(allowed: boolean): fc.Arbitrary<PreemptMode> {
  if (!allowed) return fc.constant({ kind: 'preempt' });
  return fc.oneof(
    { arbitrary: fc.constant<PreemptMode>({ kind: 'preempt' }), weight: 3 },
    { arbitrary: fc.constant<PreemptMode>({ kind: 'nopreempt' }), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 5 }).map((s): PreemptMode => ({ kind: 'delay', delay: s * SEC })), weight: 1 },
  );
}

export function arbTopologyChoice(opts: TopologyOptions = {}): fc.Arbitrary<TopologyChoice> {
  const minNodes = opts.minNodes ?? 2;
  const maxNodes = opts.maxNodes ?? 4;
  const versions = opts.versions ?? [2, 3];
  const node = fc.record({
    priority: fc.integer({ min: 1, max: 254 }),
    preempt: arbPreempt(opts.preemptOptions ?? true),
    trackWeight: opts.trackScripts ?? true ? fc.option(fc.integer({ min: -100, max: 100 }), { nil: null, freq: 2 }) : fc.constant(null),
  });
  const nodes = opts.distinctPriorities === true
    ? fc.uniqueArray(node, { minLength: minNodes, maxLength: maxNodes, selector: (n) => n.priority })
    : fc.array(node, { minLength: minNodes, maxLength: maxNodes });
  return fc.constantFrom(...versions).chain((version) =>
    fc.record({
      version: fc.constant(version),
      advertInt: fc.constantFrom(...(version === 2 ? V2_INTERVALS : V3_INTERVALS)),
      unicast: opts.transport === 'unicast' ? fc.constant(true) : opts.transport === 'multicast' ? fc.constant(false) : fc.boolean(),
      latency: fc.integer({ min: 0, max: 2_000 }),
      jitter: opts.jitter === true ? fc.integer({ min: 0, max: 2_000 }) : fc.constant(0),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      nodes,
    }),
  );
}

/** A deployment (SimSpec with an empty timeline) from 2–4 generated nodes. */
export function arbTopology(opts: TopologyOptions = {}): fc.Arbitrary<SimSpec> {
  return arbTopologyChoice(opts).map((c) => topologySpec(c, opts.until ?? 30 * SEC));
}

export function topologySpec(c: TopologyChoice, until: Micros): SimSpec {
  const addrs = c.nodes.map((_, i) => nodeAddress(i));
  return {
    seed: c.seed,
    until,
    segments: [{ name: 'lan', latency: c.latency, jitter: c.jitter, loss: 0, multicastBlocked: false }],
    nodes: c.nodes.map((n, i) => nodeSpec(c, n, i, addrs)),
    probes: [],
    arp: { reachableTime: 30 * SEC, delayFirstProbe: 5 * SEC },
    timeline: [],
    traceAdverts: false,
  };
}

function nodeSpec(c: TopologyChoice, n: NodeChoice, i: number, addrs: readonly string[]): NodeSpec {
  const address = addrs[i] ?? nodeAddress(i);
  const scripts: ScriptConfig[] = n.trackWeight === null ? [] : [defaultScriptConfig({ name: 'chk_web', script: 'pidof haproxy', interval: SEC, weight: n.trackWeight })];
  const inst: InstanceConfig = defaultInstanceConfig({
    name: 'VI_1',
    version: c.version,
    vrid: VRID,
    priority: n.priority,
    advertInt: c.advertInt,
    nopreempt: n.preempt.kind === 'nopreempt',
    preemptDelay: n.preempt.kind === 'delay' ? n.preempt.delay : 0,
    srcAddr: address,
    unicastPeers: c.unicast ? addrs.filter((a) => a !== address) : [],
    vips: [VIP],
    track: scripts.map((s) => ({ kind: 'script' as const, name: s.name, weight: s.weight, reverse: false })),
  });
  const router: RouterConfig = { instances: [inst], scripts, syncGroups: [] };
  return {
    name: nodeName(i),
    labels: new Map(),
    interfaces: [{ name: 'eth0', segment: 'lan', address, prefix: 24 }],
    router,
    scripts: new Map(scripts.length > 0 ? [['chk_web', { kind: 'service', service: 'web' }]] : []),
    services: [{ name: 'web', port: 80, processNames: ['haproxy'], upAtStart: true }],
    scriptRuntime: 10_000,
  };
}
