import { describe, expect, it } from 'vitest';
import { instanceStatus } from '../../../src/vrrp/router.js';
import { applyScriptResult, effectivePriority, initialScriptState } from '../../../src/vrrp/track.js';
import { defaultInstanceConfig, defaultScriptConfig } from '../../../src/vrrp/defaults.js';
import type { ScriptConfig, TrackRef } from '../../../src/vrrp/types.js';
import type { Run } from './harness.js';
import { advertsSent, config, feed, fire, instanceTimer, notifies, ofType, started } from './harness.js';
import { sandsAt } from '../../../src/vrrp/state.js';

const script = (weight: number, reverse = false): TrackRef => ({ kind: 'script', name: 'chk', weight, reverse });
const iface = (name: string, weight: number, reverse = false): TrackRef => ({ kind: 'interface', name, weight, reverse });

function withScript(track: TrackRef[], extra: Partial<ScriptConfig> = {}, inst = {}): Run {
  return started(config([defaultInstanceConfig({ track, ...inst })], [defaultScriptConfig({ name: 'chk', ...extra })]));
}
const result = (r: Run, ok: boolean, now: number): Run => feed(r, { type: 'scriptResult', script: 'chk', ok }, now);
const prio = (r: Run): number => instanceStatus(r.router, 'VI_1').effectivePriority;

describe('§11.2 weights', () => {
  it('§11.2 a positive weight is added only after the first success and removed on failure', () => {
    let r = withScript([script(20)]);
    expect(prio(r)).toBe(100);
    r = result(r, true, 1);
    expect(prio(r)).toBe(120);
    expect(ofType(r.effects, 'priorityChange')).toEqual([{ type: 'priorityChange', instance: 'VI_1', from: 100, to: 120 }]);
    r = result(r, false, 2);
    expect(prio(r)).toBe(100);
  });

  it('§11.2 a negative weight subtracts while failed', () => {
    let r = withScript([script(-30)]);
    r = result(r, false, 1);
    expect(prio(r)).toBe(70);
    r = result(r, true, 2);
    expect(prio(r)).toBe(100);
  });

  it('§11.2 reverse flips the sign: positive weight subtracts while OK', () => {
    const r = result(withScript([script(20, true)]), true, 1);
    expect(prio(r)).toBe(80);
  });

  it('§11.2 interface weights follow carrier', () => {
    const cfg = config([defaultInstanceConfig({ track: [iface('eth1', -50)] })]);
    let r = started(cfg, 0, { eth1: true });
    expect(prio(r)).toBe(100);
    r = feed(r, { type: 'interface', iface: 'eth1', up: false }, 5);
    expect(prio(r)).toBe(50);
  });

  it('§11.1 the clamp keeps non-owners in 1..254 and never moves 255', () => {
    expect(effectivePriority(100, -40)).toBe(1);
    expect(effectivePriority(100, 300)).toBe(254);
    expect(effectivePriority(255, 100)).toBe(255);
    const r = result(withScript([script(250)], {}, { priority: 200 }), true, 1);
    expect(prio(r)).toBe(254);
  });

  it('§11.2 weight 0 with reverse: FAULT while the script succeeds', () => {
    const r = result(withScript([script(0, true)]), true, 1);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('FAULT');
  });

  it('§11.1 a priority change shifts a BACKUP\'s pending expiry by the down-timer difference', () => {
    let r = withScript([script(-56)]);
    r = result(r, true, 0);
    expect(sandsAt(r.router, 0)).toBe(3_609_375);
    r = result(r, false, 1_000_000);
    // 100 -> 44: skew grows from 609 375 to 828 125.
    expect(instanceTimer(r.effects)).toBe(3_609_375 + 218_750);
    expect(advertsSent(r.effects)).toEqual([]);
  });

  it('§9 a MASTER only advertises its new priority at the next scheduled advert', () => {
    let r = withScript([script(-60)]);
    r = result(r, true, 0);
    r = fire(r, 'VI_1', 3_609_375);
    r = result(r, false, 3_700_000);
    expect(advertsSent(r.effects)).toEqual([]);
    r = fire(r, 'VI_1', 4_609_375);
    expect(advertsSent(r.effects)).toEqual([40]);
  });
});

