// A deliberately tiny VRRP stand-in (one instance, RFC timers, preempt) so engine and network
// tests do not depend on the real core's details. Pure, like the real one.
import type { Effect, Input, Micros, RouterConfig, VrrpState } from '../../../src/vrrp/types.js';
import type { VrrpCore } from '../../../sim/world.js';

export interface FakeRouter {
  readonly config: RouterConfig;
  readonly state: VrrpState;
  /** Every input seen, for tests that check delivery order. */
  readonly seen: readonly string[];
}

function inst(r: FakeRouter) {
  return r.config.instances[0]!;
}

function skew(prio: number): Micros {
  return Math.floor(((256 - prio) * 1_000_000) / 256);
}

function downTimer(r: FakeRouter): Micros {
  const i = inst(r);
  return i.downTimerAdverts * i.advertInt + skew(i.priority);
}

const key = (r: FakeRouter) => ({ kind: 'instance', instance: inst(r).name }) as const;

function advert(r: FakeRouter, prio: number): Effect {
  const i = inst(r);
  return {
    type: 'sendAdvert', instance: i.name, iface: i.iface, src: i.srcAddr, dst: i.unicastPeers[0] ?? i.mcastGroup, ttl: 255,
    advert: { version: 2, vrid: i.vrid, priority: prio, advertInt: i.advertInt, vips: i.vips, auth: { type: 'none' } },
  };
}

function go(r: FakeRouter, to: VrrpState, reason: string, fx: Effect[]): FakeRouter {
  const i = inst(r);
  fx.push({ type: 'transition', instance: i.name, from: r.state, to, priority: i.priority, reason });
  return { ...r, state: to };
}

export function fakeStep(r0: FakeRouter, input: Input, now: Micros): { router: FakeRouter; effects: Effect[] } {
  const fx: Effect[] = [];
  const label = input.type === 'advert' ? `advert:${input.packet.src}:${input.packet.advert.priority}` : input.type;
  let r: FakeRouter = { ...r0, seen: [...r0.seen, label] };
  const i = inst(r);
  const toMaster = (reason: string) => {
    r = go(r, 'MASTER', reason, fx);
    fx.push(advert(r, i.priority));
    for (const vip of i.vips) fx.push({ type: 'addVip', instance: i.name, iface: i.iface, vip });
    fx.push({ type: 'garp', instance: i.name, iface: i.iface, addrs: i.vips, count: 1 });
    fx.push({ type: 'setTimer', key: key(r), at: now + i.advertInt });
  };
  const leaveMaster = () => { for (const vip of i.vips) fx.push({ type: 'removeVip', instance: i.name, iface: i.iface, vip }); };
  switch (input.type) {
    case 'start':
      if (input.ifaceUp.get(i.iface) === false) { r = go(r, 'FAULT', 'init', fx); break; }
      r = go(r, 'BACKUP', 'init', fx);
      fx.push({ type: 'setTimer', key: key(r), at: now + downTimer(r) });
      break;
    case 'timer':
      if (r.state === 'BACKUP') toMaster('timeout');
      else if (r.state === 'MASTER') { fx.push(advert(r, i.priority)); fx.push({ type: 'setTimer', key: key(r), at: now + i.advertInt }); }
      break;
    case 'advert': {
      const p = input.packet.advert.priority;
      if (r.state === 'BACKUP') {
        if (p === 0) fx.push({ type: 'setTimer', key: key(r), at: now + skew(i.priority) });
        else if (p >= i.priority) fx.push({ type: 'setTimer', key: key(r), at: now + downTimer(r) });
      } else if (r.state === 'MASTER') {
        if (p > i.priority) {
          leaveMaster();
          r = go(r, 'BACKUP', 'higher prio advert', fx);
          fx.push({ type: 'setTimer', key: key(r), at: now + downTimer(r) });
        } else {
          fx.push(advert(r, i.priority));
          fx.push({ type: 'garp', instance: i.name, iface: i.iface, addrs: i.vips, count: 1 });
          fx.push({ type: 'setTimer', key: key(r), at: now + i.advertInt });
        }
      }
      break;
    }
    case 'interface':
      if (input.iface !== i.iface) break;
      if (!input.up && r.state !== 'FAULT') {
        if (r.state === 'MASTER') { fx.push(advert(r, 0)); leaveMaster(); }
        fx.push({ type: 'cancelTimer', key: key(r) });
        r = go(r, 'FAULT', 'interface down', fx);
      } else if (input.up && r.state === 'FAULT') {
        r = go(r, 'BACKUP', 'interface up', fx);
        fx.push({ type: 'setTimer', key: key(r), at: now + downTimer(r) });
      }
      break;
    case 'stop':
      if (r.state === 'MASTER') { fx.push(advert(r, 0)); leaveMaster(); }
      fx.push({ type: 'cancelTimer', key: key(r) });
      r = go(r, 'STOP', 'shutdown', fx);
      break;
    case 'reload':
      r = { ...r, config: input.config };
      break;
    case 'scriptResult':
      break;
  }
  return { router: r, effects: fx };
}

export const fakeCore: VrrpCore<FakeRouter> = {
  createRouter: (config) => ({ config, state: 'INIT', seen: [] }),
  step: fakeStep,
};
