// Walks the transition table (src/vrrp/transitions.ts): each row has a minimal witness here, a
// router that satisfies the row's guard and the input it names; the core must take it to the
// row's next state with exactly the row's effects. A row without a witness fails, so a new row
// cannot be added unchecked; test/property/core-transitions.test.ts checks the other direction.
import { describe, expect, it } from 'vitest';
import { createRouter, defaultInstanceConfig, defaultScriptConfig, instanceStatus, step } from '../../../src/vrrp/core.js';
import type { RouterState } from '../../../src/vrrp/core.js';
import type { InstanceConfig, Input, Micros, RouterConfig, TrackRef, VrrpState } from '../../../src/vrrp/types.js';
import { TRANSITIONS, effectKinds, inputClass, reasonClass } from '../../../src/vrrp/transitions.js';
import { advertFrom } from './harness.js';

interface Witness {
  readonly router: RouterState;
  readonly input: Input;
  readonly now: Micros;
  readonly instance: string;
}

type Step = readonly [Micros, Input];

const SELF = '192.0.2.5';
const LOWER = '192.0.2.2';
const START: Input = { type: 'start', ifaceUp: new Map() };
const STOP: Input = { type: 'stop' };
const T_MASTER = 10_000_000;

const timer = (instance = 'VI_1'): Input => ({ type: 'timer', key: { kind: 'instance', instance } });
const garpTimer = (instance = 'VI_1'): Input => ({ type: 'timer', key: { kind: 'garpDelay', instance } });
const script = (ok: boolean): Input => ({ type: 'scriptResult', script: 'chk', ok });
const iface = (name: string, up: boolean): Input => ({ type: 'interface', iface: name, up });
const reload = (config: RouterConfig): Input => ({ type: 'reload', config });

const vi = (partial: Partial<InstanceConfig> = {}): InstanceConfig => defaultInstanceConfig({ srcAddr: SELF, ...partial });
const tracks = (kind: TrackRef['kind'], name: string, weight = 0): TrackRef[] => [{ kind, name, weight, reverse: false }];
const one = (partial: Partial<InstanceConfig> = {}, withScript = false): RouterConfig => ({
  instances: [vi(partial)], scripts: withScript ? [defaultScriptConfig()] : [], syncGroups: [],
});
const owner = { priority: 255, initialState: 'MASTER' } as const;

/** Two instances A (VRID 1 on eth0) and B (VRID 2 on eth1) in sync group G. */
function group(a: Partial<InstanceConfig> = {}, withScript = false): RouterConfig {
  return {
    instances: [
      vi({ name: 'A', vrid: 1, iface: 'eth0', vips: ['192.0.2.101'], ...a }),
      vi({ name: 'B', vrid: 2, iface: 'eth1', vips: ['192.0.2.102'] }),
    ],
    scripts: withScript ? [defaultScriptConfig()] : [],
    syncGroups: [{ name: 'G', instances: ['A', 'B'] }],
  };
}

/** The router after `start` and `steps`; the first step may replace `start` (an ifaceUp map). */
function after(cfg: RouterConfig, steps: readonly Step[] = [], start: Input = START): RouterState {
  let r = step(createRouter(cfg), start, 0).router;
  for (const [now, input] of steps) r = step(r, input, now).router;
  return r;
}

const w = (router: RouterState, input: Input, now: Micros, instance = 'VI_1'): Witness => ({ router, input, now, instance });
const fresh = (cfg: RouterConfig, instance = 'VI_1'): Witness => ({ router: createRouter(cfg), input: START, now: 0, instance });
const asMaster: Step = [T_MASTER, timer()];
/** Both sync-group members MASTER: A is held back first, then B's timeout takes the group. */
const groupMaster: Step[] = [[T_MASTER, timer('A')], [T_MASTER, timer('B')]];
const downAtStart = (name: string): Input => ({ type: 'start', ifaceUp: new Map([[name, false]]) });
const advert = (priority: number, extra: Parameters<typeof advertFrom>[2] = {}): Input => advertFrom(LOWER, { priority }, extra);
const advertTo = (vrid: number, priority: number): Input =>
  advertFrom(LOWER, { vrid, priority, vips: [`192.0.2.10${vrid}`] }, { iface: vrid === 1 ? 'eth0' : 'eth1' });
