// Runs a SimSpec for real: keepalived 2.2.7 in one network namespace per node, services as
// real TCP listeners, the fault timeline applied with signals, carrier loss, nftables and netem.
// What the nodes report (notify FIFO, address monitor) comes back as TraceEvents on the same
// time axis as the simulator's: µs since the moment keepalived was started on every node.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimSpec } from '../../sim/spec.js';
import type { TraceEvent } from '../../sim/trace.js';
import type { Micros, VrrpState } from '../vrrp/types.js';
import { InputError } from '../cli/errors.js';
import { run } from '../netns/exec.js';
import { startExecutor } from '../netns/executor.js';
import {
  createTopology, destroyTopology, guardTeardown, nodeOf, type Topology, type TopologySpec,
} from '../netns/topology.js';
import { setMulticastBlocked } from '../netns/faults.js';
import { monotonicMicros, sleepUntil } from './clock.js';
import { scriptCommand } from './keepalivedConf.js';
import type { OriginalFiles } from './original-conf.js';
import { parseAddressMonitorLine, parseFifoLine, sameAddress } from './observe.js';
import { realtimeAvailable, startObserver } from './observer.js';
import { startServiceHost } from './services.js';
import {
  elapsed, killQuiet, spawnKeepalived, vrrpChildPid, writeConf, type Gated, type NodeRun, type RunCtx,
} from './run-node.js';
import { applyFault, applyNetem, setService } from './run-faults.js';

export interface RealRunOptions {
  /** Leave namespaces, processes and the work directory in place for inspection. */
  readonly keep?: boolean;
  readonly prefix?: string;
  /** Progress lines (fault applied, node started); silent by default. */
  readonly log?: (line: string) => void;
  /**
   * node name -> the user's own keepalived.conf and host facts: keepalived runs that text (only
   * the notify FIFO it reports through is added) instead of a rendering of the spec's router,
   * with /bin/sh being the node's shell, so a misreading of the file shows up as a difference.
   */
  readonly originals?: ReadonlyMap<string, OriginalConf>;
}

export interface OriginalConf extends OriginalFiles {
  readonly shell: 'dash' | 'bash';
}

export interface RealRunResult {
  readonly trace: readonly TraceEvent[];
  readonly end: Micros;
  /** Per node: when its keepalived was spawned, relative to t=0 (negative: before). */
  readonly startOffsets: Readonly<Record<string, Micros>>;
  /**
   * Per node: how far keepalived's first state report was from the instant the spec starts it
   * (t=0, aligned to the mean of the nodes' reports; or a start/restart fault, spawn to report).
   * Its timers run that much off, so comparisons widen their tolerance by it.
   */
  readonly startLatency: Readonly<Record<string, Micros>>;
  /** Latency + jitter of the spec that the host could not realise (no sch_netem). */
  readonly unrealisedDelay: Micros;
  /** Things in the spec this harness could not realise (probes, say). */
  readonly notes: readonly string[];
  readonly workDir: string;
  readonly namespaces: readonly string[];
  readonly kept: boolean;
}


function topologyOf(spec: SimSpec): TopologySpec {
  return {
    segments: spec.segments.map((s) => s.name),
    nodes: spec.nodes.map((n) => ({ name: n.name, interfaces: n.interfaces })),
  };
}

function onFifoLine(ctx: RunCtx, n: NodeRun, t: Micros, line: string): void {
  const l = parseFifoLine(line);
  if (n.spawnedAt !== null) {
    n.startReports.push(t - n.spawnedAt);
    n.firstReport = t;
    n.spawnedAt = null;
    // The VRRP child reports; its pid file is written by now. Kept for an instant crash.
    void vrrpChildPid(n).then((pid) => { if (n.keepalived?.running) n.vrrpPid = pid; });
  }
  if (l.kind !== 'state' || l.scope !== 'INSTANCE') return;
  const prev = n.states.get(l.name) ?? { state: 'INIT' as VrrpState, priority: l.priority };
  if (prev.state === l.state) return;
  n.states.set(l.name, { state: l.state, priority: l.priority });
  ctx.trace.push({ t, type: 'state', node: n.spec.name, instance: l.name, from: prev.state, to: l.state, priority: l.priority, reason: 'keepalived notify_fifo' });
}

