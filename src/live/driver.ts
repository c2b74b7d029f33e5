// The real-time host for the sans-IO core: it feeds `start`, received adverts, timer firings,
// script results, carrier changes and `stop` into `step`, and carries out the effects. Every
// side effect goes through DriverIo, so tests run the driver on a fake clock and fake sockets.
import type { Effect, IpAddress, Ipv6, Micros, RouterConfig, ScriptConfig, TimerKey } from '../vrrp/types.js';
import type { RouterState } from '../vrrp/state.js';
import { createRouter, instanceStatus, step, type InstanceStatus } from '../vrrp/router.js';
import { encodeIpv4Packet } from '../vrrp/codec.js';
import { encodeIpv6Packet } from '../vrrp/codec-ipv6.js';
import { observePacket } from './observe.js';

export interface TimerHandle {
  readonly cancel: () => void;
}

export interface DriverIo {
  /** Monotonic integer µs (process.hrtime.bigint() in production). */
  readonly now: () => Micros;
  readonly schedule: (delay: Micros, fn: () => void) => TimerHandle;
  /** A whole IPv4 or IPv6 packet onto the interface, to `dst`. */
  readonly send: (packet: Uint8Array, dst: IpAddress) => Promise<void>;
  /** `ip addr add|del VIP/32 (/128) dev IF`; only called with --manage-vips. */
  readonly vip: (action: 'add' | 'del', vip: IpAddress, iface: string) => Promise<void>;
  readonly runScript: (script: ScriptConfig, timeout: Micros) => Promise<boolean>;
  /** One unsolicited neighbour advertisement for `target` on `iface` (ndisc.ts); absent: none sent. */
  readonly neighbourAdvert?: (target: Ipv6, iface: string) => Promise<void>;
  readonly log: (line: string) => void;
}

export interface DriverOptions {
  readonly manageVips: boolean;
}

export interface Driver {
  readonly start: (ifaceUp: ReadonlyMap<string, boolean>) => void;
  /** Raw bytes from the socket bound to `iface`. */
  readonly packet: (bytes: Uint8Array, iface: string) => void;
  readonly interfaceChange: (iface: string, up: boolean) => void;
  /** Graceful shutdown; resolves once the priority-0 adverts and VIP removals are done. */
  readonly stop: () => Promise<void>;
  readonly status: (instance: string) => InstanceStatus;
  /** Settles every send and VIP change started so far. */
  readonly idle: () => Promise<void>;
}

const keyOf = (k: TimerKey): string => `${k.kind}:${k.kind === 'script' ? k.script : k.instance}`;
const MAX_DELAY: Micros = 2_000_000_000; // setTimeout's 32-bit ms limit, with room