const plus = (cfg: RouterConfig, extra: Partial<InstanceConfig>, withScript = false): RouterConfig => ({
  ...cfg,
  instances: [...cfg.instances, vi({ name: 'VI_2', vrid: 52, ...extra })],
  scripts: withScript ? [defaultScriptConfig()] : cfg.scripts,
});
const none: RouterConfig = { instances: [], scripts: [], syncGroups: [] };

const trackingWitnesses = (input: 'scriptResult' | 'interface'): [string, () => Witness][] => {
  const s = input === 'scriptResult';
  // A single instance whose weight-0 tracked object is the script or its own interface, and the
  // same as member A of a sync group (the script) or through B's interface.
  const cfg = s ? one({ track: tracks('script', 'chk') }, true) : one();
  const ready: Step[] = s ? [[500_000, script(true)]] : [];
  const down = s ? script(false) : iface('eth0', false);
  const up = s ? script(true) : iface('eth0', true);
  // init_fail keeps the sync group's start clear of the wait for a first script result.
  const g = s ? { ...group({ track: tracks('script', 'chk') }), scripts: [defaultScriptConfig({ initFail: true })] } : group();
  const gReady: Step[] = s ? [[500_000, script(true)]] : [];
  const gDown = s ? script(false) : iface('eth1', false);
  const gUp = s ? script(true) : iface('eth1', true);
  return [
    [`backup-fault-${input}`, () => w(after(cfg, ready), down, 1_000_000)],
    [`master-fault-${input}`, () => w(after(cfg, [...ready, asMaster]), down, T_MASTER + 500_000)],
    [`fault-cleared-${input}`, () => w(after(cfg, [...ready, [1_000_000, down]]), up, 2_000_000)],
    [`sync-fault-backup-${input}`, () => w(after(g, gReady), gDown, 1_000_000, s ? 'B' : 'A')],
    [`sync-fault-master-${input}`, () => w(after(g, [...gReady, ...groupMaster]), gDown, T_MASTER + 500_000, s ? 'B' : 'A')],
    // The script case: A starts FAULT (init_fail) and the group with it, A's first success brings B up.
    [`sync-backup-from-fault-${input}`, () => s
      ? w(after(g), gUp, 500_000, 'B')
      : w(after(g, [[1_000_000, gDown]]), gUp, 2_000_000, 'A')],
  ];
};

