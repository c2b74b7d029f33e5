// The fault timeline applied for real to a running set of nodes: signals to keepalived,
// carrier loss, nftables, netem, listeners and configuration rewrites.
import type { Fault } from '../../sim/spec.js';
import type { Micros } from '../vrrp/types.js';
import { InputError } from '../cli/errors.js';
import { run } from '../netns/exec.js';
import {
  heal, partition, partitionOneWay, setLink, setMulticastBlocked, setNetem, type NetemSettings,
} from '../netns/faults.js';
import { withPriority } from './original-conf.js';
import { parseAddressMonitorLine, sameAddress } from './observe.js';
import {
  elapsed, killQuiet, startKeepalived, stopKeepalived, vrrpChildPid, writeConf, type NodeRun, type RunCtx,
} from './run-node.js';

export async function setService(n: NodeRun, name: string, up: boolean): Promise<void> {
  const svc = n.spec.services.find((s) => s.name === name);
  if (svc === undefined || n.serviceHost === null || n.servicesUp.has(name) === up) return;
  await n.serviceHost.set(svc.port, up);
  if (up) n.servicesUp.add(name); else n.servicesUp.delete(name);
}


export function nodeRun(ctx: RunCtx, name: string): NodeRun {
  const n = ctx.nodes.get(name);
  if (n === undefined) throw new InputError(`timeline names unknown node '${name}'; expected one of ${[...ctx.nodes.keys()].join(', ')}`, { file: '<spec>' });
  return n;
}

export async function bootNode(ctx: RunCtx, n: NodeRun): Promise<void> {
  n.alive = true;
  for (const s of n.spec.services) if (s.upAtStart) await setService(n, s.name, true);
  startKeepalived(ctx, n);
}

export async function crash(ctx: RunCtx, n: NodeRun): Promise<void> {
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
    const shown = n.original === undefined ? [] : (await run('ip', ['-n', n.ns, '-o', 'addr', 'show', 'dev', inst.iface]).catch(() => ({ stdout: '' }))).stdout
      .split('\n').map(parseAddressMonitorLine).filter((c) => c !== null);
    for (const vip of [...inst.vips, ...inst.excludedVips]) {
      const prefix = shown.find((c) => sameAddress(c.address, vip))?.prefix ?? (vip.includes(':') ? 128 : 32);
      await (ctx.topo.exec ?? run)('ip', ['-n', n.ns, 'addr', 'del', `${vip}/${prefix}`, 'dev', inst.iface]).catch(() => undefined);
    }
  }
  for (const name of [...n.servicesUp]) await setService(n, name, false);
}

export async function freeze(n: NodeRun, on: boolean): Promise<void> {
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

export async function applyFault(ctx: RunCtx, f: Fault): Promise<void> {
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
 * A frame crosses the veth/bridge path in tens of µs, so a spec's sub-millisecond delay (the
 * default 100 µs) is as good as realised and far below every tolerance: only larger unrealised
 * delays are reported and widen the comparison.
 */
const NEGLIGIBLE_DELAY: Micros = 1_000;

export async function applyNetem(ctx: RunCtx, settings: NetemSettings, segment: string): Promise<void> {
  const outcome = await setNetem(ctx.topo, settings, segment);
  const delay = settings.latency + settings.jitter;
  if (outcome !== 'netem' && delay > NEGLIGIBLE_DELAY) {
    ctx.unrealisedDelay = Math.max(ctx.unrealisedDelay, delay);
    const note = 'frame delay not realised (no sch_netem on this host): real deliveries are up to the unrealised delay early, tolerances widened by it';
    if (!ctx.notes.includes(note)) ctx.notes.push(note);
  }
}

