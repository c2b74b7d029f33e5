// One node of a real run and the keepalived process on it: what the run keeps per node, and
// starting (optionally held at a gate), stopping and configuring that keepalived.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { NodeSpec, SimSpec } from '../../sim/spec.js';
import type { TraceEvent } from '../../sim/trace.js';
import type { Micros, RouterConfig, VrrpState } from '../vrrp/types.js';
import type { Topology } from '../netns/topology.js';
import type { NetemSettings } from '../netns/faults.js';
import { monotonicMicros } from './clock.js';
import { renderRouterConf } from './keepalivedConf.js';
import { originalConfText } from './original-conf.js';
import type { ServiceHost } from './services.js';
import type { OriginalConf } from './run.js';

export interface Keepalived {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  running: boolean;
}

export interface NodeRun {
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

export interface RunCtx {
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

export const elapsed = (ctx: RunCtx): Micros => monotonicMicros() - ctx.t0;

export function exitPromise(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

export function killQuiet(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, signal);
  } catch {
    // gone already
  }
}

export async function vrrpChildPid(n: NodeRun): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(join(n.dir, 'vrrp.pid'), 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function writeConf(n: NodeRun): Promise<void> {
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

export interface Gated {
  readonly ready: Promise<void>;
  readonly release: () => void;
}

export function spawnKeepalived(ctx: RunCtx, n: NodeRun, gated: boolean): Gated | null {
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

export function startKeepalived(ctx: RunCtx, n: NodeRun): void {
  spawnKeepalived(ctx, n, false);
}

export async function stopKeepalived(n: NodeRun, signal: NodeJS.Signals): Promise<void> {
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

