// Who answers for an address on a segment, and whether a TCP connection there would succeed:
// what a node's tcp script and a client's connection both ask of the world. Its own file so
// host.ts (scripts) and probe.ts (clients) both read it without importing each other.
import { pathOpen } from './network.js';
import { chance } from './prng.js';
import type { HostState, SegmentState, World } from './world.js';
import type { IpAddress, Ipv4, Ipv6, VmacConfig } from '../src/vrrp/types.js';

/** The use_vmac interface of one of the node's instances, if it has one. */
export function vmacOf<R>(h: HostState<R>, instance: string): VmacConfig | undefined {
  return h.vmacs.size === 0 ? undefined : h.vmacs.get(instance);
}

/**
 * The MAC an ARP reply for `addr` carries: a VIP on a vmac answers with the virtual MAC (keepalived
 * sets arp_ignore=1 / arp_filter=1 on the base interface, vrrp_if_config.c), else null (the
 * node's own).
 */
export function answeringVmac<R>(h: HostState<R>, addr: Ipv4): string | null {
  const held = h.held.get(addr);
  return held === undefined ? null : vmacOf(h, held.instance)?.mac ?? null;
}

/**
 * The nodes whose kernel answers a GARP round from `sender` on virtual MAC `mac`: those holding
 * one of its IPv4 addresses on the same vmac (a second master: a split brain just healed, or
 * multicast blocked). A GARP is an ARP request for the address itself, and keepalived sets
 * accept_local=1 on its vmac interfaces (vrrp_if_config.c, set_interface_parameters(): "to
 * hear another instance multicasting"), so the kernel does not drop it as a martian and replies
 * from the vmac, to the vmac. The switch learns the virtual MAC on the answerer's port from that
 * reply, after the GARP itself: the answerer's keepalived drops the VIP only once it has handled
 * the advert that came with the GARP, by which time its kernel has replied (captured at a heal
 * in test/conformance/vmac.test.ts: five replies, one per GARP, then the client's frames go to
 * the new backup until the master's next advert). The round reaches a node when one of its
 * `count` frames does; the answer's learning is on the switch's ingress, so nothing more is drawn.
 */
export function garpAnswerers<R>(w: World<R>, seg: SegmentState, sender: HostState<R>, addrs: readonly IpAddress[], mac: string, count: number): string[] {
  const out: string[] = [];
  for (const port of seg.ports) {
    if (port.node === sender.spec.name || out.includes(port.node)) continue;
    const o = w.hosts.get(port.node);
    if (o === undefined || !o.alive || o.carrier.get(port.iface) !== true) continue;
    if (!addrs.some((a) => !a.includes(':') && holdsOn(o, a, port) && answeringVmac(o, a) === mac)) continue;
    if (!pathOpen(seg, sender.spec.name, port.node)) continue;
    let arrives = false;
    for (let i = 0; i < Math.max(count, 1) && !arrives; i++) arrives = !chance(w.prng, seg.loss);
    if (arrives) out.push(port.node);
  }
  return out;
}

/** Is `addr` answered by the host on this port (its interface address or a VIP it holds there)? */
export function holdsOn<R>(h: HostState<R>, addr: IpAddress, port: { readonly iface: string; readonly address: Ipv4 | undefined; readonly address6?: Ipv6 }): boolean {
  return port.address === addr || port.address6 === addr || h.held.get(addr)?.iface === port.iface;
}

// Loops rather than some() with a closure: a check script's TCP connect (every run, 3,800 a
// seed-year) allocated one closure per call here.
export function portUp<R>(h: HostState<R>, port: number): boolean {
  for (const s of h.spec.services) if (s.port === port && h.services.get(s.name) === true) return true;
  return false;
}

function ownsAddress<R>(h: HostState<R>, addr: Ipv4): boolean {
  if (h.held.has(addr)) return true;
  for (const i of h.spec.interfaces) if (i.address === addr || i.address6 === addr) return true;
  return false;
}

type TcpOutcome = 'ok' | 'refused' | 'unreachable';

/** A TCP connect from `h` to addr:port, against the current world. */
export function tcpFrom<R>(w: World<R>, h: HostState<R>, addr: Ipv4, port: number): TcpOutcome {
  if (ownsAddress(h, addr)) return portUp(h, port) ? 'ok' : 'refused';
  for (const i of h.spec.interfaces) {
    if (h.carrier.get(i.name) !== true) continue;
    const seg = w.segments.get(i.segment);
    if (seg === undefined) continue;
    for (const p of seg.ports) {
      if (p.node === h.spec.name) continue;
      const m = w.hosts.get(p.node);
      if (m === undefined || !m.alive || m.carrier.get(p.iface) !== true || !holdsOn(m, addr, p)) continue;
      if (!pathOpen(seg, h.spec.name, p.node) || !pathOpen(seg, p.node, h.spec.name)) continue;
      return portUp(m, port) ? 'ok' : 'refused';
    }
  }
  return 'unreachable';
}
