// Building a RouterState from a RouterConfig: lookups computed once, every instance in INIT.
import type { InstanceConfig, RouterConfig, TimerKey } from './types.js';
import type { GroupState, InstanceState, RouterIndex, RouterState } from './state.js';
import { sandsOff, toChunks } from './state.js';
import { initialScriptState } from './track.js';
import { buildHotConfig } from './hot.js';

export function buildIndex(config: RouterConfig): RouterIndex {
  const instanceByName = new Map<string, number>();
  config.instances.forEach((c, i) => instanceByName.set(c.name, i));
  const scriptByName = new Map<string, number>();
  config.scripts.forEach((s, k) => scriptByName.set(s.name, k));
  const groupOf = config.instances.map(() => -1);
  const groupMembers = config.syncGroups.map((g, gi) => {
    const members: number[] = [];
    for (const name of g.instances) {
      const i = instanceByName.get(name);
      if (i !== undefined && groupOf[i] === -1) {
        groupOf[i] = gi;
        members.push(i);
      }
    }
    return members;
  });
  const used = new Set(config.instances.flatMap((c) => c.track.filter((t) => t.kind === 'script').map((t) => t.name)));
  const scriptUsed = config.scripts.map((s) => used.has(s.name));
  const instanceTimerKeys = config.instances.map((c, index): TimerKey => ({ kind: 'instance', instance: c.name, index }));
  const scriptTimerKeys = config.scripts.map((s): TimerKey => ({ kind: 'script', script: s.name }));
  return { instanceByName, hot: buildHotConfig(config.instances), scriptByName, groupOf, groupMembers, scriptUsed, instanceTimerKeys, scriptTimerKeys };
}

export function initialInstanceState(config: InstanceConfig): InstanceState {
  return {
    config,
    state: 'INIT',
    wantstate: config.initialState,
    basePriority: config.priority,
    totalPriority: config.priority,
    effectivePriority: config.priority,
    masterAdverInt: config.advertInt,
    msDownTimer: 0,
    preemptTime: null,
    masterSaddr: null,
    vipset: false,
    garpRefreshAt: null,
    garpRounds: [],
    faults: 0,
    scriptsInit: 0,
    notified: null,
  };
}

export function createRouter(config: RouterConfig): RouterState {
  return {
    config,
    index: buildIndex(config),
    phase: 'init',
    instances: toChunks(config.instances.map(initialInstanceState)),
    sands: sandsOff(config.instances.length),
    scripts: config.scripts.map(initialScriptState),
    groups: config.syncGroups.map((): GroupState => ({ state: 'INIT' })),
    ifaces: new Map(),
  };
}

