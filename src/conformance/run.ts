// Runs a SimSpec for real: keepalived 2.2.7 in one network namespace per node, services as
// real TCP listeners, the fault timeline applied with signals, carrier loss, nftables and netem.
// What the nodes report (notify FIFO, address monitor) comes back as TraceEvents on the same
// time axis as the simulator's: µs since the moment keepalived was started on every node.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Fault, NodeSpec, SimSpec } from '../../sim/spec.js';
import type { TraceEvent } from '../../sim/trace.js';
import type { Micros, RouterConfig, VrrpState } from '../vrrp/types.js';
import { InputError } from '../cli/errors.js';
import { run } from '../netns/exec.js';
import { startExecutor } from '../netns/executor.js';
import {
  createTopology, destroyTopology, guardTeardown, nodeOf, type Topology, type TopologySpec,
} from '../netns/topology.js';
import {
  heal, partition, partitionOneWay, setLink, setMulticastBlocked, setNetem, type NetemSettings,
} from '../netns/faults.js';
import { monotonicMicros, sleepUntil } from './clock.js';
import { renderRouterConf, scriptCommand } from './keepalivedConf.js';
import { originalConfText, withPriority, type OriginalFiles } from './original-conf.js';
import { parseAddressMonitorLine, parseFifoLine } from './observe.js';
import { realtimeAvailable, startObserver } from './observer.js';
import { startServiceHost, type ServiceHost } from './services.js';

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

interface Keepalived {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  running: boolean;
}

interface NodeRun {
  readonly spec: NodeSpec;
  readonly ns: string;
  readonly dir: string;
  readonly fifo: string;
  readonly confPath: string;
  router: RouterConfig | null;
  alive: boolean;
  keepalived: Keepalived | null;
  /** When the current keepalived was spawned, until its first FIFO line arrives. */
  spawnedAt: Micros | null;
  /** Spawn-to-first-report delay of every start of keepalived on the node. */
  readonly startReports: Micros[];
  /** keepalived's VRRP child, once known. */
  vrrpPid: number | undefined;
  /** Time of the latest start's first report. */
  firstReport: Micros | null;
  /** How far keepalived's start report was from the instant the spec starts it (worst). */
  startLatency: Micros;
  /** Last state seen per instance: the `from` of the next transition. */
  readonly states: Map<string, { state: VrrpState; priority: number }>;
  serviceHost: ServiceHost | null;
  /** Names of the services whose listener is open. */
  readonly servicesUp: Set<string>;
  readonly scriptCommands: Map<string, string>;
  readonly realtime: boolean;
  /** The user's own configuration (edited by set-priority); undefined: render the router. */
  original: OriginalConf | undefined;
}

interface RunCtx {
  readonly spec: SimSpec;
  readonly topo: Topology;
  readonly nodes: Map<string, NodeRun>;
  readonly trace: TraceEvent[];
  readonly netem: Map<string, NetemSettings>;
  /** Processes the run owns: keepalived and listeners (kept with --keep) and observers. */
  readonly children: ChildProcess[];
  readonly observers: Array<() => void>;
  readonly log: (line: string) => void;
  readonly notes: string[];
  t0: Micros;
  /** Largest latency + jitter the host could not add to deliveries. */
  unrealisedDelay: Micros;
  /** While a timeline event is being applied: its scheduled time. */
  intendedAt: Micros | null;
}

const elapsed = (ctx: RunCtx): Micros => monotonicMicros() - ctx.t0;

function topologyOf(spec: SimSpec): TopologySpec {
  return {
    segments: spec.segments.map((s) => s.name),
    nodes: spec.nodes.map((n) => ({ name: n.name, interfaces: n.interfaces })),
  };
}

function exitPromise(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

function killQuiet(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, signal);
  } catch {
    // gone already
  }
}