const WITNESSES = new Map<string, () => Witness>([
  ['start-backup', () => fresh(one())],
  ['start-owner', () => fresh(one(owner))],
  ['start-fault-down', () => ({ ...fresh(one()), input: downAtStart('eth0') })],
  ['start-fault-wait', () => fresh(one({ track: tracks('script', 'chk') }, true))],
  // The README's question: equal priority from a lower address.
  ['backup-accept', () => w(after(one()), advert(100), 1_000_000)],
  ['backup-prio0', () => w(after(one()), advert(0), 1_000_000)],
  ['backup-discard', () => w(after(one()), advert(50), 1_000_000)],
  ['backup-invalid', () => w(after(one()), advert(200, { ttl: 1 }), 1_000_000)],
  ['master-yield', () => w(after(one(), [asMaster]), advertFrom('192.0.2.9', { priority: 100 }), T_MASTER + 500_000)],
  ['master-lower', () => w(after(one(), [asMaster, [T_MASTER + 5_000_000, garpTimer()]]), advert(100), T_MASTER + 5_500_000)],
  ['master-prio0', () => w(after(one(), [asMaster]), advert(0), T_MASTER + 500_000)],
  ['master-invalid', () => w(after(one(), [asMaster]), advert(200, { ttl: 1 }), T_MASTER + 500_000)],
  ['sync-backup-on-advert', () => w(after(group(), groupMaster), advertTo(1, 200), T_MASTER + 500_000, 'B')],
  ['fault-ignores-advert', () => w(after(one(), [], downAtStart('eth0')), advert(200), 1_000_000)],
  ['backup-timeout', () => w(after(one()), timer(), T_MASTER)],
  ['backup-held', () => w(after(group()), timer('A'), T_MASTER, 'A')],
  ['sync-master-on-timeout', () => w(after(group(), [[T_MASTER, timer('A')]]), timer('B'), T_MASTER, 'A')],
  ['master-tx', () => w(after(one(), [asMaster]), timer(), T_MASTER + 1_000_000)],
  ['garp-round', () => w(after(one(), [asMaster]), garpTimer(), T_MASTER + 5_000_000)],
  ...trackingWitnesses('scriptResult'),
  ...trackingWitnesses('interface'),
  ['tracking-ready-backup', () => w(after(one({ track: tracks('script', 'chk') }, true)), script(true), 500_000)],
  ['tracking-ready-master', () => w(after(one({ ...owner, track: tracks('script', 'chk') }, true)), script(true), 500_000)],
  ['backup-priority-script', () => w(after(one({ track: tracks('script', 'chk', 20) }, true)), script(true), 500_000)],
  ['master-priority-script', () => w(after(one({ track: tracks('script', 'chk', 20) }, true), [asMaster]), script(true), T_MASTER + 500_000)],
  ['reload-delete-backup', () => w(after(one()), reload(none), 1_000_000)],
  ['reload-delete-master', () => w(after(one(), [asMaster]), reload(none), T_MASTER + 500_000)],
  ['reload-delete-fault', () => w(after(one(), [], downAtStart('eth0')), reload(none), 1_000_000)],
  ['reload-new-backup', () => w(after(one()), reload(plus(one(), {})), 1_000_000, 'VI_2')],
  ['reload-new-owner', () => w(after(one()), reload(plus(one(), owner)), 1_000_000, 'VI_2')],
  ['reload-new-fault-down', () => w(after(one(), [], downAtStart('eth1')), reload(plus(one(), { iface: 'eth1' })), 1_000_000, 'VI_2')],
  ['reload-new-fault-wait', () => w(after(one()), reload(plus(one(), { track: tracks('script', 'chk') }, true)), 1_000_000, 'VI_2')],
  ['reload-tracking-ready', () => w(after(one({ track: tracks('script', 'chk') }, true)), reload(one()), 1_000_000)],
  ['reload-fault-backup', () => w(after(one(), [], downAtStart('eth1')), reload(one({ track: tracks('interface', 'eth1') })), 1_000_000)],
  ['reload-fault-master', () => w(after(one(), [asMaster], downAtStart('eth1')), reload(one({ track: tracks('interface', 'eth1') })), T_MASTER + 500_000)],
  ['reload-fault-cleared', () => w(after(one({ track: tracks('interface', 'eth1') }), [], downAtStart('eth1')), reload(one()), 1_000_000)],
  ['stop-backup', () => w(after(one()), STOP, 1_000_000)],
  ['stop-master', () => w(after(one(), [asMaster]), STOP, T_MASTER + 500_000)],
  ['stop-fault', () => w(after(one(), [], downAtStart('eth0')), STOP, 1_000_000)],
]);

/** Read through the core's public API only (its state layout is not the table's business). */
function stateOf(router: RouterState, name: string): VrrpState | undefined {
  try {
    return instanceStatus(router, name).state;
  } catch {
    return undefined;
  }
}

/** What the core did with the witness, in the row's terms. */
function observe(wit: Witness): { from: string; input: string; to: string; reason: string; effects: string[] } {
  // An instance new in a reloaded configuration is created in INIT.
  const from = stateOf(wit.router, wit.instance) ?? 'INIT';
  const out = step(wit.router, wit.input, wit.now);
  const ts = out.effects.filter((e) => e.type === 'transition' && e.instance === wit.instance);
  const last = ts.at(-1);
  // A deleted instance is gone from the new router: its last transition says where it went.
  const to = stateOf(out.router, wit.instance) ?? (last?.type === 'transition' ? last.to : 'gone');
  const reason = last?.type === 'transition' ? reasonClass(last.reason) : '';
  return { from, input: inputClass(wit.input), to, reason, effects: effectKinds(out.effects, wit.instance) };
}

describe('the transition table (src/vrrp/transitions.ts) is what the core does', () => {
  it('every row has a unique id and a witness, and every witness a row', () => {
    const ids = TRANSITIONS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !WITNESSES.has(id)), 'rows without a witness').toEqual([]);
    expect([...WITNESSES.keys()].filter((id) => !ids.includes(id)), 'witnesses without a row').toEqual([]);
  });

  it.each(TRANSITIONS.map((t) => [t.id, t] as const))('%s', (_id, row) => {
    const witness = WITNESSES.get(row.id);
    if (witness === undefined) throw new Error(`row ${row.id} has no witness in ${import.meta.url}`);
    const seen = observe(witness());
    expect(seen).toEqual({ from: row.from, input: row.input, to: row.to, reason: row.reason, effects: [...row.effects] });
  });
});