function onAddressLine(ctx: RunCtx, n: NodeRun, t: Micros, line: string): void {
  const c = parseAddressMonitorLine(line);
  if (c === null || n.router === null) return;
  const held = (vips: readonly string[]): string | undefined => vips.find((v) => sameAddress(v, c.address));
  for (const inst of n.router.instances) {
    // As the configuration writes it: the simulator's trace names VIPs so.
    const vip = held(inst.vips) ?? held(inst.excludedVips);
    if (vip === undefined) continue;
    ctx.trace.push({ t, type: 'vip', node: n.spec.name, instance: inst.name, vip, action: c.action });
    return;
  }
}

async function observe(ctx: RunCtx, n: NodeRun, realtime: boolean): Promise<void> {
  const o = startObserver(n.fifo, n.ns, join(n.dir, 'notify.log'), realtime, (l) => {
    const t = l.at - ctx.t0;
    if (l.source === 'fifo') onFifoLine(ctx, n, t, l.text);
    else onAddressLine(ctx, n, t, l.text);
  });
  ctx.observers.push(() => killQuiet(o.child.pid, 'SIGKILL'));
  await o.ready;
}

/**
 * The simulator's t=0 is the instant keepalived initialises (its timers start there), which a
 * real keepalived reaches tens to hundreds of milliseconds after the spawn. t=0 is moved to the
 * mean of the nodes' first reports, so only their spread, not the spawn cost, is error.
 */
async function alignStart(ctx: RunCtx, startOffsets: Record<string, Micros>): Promise<void> {
  const started = [...ctx.nodes.values()].filter((n) => n.router !== null);
  const deadline = monotonicMicros() + 3_000_000;
  while (started.some((n) => n.firstReport === null) && monotonicMicros() < deadline) await new Promise((r) => setTimeout(r, 5));
  const reports = started.map((n) => n.firstReport).filter((t): t is Micros => t !== null);
  if (reports.length === 0) return;
  const shift = Math.round(reports.reduce((a, b) => a + b, 0) / reports.length);
  ctx.t0 += shift;
  const moved = ctx.trace.splice(0).map((e) => ({ ...e, t: e.t - shift }));
  ctx.trace.push(...moved);
  for (const n of started) {
    startOffsets[n.spec.name] = (startOffsets[n.spec.name] ?? 0) - shift;
    if (n.firstReport !== null) n.startLatency = Math.abs(n.firstReport - shift);
  }
  // Starts from here on are measured spawn-to-report.
  for (const n of started) n.startReports.splice(0);
}
function validateSpec(spec: SimSpec): string[] {
  const notes: string[] = [];
  if (spec.probes.length > 0) notes.push(`${spec.probes.length} probe(s) not realised: only keepalived state and VIPs are observed`);
  for (const n of spec.nodes) {
    for (const s of n.router?.scripts ?? []) {
      if (!n.scripts.has(s.name)) throw new InputError(`node '${n.name}': vrrp_script '${s.name}' has no binding; expected const, service or tcp`, { file: '<spec>' });
    }
  }
  return notes;
}