async function vrrpChildPid(n: NodeRun): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(join(n.dir, 'vrrp.pid'), 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function writeConf(n: NodeRun): Promise<void> {
  if (n.router === null) return;
  if (n.original !== undefined) {
    await writeFile(n.confPath, originalConfText(n.original.text, n.fifo, n.realtime), { mode: 0o600 });
    for (const [name, text] of n.original.includes ?? []) await writeFile(join(dirname(n.confPath), name), text, { mode: 0o600 });
    return;
  }
  const text = renderRouterConf({
    router: n.router,
    interfaces: n.spec.interfaces,
    scriptCommands: n.scriptCommands,
    notifyFifo: n.fifo,
    realtime: n.realtime,
  }, `vrrplab conformance run: node ${n.spec.name.replace(/[^\x20-\x7e]/g, '?')}`);
  await writeFile(n.confPath, text, { mode: 0o600 });
}

// Holds keepalived at a `read` inside the namespace until released, so several nodes can be
// let go within microseconds of each other instead of one spawn (several ms) apart: equal
// priority elections are decided by who initialises first.
const GATE = 'echo ready >&3; exec 3>&-; read -r _; exec "$@"';

const SHELL_PATHS = { dash: '/usr/bin/dash', bash: '/bin/bash' } as const;

interface Gated {
  readonly ready: Promise<void>;
  readonly release: () => void;
}

function spawnKeepalived(ctx: RunCtx, n: NodeRun, gated: boolean): Gated | null {
  if (n.router === null || (n.keepalived?.running ?? false)) return null;
  for (const inst of n.router.instances) n.states.set(inst.name, { state: 'INIT', priority: inst.priority });
  // A loaded host takes a while to fork and exec: that belongs to the start latency.
  const before = elapsed(ctx);
  n.vrrpPid = undefined;
  const logFd = openSync(join(n.dir, 'keepalived.log'), 'a');
  const keepalived = ['keepalived',
    '--dont-fork', '--log-console', '--log-detail', '--no-syslog', '--vrrp', '--dont-respawn',
    '-f', n.confPath, '-p', join(n.dir, 'keepalived.pid'), '-r', join(n.dir, 'vrrp.pid'), '-c', join(n.dir, 'checkers.pid')];
  const inNs = ['ip', 'netns', 'exec', n.ns, ...(gated ? ['bash', '-c', GATE, 'gate'] : []), ...keepalived];
  // The node's /bin/sh, bind-mounted in a private mount namespace so the host's is untouched.
  const shell = n.original?.shell;
  const argv = shell === undefined ? inNs : ['unshare', '-m', '--propagation', 'private', 'sh', '-c', `mount --bind ${SHELL_PATHS[shell]} /bin/sh && exec "$@"`, 'sh', ...inNs];
  // chrt, `ip netns exec` and the gate all exec: the pid we hold is keepalived's parent process.
  const full = n.realtime ? ['chrt', '-f', '10', ...argv] : argv;
  const child = spawn(full[0] as string, full.slice(1), { stdio: [gated ? 'pipe' : 'ignore', logFd, logFd, gated ? 'pipe' : 'ignore'] });
  closeSync(logFd);
  ctx.children.push(child);
  const k: Keepalived = { child, exited: exitPromise(child), running: true };
  void k.exited.then(() => { k.running = false; });
  n.keepalived = k;
  if (!gated) {
    // Measured from the instant the spec starts it: what precedes the spawn counts too.
    n.spawnedAt = ctx.intendedAt ?? before;
    return null;
  }
  const fd3 = child.stdio[3];
  const ready = new Promise<void>((resolve, reject) => {
    if (fd3 === null || fd3 === undefined || !('on' in fd3)) { reject(new Error('internal: no gate pipe')); return; }
    fd3.once('data', () => resolve());
    void k.exited.then(() => reject(new Error(`keepalived on ${n.spec.name} exited before its start gate opened`)));
  });
  ready.catch(() => undefined);
  return {
    ready,
    release: () => {
      n.spawnedAt = elapsed(ctx);
      child.stdin?.end('\n');
    },
  };
}

function startKeepalived(ctx: RunCtx, n: NodeRun): void {
  spawnKeepalived(ctx, n, false);
}

async function stopKeepalived(n: NodeRun, signal: NodeJS.Signals): Promise<void> {
  const k = n.keepalived;
  if (k === null || !k.running) return;
  killQuiet(k.child.pid, signal);
  const killed = await Promise.race([k.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
  if (!killed) {
    killQuiet(await vrrpChildPid(n), 'SIGKILL');
    killQuiet(k.child.pid, 'SIGKILL');
    await k.exited;
  }
}

async function setService(n: NodeRun, name: string, up: boolean): Promise<void> {
  const svc = n.spec.services.find((s) => s.name === name);
  if (svc === undefined || n.serviceHost === null || n.servicesUp.has(name) === up) return;
  await n.serviceHost.set(svc.port, up);
  if (up) n.servicesUp.add(name); else n.servicesUp.delete(name);
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
  const inst = n.router.instances.find((i) => i.vips.includes(c.address) || i.excludedVips.includes(c.address));
  if (inst === undefined) return;
  ctx.trace.push({ t, type: 'vip', node: n.spec.name, instance: inst.name, vip: c.address, action: c.action });
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

function nodeRun(ctx: RunCtx, name: string): NodeRun {
  const n = ctx.nodes.get(name);
  if (n === undefined) throw new InputError(`timeline names unknown node '${name}'; expected one of ${[...ctx.nodes.keys()].join(', ')}`, { file: '<spec>' });
  return n;
}

async function bootNode(ctx: RunCtx, n: NodeRun): Promise<void> {
  n.alive = true;
  for (const s of n.spec.services) if (s.upAtStart) await setService(n, s.name, true);
  startKeepalived(ctx, n);
}

async function crash(ctx: RunCtx, n: NodeRun): Promise<void> {
  if (!n.alive) return;
  n.alive = false;
  const k = n.keepalived;
  let t = elapsed(ctx);
  if (k !== null && k.running) {
    // Stop the parent first: it would otherwise restart (or cleanly stop) the VRRP child.
    // Signals only, no await in between: a crash is one instant.
    killQuiet(k.child.pid, 'SIGSTOP');
    const child = n.vrrpPid ?? await vrrpChildPid(n);
    killQuiet(child, 'SIGKILL');
    killQuiet(k.child.pid, 'SIGKILL');
    t = elapsed(ctx);
    await k.exited;
  }
  for (const [instance, v] of n.states) {
    if (v.state !== 'STOP') ctx.trace.push({ t, type: 'state', node: n.spec.name, instance, from: v.state, to: 'STOP', priority: v.priority, reason: 'host crashed' });
    n.states.set(instance, { state: 'STOP', priority: v.priority });
  }
  // A dead host answers for no address: SIGKILL leaves keepalived's VIPs, the crash takes them.
  for (const inst of n.router?.instances ?? []) {
    // The user's own file may give a VIP any prefix: delete it with the one it was added with.
    const shown = n.original === undefined ? '' : (await run('ip', ['-n', n.ns, '-o', '-4', 'addr', 'show', 'dev', inst.iface]).catch(() => ({ stdout: '' }))).stdout;
    for (const vip of [...inst.vips, ...inst.excludedVips]) {
      const prefix = new RegExp(`inet ${vip.replace(/\./g, '\\.')}/(\\d+)`).exec(shown)?.[1] ?? '32';
      await (ctx.topo.exec ?? run)('ip', ['-n', n.ns, 'addr', 'del', `${vip}/${prefix}`, 'dev', inst.iface]).catch(() => undefined);
    }
  }
  for (const name of [...n.servicesUp]) await setService(n, name, false);
}

async function freeze(n: NodeRun, on: boolean): Promise<void> {
  const k = n.keepalived;
  if (k === null || !k.running) return;
  const child = n.vrrpPid ?? await vrrpChildPid(n);
  if (on) {
    killQuiet(child, 'SIGSTOP');
    killQuiet(k.child.pid, 'SIGSTOP');
  } else {
    killQuiet(k.child.pid, 'SIGCONT');
    killQuiet(child, 'SIGCONT');
  }
}

async function applyFault(ctx: RunCtx, f: Fault): Promise<void> {
  const { topo } = ctx;
  switch (f.kind) {
    case 'crash': return crash(ctx, nodeRun(ctx, f.node));
    case 'stop': {
      const n = nodeRun(ctx, f.node);
      if (n.alive) await stopKeepalived(n, 'SIGTERM');
      return;
    }
    case 'start': {
      const n = nodeRun(ctx, f.node);
      if (!n.alive) return bootNode(ctx, n);
      if (n.keepalived?.running) {
        // Still exiting: the start waits for it (as systemd and the simulator do); the wait is
        // behaviour to compare, not start latency to forgive.
        await n.keepalived.exited.catch(() => undefined);
        ctx.intendedAt = null;
      }
      startKeepalived(ctx, n);
      return;
    }
    case 'restart': {
      const n = nodeRun(ctx, f.node);
      if (!n.alive) return bootNode(ctx, n);
      await stopKeepalived(n, 'SIGTERM');
      // keepalived's own ~1 s shutdown before the new start is behaviour to compare, not
      // start latency to forgive.
      ctx.intendedAt = null;
      startKeepalived(ctx, n);
      return;
    }
    case 'freeze': return freeze(nodeRun(ctx, f.node), true);
    case 'thaw': return freeze(nodeRun(ctx, f.node), false);
    case 'link-down':
    case 'link-up':
      return setLink(topo, f.node, f.kind === 'link-up', f.iface);
    case 'service-down':
    case 'service-up': {
      const n = nodeRun(ctx, f.node);
      for (const s of n.spec.services) {
        if (f.service !== undefined && s.name !== f.service) continue;
        if (f.port !== undefined && s.port !== f.port) continue;
        if (f.kind === 'service-down' || n.alive) await setService(n, s.name, f.kind === 'service-up');
      }
      return;
    }
    case 'partition': return partition(topo, f.groups, f.segment);
    case 'partition-oneway': return partitionOneWay(topo, f.from, f.to, f.segment);
    case 'heal': return heal(topo, f.segment);
    case 'block-multicast':
    case 'unblock-multicast':
      return setMulticastBlocked(topo, f.kind === 'block-multicast', f.segment);
    case 'loss':
    case 'latency': {
      for (const seg of f.segment === undefined ? [...ctx.netem.keys()] : [f.segment]) {
        const cur = ctx.netem.get(seg);
        if (cur === undefined) throw new InputError(`unknown segment '${seg}'`, { file: '<spec>' });
        const next = f.kind === 'loss' ? { ...cur, loss: f.rate } : { ...cur, latency: f.latency, jitter: f.jitter ?? 0 };
        ctx.netem.set(seg, next);
        await applyNetem(ctx, next, seg);
      }
      return;
    }
    case 'set-priority': {
      const n = nodeRun(ctx, f.node);
      if (n.router === null) return;
      if (!n.router.instances.some((i) => i.name === f.instance)) throw new InputError(`set-priority: node '${f.node}' has no instance '${f.instance}'`, { file: '<spec>' });
      n.router = { ...n.router, instances: n.router.instances.map((i) => (i.name === f.instance ? { ...i, priority: f.priority } : i)) };
      if (n.original !== undefined) n.original = withPriority(n.original, f.instance, f.priority);
      await writeConf(n);
      if (n.keepalived?.running) killQuiet(n.keepalived.child.pid, 'SIGHUP');
      return;
    }
  }
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

/**
 * A frame crosses the veth/bridge path in tens of µs, so a spec's sub-millisecond delay (the
 * default 100 µs) is as good as realised and far below every tolerance: only larger unrealised
 * delays are reported and widen the comparison.
 */
const NEGLIGIBLE_DELAY: Micros = 1_000;

async function applyNetem(ctx: RunCtx, settings: NetemSettings, segment: string): Promise<void> {
  const outcome = await setNetem(ctx.topo, settings, segment);
  const delay = settings.latency + settings.jitter;
  if (outcome !== 'netem' && delay > NEGLIGIBLE_DELAY) {
    ctx.unrealisedDelay = Math.max(ctx.unrealisedDelay, delay);
    const note = 'frame delay not realised (no sch_netem on this host): real deliveries are up to the unrealised delay early, tolerances widened by it';
    if (!ctx.notes.includes(note)) ctx.notes.push(note);
  }
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