export function createDriver(config: RouterConfig, io: DriverIo, opts: DriverOptions): Driver {
  let router: RouterState = createRouter(config);
  let stopped = false;
  const timers = new Map<string, { at: Micros; handle: TimerHandle }>();
  const ipId = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  const scripts = new Map(config.scripts.map((s) => [s.name, s] as const));

  const track = (p: Promise<void>): void => {
    const q = p.catch((e: unknown) => io.log(`error: ${e instanceof Error ? e.message : String(e)}`)).finally(() => pending.delete(q));
    pending.add(q);
  };

  const feed = (input: Parameters<typeof step>[1]): void => {
    const r = step(router, input, io.now());
    router = r.router;
    for (const e of r.effects) perform(e);
  };

  const arm = (key: TimerKey, at: Micros): void => {
    const k = keyOf(key);
    timers.get(k)?.handle.cancel();
    const fire = (): void => {
      if (timers.get(k)?.handle !== handle) return;
      // libuv's millisecond clock can run a timer a little before our µs deadline; the core
      // would ignore an early firing and the timer would be lost, so wait out the rest.
      const left = at - io.now();
      if (left > 0) {
        handle = io.schedule(left, fire);
        timers.set(k, { at, handle });
        return;
      }
      timers.delete(k);
      if (!stopped) feed({ type: 'timer', key });
    };
    let handle = io.schedule(Math.min(MAX_DELAY, Math.max(0, at - io.now())), fire);
    timers.set(k, { at, handle });
  };

  const nextId = (instance: string): number => {
    // keepalived: first advert ID 1, +1 per advert, 0 skipped on wrap.
    const id = ipId.get(instance) ?? 1;
    ipId.set(instance, id >= 0xffff ? 1 : id + 1);
    return id;
  };

  function perform(e: Effect): void {
    switch (e.type) {
      case 'sendAdvert': {
        // IPv6 has no identification field: the kernel's header carries the flow label 0
        // (ipv6.ts: what a kernel with auto flow labels off sends) and the core's hop limit.
        const packet = e.dst.includes(':')
          ? encodeIpv6Packet(e.advert, { src: e.src, dst: e.dst, hopLimit: e.ttl })
          : encodeIpv4Packet(e.advert, { src: e.src, dst: e.dst, ttl: e.ttl, id: nextId(e.instance) });
        track(io.send(packet, e.dst));
        return;
      }
      case 'setTimer':
        arm(e.key, e.at);
        return;
      case 'cancelTimer': {
        const k = keyOf(e.key);
        timers.get(k)?.handle.cancel();
        timers.delete(k);
        return;
      }
      case 'addVip':
      case 'removeVip': {
        const action = e.type === 'addVip' ? 'add' : 'del';
        const len = e.vip.includes(':') ? 128 : 32;
        if (opts.manageVips) {
          io.log(`(${e.instance}) ${action === 'add' ? 'adding' : 'removing'} VIP ${e.vip}/${len} on ${e.iface}`);
          track(io.vip(action, e.vip, e.iface));
        } else {
          io.log(`(${e.instance}) would ${action === 'add' ? 'add' : 'remove'} VIP ${e.vip}/${len} on ${e.iface} (not changed: no --manage-vips)`);
        }
        return;
      }
      case 'garp': {
        const v4 = e.addrs.filter((a) => !a.includes(':'));
        const v6 = e.addrs.filter((a) => a.includes(':'));
        if (v4.length > 0) io.log(`(${e.instance}) gratuitous ARP ×${e.count} for ${v4.join(' ')} on ${e.iface} not sent: raw-socket cannot send ARP (no AF_PACKET)`);
        if (v6.length === 0) return;
        const what = `(${e.instance}) unsolicited neighbour advertisement ×${e.count} for ${v6.join(' ')} on ${e.iface}`;
        // Without --manage-vips the VIP is not on this host: an NA would draw its traffic here.
        if (!opts.manageVips) io.log(`${what} not sent: the VIPs are not on this host (no --manage-vips)`);
        else if (io.neighbourAdvert === undefined) io.log(`${what} not sent: no IPv6 socket`);
        else {
          io.log(`${what}`);
          // keepalived's round: every address once, `count` times over (vrrp.c vrrp_send_link_update()).
          const send = io.neighbourAdvert;
          for (let r = 0; r < e.count; r++) for (const a of v6) track(send(a, e.iface));
        }
        return;
      }
      case 'notify':
        io.log(`notify ${e.scope} ${e.name} ${e.state} ${e.priority}`);
        return;
      case 'transition':
        io.log(`(${e.instance}) ${e.from} -> ${e.to} (priority ${e.priority}, ${e.reason})`);
        return;
      case 'priorityChange':
        io.log(`(${e.instance}) effective priority ${e.from} -> ${e.to}`);
        return;
      case 'runScript': {
        const s = scripts.get(e.script);
        if (s === undefined) return;
        track(io.runScript(s, e.timeout).then((ok) => {
          if (!stopped) feed({ type: 'scriptResult', script: e.script, ok });
        }));
        return;
      }
    }
  }

  const idle = async (): Promise<void> => {
    while (pending.size > 0) await Promise.all([...pending]);
  };

  return {
    start: (ifaceUp) => feed({ type: 'start', ifaceUp }),
    packet: (bytes, iface) => {
      if (stopped) return;
      const obs = observePacket(bytes);
      if (obs.kind === 'invalid') {
        io.log(`ignored packet from ${obs.src}: ${obs.detail}`);
        return;
      }
      feed({ type: 'advert', packet: { advert: obs.advert, src: obs.src, dst: obs.dst, ttl: obs.ttl, iface } });
    },
    interfaceChange: (iface, up) => { if (!stopped) feed({ type: 'interface', iface, up }); },
    stop: async () => {
      if (stopped) return idle();
      feed({ type: 'stop' });
      stopped = true;
      for (const t of timers.values()) t.handle.cancel();
      timers.clear();
      await idle();
    },
    status: (name) => instanceStatus(router, name),
    idle,
  };
}
