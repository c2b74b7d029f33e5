// Small helpers for driving the core in tests: start a router, feed inputs, build adverts and
// pick effects out of a step's output.
import { createRouter, step } from '../../../src/vrrp/router.js';
import type { RouterState } from '../../../src/vrrp/state.js';
import { defaultInstanceConfig } from '../../../src/vrrp/defaults.js';
import type {
  Advert, Effect, InstanceConfig, Input, Micros, ReceivedAdvert, RouterConfig, ScriptConfig, SyncGroupConfig,
} from '../../../src/vrrp/types.js';

export interface Run {
  router: RouterState;
  effects: Effect[];
}

export function config(instances: InstanceConfig[], scripts: ScriptConfig[] = [], syncGroups: SyncGroupConfig[] = []): RouterConfig {
  return { instances, scripts, syncGroups };
}

export function started(cfg: RouterConfig | Partial<InstanceConfig>, now: Micros = 0, ifaceUp: Record<string, boolean> = {}): Run {
  const up = new Map(Object.entries(ifaceUp));
  const rc = 'instances' in cfg ? (cfg as RouterConfig) : config([defaultInstanceConfig(cfg as Partial<InstanceConfig>)]);
  return step(createRouter(rc), { type: 'start', ifaceUp: up }, now);
}

export function feed(run: Run | RouterState, input: Input, now: Micros): Run {
  const router = 'router' in run ? run.router : run;
  return step(router, input, now);
}

export function fire(run: Run, instance: string, now: Micros): Run {
  return feed(run, { type: 'timer', key: { kind: 'instance', instance } }, now);
}

export function advertFrom(src: string, partial: Partial<Advert> = {}, ip: Partial<Omit<ReceivedAdvert, 'advert'>> = {}): Input {
  const advert: Advert = {
    version: 2, vrid: 51, priority: 100, advertInt: 1_000_000, vips: ['192.0.2.100'], auth: { type: 'none' }, ...partial,
  };
  return { type: 'advert', packet: { advert, src, dst: '224.0.0.18', ttl: 255, iface: 'eth0', ...ip } };
}

export function instanceTimer(effects: readonly Effect[], instance = 'VI_1'): Micros | null | undefined {
  let at: Micros | null | undefined;
  for (const e of effects) {
    if (e.type === 'setTimer' && e.key.kind === 'instance' && e.key.instance === instance) at = e.at;
    if (e.type === 'cancelTimer' && e.key.kind === 'instance' && e.key.instance === instance) at = null;
  }
  return at;
}

export function ofType<T extends Effect['type']>(effects: readonly Effect[], type: T): Extract<Effect, { type: T }>[] {
  return effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
}

export function advertsSent(effects: readonly Effect[]): number[] {
  return ofType(effects, 'sendAdvert').map((e) => e.advert.priority);
}

export function notifies(effects: readonly Effect[]): string[] {
  return ofType(effects, 'notify').map((e) => `${e.scope} ${e.name} ${e.state} ${e.priority}`);
}

/** Start a default instance and let it time out into MASTER. */
export function master(partial: Partial<InstanceConfig> = {}, at: Micros = 10_000_000): Run {
  const s = started(partial);
  return fire(s, partial.name ?? 'VI_1', at);
}