/** Runs the spec for real; tears everything down afterwards unless `keep`. */
export async function runReal(spec: SimSpec, opts: RealRunOptions = {}): Promise<RealRunResult> {
  const notes = validateSpec(spec);
  const log = opts.log ?? ((): void => undefined);
  // Namespaces first: a topology the kernel or the test ranges refuse must leave no work dir.
  const created = await createTopology(topologyOf(spec), opts.prefix === undefined ? {} : { prefix: opts.prefix });
  let workDir: string;
  try {
    workDir = await mkdtemp(join(tmpdir(), 'vrrplab-conformance-'));
  } catch (e) {
    await destroyTopology(created);
    throw e;
  }
  const unguard = guardTeardown(created.namespaces);
  const realtime = await realtimeAvailable();
  const executor = startExecutor(realtime);
  const topo: Topology = { ...created, exec: executor.run };
  const ctx: RunCtx = {
    spec, topo, nodes: new Map(), trace: [], children: [], observers: [], log, notes, t0: 0, unrealisedDelay: 0, intendedAt: null,
    netem: new Map(spec.segments.map((s) => [s.name, { latency: s.latency, jitter: s.jitter, loss: s.loss }])),
  };
  const startOffsets: Record<string, Micros> = {};
  if (!realtime) notes.push('observers run without real-time priority: on a loaded host, reported times may lag');
  try {
    for (const s of spec.segments) {
      const ne = ctx.netem.get(s.name);
      if (ne !== undefined && (ne.latency > 0 || ne.jitter > 0 || ne.loss > 0)) await applyNetem(ctx, ne, s.name);
      if (s.multicastBlocked) await setMulticastBlocked(topo, true, s.name);
    }
    for (const spec1 of spec.nodes) {
      const h = nodeOf(topo, spec1.name);
      const dir = join(workDir, `n${h.index}`);
      await mkdir(dir, { mode: 0o700 });
      const n: NodeRun = {
        spec: spec1, ns: h.ns, dir, fifo: join(dir, 'notify.fifo'), confPath: join(dir, 'keepalived.conf'),
        router: spec1.router, alive: true, keepalived: null, spawnedAt: null, vrrpPid: undefined, startReports: [], firstReport: null, startLatency: 0, realtime, states: new Map(), serviceHost: null, servicesUp: new Set(),
        scriptCommands: new Map((spec1.router?.scripts ?? []).map((s) => [s.name, scriptCommand(s.name, spec1.scripts.get(s.name), spec1.services)])),
        original: opts.originals?.get(spec1.name),
      };
      ctx.nodes.set(spec1.name, n);
      if (n.router === null) continue;
      await writeConf(n);
      await run('mkfifo', ['-m', '600', n.fifo]);
      await observe(ctx, n, realtime);
    }
    for (const n of ctx.nodes.values()) {
      if (n.spec.services.length === 0) continue;
      n.serviceHost = await startServiceHost(n.ns, realtime);
      ctx.children.push(n.serviceHost.child);
      for (const s of n.spec.services) if (s.upAtStart) await setService(n, s.name, true);
    }
    const gates: Array<[NodeRun, Gated]> = [];
    for (const n of ctx.nodes.values()) {
      const g = spawnKeepalived(ctx, n, true);
      if (g !== null) gates.push([n, g]);
    }
    await Promise.all(gates.map(([, g]) => g.ready));
    ctx.t0 = monotonicMicros();
    for (const [n, g] of gates) {
      g.release();
      startOffsets[n.spec.name] = elapsed(ctx);
    }
    await alignStart(ctx, startOffsets);
    log(`started keepalived on ${ctx.nodes.size} node(s) in ${topo.prefix}-*`);
    const timeline = [...spec.timeline].sort((a, b) => a.at - b.at);
    for (const ev of timeline) {
      if (ev.at > spec.until) break;
      await sleepUntil(ctx.t0 + ev.at);
      ctx.trace.push({ t: elapsed(ctx), type: 'fault', fault: ev.fault });
      ctx.intendedAt = ev.at;
      await applyFault(ctx, ev.fault);
      ctx.intendedAt = null;
      log(`t=${(ev.at / 1e6).toFixed(3)}s ${ev.fault.kind} applied`);
    }
    await sleepUntil(ctx.t0 + spec.until);
    // Let lines already written reach us before the cut.
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    executor.close();
    for (const close of ctx.observers) close();
    if (!opts.keep) {
      for (const n of ctx.nodes.values()) {
        const k = n.keepalived;
        if (k?.running) {
          killQuiet(k.child.pid, 'SIGCONT');
          killQuiet(k.child.pid, 'SIGKILL');
        }
      }
      for (const c of ctx.children) c.kill('SIGKILL');
      await destroyTopology(topo);
      await rm(workDir, { recursive: true, force: true });
    } else {
      // Left running for inspection; this process must still be able to exit.
      for (const c of ctx.children) {
        c.stdout?.destroy();
        c.unref();
      }
    }
    unguard();
  }
  const trace = ctx.trace.filter((e) => e.t <= spec.until).sort((a, b) => a.t - b.t);
  const startLatency = Object.fromEntries([...ctx.nodes.values()].filter((n) => n.router !== null)
    .map((n) => [n.spec.name, Math.max(n.startLatency, ...n.startReports)]));
  return { trace, end: spec.until, startOffsets, startLatency, unrealisedDelay: ctx.unrealisedDelay, notes, workDir, namespaces: topo.namespaces, kept: opts.keep === true };
}