describe('§11.3 track script scheduling and rise/fall', () => {
  it('§11.3 the core runs a script at start and every interval after the previous start', () => {
    let r = withScript([script(0)], { interval: 2_000_000, timeout: 1_500_000 });
    expect(ofType(r.effects, 'runScript')).toEqual([{ type: 'runScript', script: 'chk', timeout: 1_500_000 }]);
    expect(ofType(r.effects, 'setTimer').find((e) => e.key.kind === 'script')?.at).toBe(2_000_000);
    r = feed(r, { type: 'timer', key: { kind: 'script', script: 'chk' } }, 2_000_000);
    expect(ofType(r.effects, 'runScript')).toHaveLength(1);
    expect(ofType(r.effects, 'setTimer')[0]?.at).toBe(4_000_000);
  });

  it('§11.3 unused scripts are not run', () => {
    const r = started(config([defaultInstanceConfig()], [defaultScriptConfig({ name: 'unused' })]));
    expect(ofType(r.effects, 'runScript')).toEqual([]);
  });

  it('§11.3 rise 2 / fall 3: first result decides, then consecutive counts', () => {
    const cfg = defaultScriptConfig({ rise: 2, fall: 3 });
    const seq = (oks: boolean[]): string[] => {
      let s = initialScriptState(cfg);
      return oks.map((ok) => (s = applyScriptResult(cfg, s, ok)).status);
    };
    expect(seq([false])).toEqual(['failed']);
    expect(seq([true])).toEqual(['ok']);
    expect(seq([true, false, false, false])).toEqual(['ok', 'ok', 'ok', 'failed']);
    expect(seq([false, true, true])).toEqual(['failed', 'failed', 'ok']);
    expect(seq([true, false, false, true, false, false, false])).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'failed']);
  });

  it('§11.3 init_fail starts failed and needs rise successes', () => {
    const cfg = defaultScriptConfig({ rise: 2, initFail: true });
    let s = initialScriptState(cfg);
    expect(s.status).toBe('failed');
    s = applyScriptResult(cfg, s, true);
    expect(s.status).toBe('failed');
    s = applyScriptResult(cfg, s, true);
    expect(s.status).toBe('ok');
  });
});

describe('§12 FAULT', () => {
  it('§12 FAULT from MASTER: two priority-0 adverts, VIPs dropped, FAULT notify, timer off', () => {
    let r = withScript([script(0)]);
    r = result(r, true, 0);
    r = fire(r, 'VI_1', 3_609_375);
    r = result(r, false, 5_000_000);
    expect(advertsSent(r.effects)).toEqual([0, 0]);
    expect(ofType(r.effects, 'removeVip')).toHaveLength(1);
    expect(notifies(r.effects)).toEqual(['INSTANCE VI_1 FAULT 100']);
    expect(instanceTimer(r.effects)).toBeNull();
    expect(instanceStatus(r.router, 'VI_1').vipsHeld).toEqual([]);
  });

  it('§12 FAULT ignores adverts and sends nothing', () => {
    const r = started(config([defaultInstanceConfig()]), 0, { eth0: false });
    const x = feed(r, { type: 'advert', packet: { advert: { version: 2, vrid: 51, priority: 0, advertInt: 1_000_000, vips: ['192.0.2.100'], auth: { type: 'none' } }, src: '192.0.2.2', dst: '224.0.0.18', ttl: 255, iface: 'eth0' } }, 10);
    expect(x.effects).toEqual([]);
  });

  it('§12 recovery returns as BACKUP with the full timer, even an address owner', () => {
    let r = started(config([defaultInstanceConfig({ priority: 255, initialState: 'MASTER' })]), 0, { eth0: true });
    r = fire(r, 'VI_1', 1);
    r = feed(r, { type: 'interface', iface: 'eth0', up: false }, 1_000);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('FAULT');
    r = feed(r, { type: 'interface', iface: 'eth0', up: true }, 2_000);
    expect(instanceStatus(r.router, 'VI_1').state).toBe('BACKUP');
    expect(notifies(r.effects)).toEqual(['INSTANCE VI_1 BACKUP 255']);
    expect(instanceTimer(r.effects)).toBe(2_000 + 3_003_906);
  });

  it('§12 unicast recovery sends one gratuitous ARP for the own source address', () => {
    let r = started(config([defaultInstanceConfig({ unicastPeers: ['192.0.2.2'] })]), 0, { eth0: false });
    r = feed(r, { type: 'interface', iface: 'eth0', up: true }, 10);
    expect(ofType(r.effects, 'garp')).toEqual([{ type: 'garp', instance: 'VI_1', iface: 'eth0', addrs: ['192.0.2.1'], count: 1 }]);
  });

  it('§12 BACKUP to FAULT notifies FAULT and stops the down timer', () => {
    const r = feed(started({}), { type: 'interface', iface: 'eth0', up: false }, 10);
    expect(notifies(r.effects)).toEqual(['INSTANCE VI_1 FAULT 100']);
    expect(instanceTimer(r.effects)).toBeNull();
  });
});
