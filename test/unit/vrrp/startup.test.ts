import { describe, expect, it } from 'vitest';
import { instanceStatus } from '../../../src/vrrp/router.js';
import { defaultInstanceConfig, defaultScriptConfig } from '../../../src/vrrp/defaults.js';
import { advertsSent, config, feed, fire, instanceTimer, notifies, ofType, started } from './harness.js';

describe('§4 startup (vrrp_init_state)', () => {
  it('§4 an address owner with state MASTER becomes MASTER on the first tick, 1 µs after start, without a BACKUP notify', () => {
    const s = started({ priority: 255, initialState: 'MASTER' }, 1_000);
    expect(instanceTimer(s.effects)).toBe(1_001);
    expect(notifies(s.effects)).toEqual([]);
    const m = fire(s, 'VI_1', 1_001);
    expect(instanceStatus(m.router, 'VI_1').state).toBe('MASTER');
    expect(advertsSent(m.effects)).toEqual([255]);
    expect(notifies(m.effects)).toEqual(['INSTANCE VI_1 MASTER 255']);
  });

  it('§3 state MASTER below 255 starts like BACKUP with the full Master_Down_Interval', () => {
    const s = started({ priority: 200, initialState: 'MASTER' });
    expect(instanceStatus(s.router, 'VI_1').state).toBe('BACKUP');
    expect(instanceTimer(s.effects)).toBe(3_218_750);
  });

  it('§4 a non-owner enters BACKUP (init), notifies BACKUP, and times out after N·adv + skew', () => {
    const s = started({}, 5);
    expect(instanceStatus(s.router, 'VI_1').state).toBe('BACKUP');
    expect(notifies(s.effects)).toEqual(['INSTANCE VI_1 BACKUP 100']);
    expect(instanceTimer(s.effects)).toBe(5 + 3_609_375);
    expect(ofType(s.effects, 'transition')[0]?.reason).toBe('init');
  });

  it('§4 an early or stale timer firing changes nothing', () => {
    const s = started({});
    const early = fire(s, 'VI_1', 3_609_374);
    expect(early.effects).toEqual([]);
    expect(early.router).toBe(s.router);
  });

  it('§4 a tracked (own) interface down at start means FAULT with a FAULT notify and no timer', () => {
    const s = started(config([defaultInstanceConfig()]), 0, { eth0: false });
    expect(instanceStatus(s.router, 'VI_1').state).toBe('FAULT');
    expect(notifies(s.effects)).toEqual(['INSTANCE VI_1 FAULT 100']);
    expect(instanceTimer(s.effects)).toBeUndefined();
  });

  it('§11.4 dont_track_primary: own interface down does not fault the instance', () => {
    const s = started(config([defaultInstanceConfig({ dontTrackPrimary: true })]), 0, { eth0: false });
    expect(instanceStatus(s.router, 'VI_1').state).toBe('BACKUP');
  });

  it('§4 waiting for an unweighted script\'s first result is a silent FAULT; the first success brings BACKUP with a notify', () => {
    const cfg = config(
      [defaultInstanceConfig({ track: [{ kind: 'script', name: 'chk', weight: 0, reverse: false }] })],
      [defaultScriptConfig({ name: 'chk' })],
    );
    const s = started(cfg, 0);
    expect(instanceStatus(s.router, 'VI_1').state).toBe('FAULT');
    expect(notifies(s.effects)).toEqual([]);
    expect(ofType(s.effects, 'runScript').map((e) => e.script)).toEqual(['chk']);
    const up = feed(s, { type: 'scriptResult', script: 'chk', ok: true }, 20_000);
    expect(instanceStatus(up.router, 'VI_1').state).toBe('BACKUP');
    expect(notifies(up.effects)).toEqual(['INSTANCE VI_1 BACKUP 100']);
    expect(instanceTimer(up.effects)).toBe(20_000 + 3_609_375);
  });

  it('§4 a first failing result of an unweighted script turns the silent FAULT into a notified one', () => {
    const cfg = config(
      [defaultInstanceConfig({ track: [{ kind: 'script', name: 'chk', weight: 0, reverse: false }] })],
      [defaultScriptConfig({ name: 'chk' })],
    );
    const f = feed(started(cfg), { type: 'scriptResult', script: 'chk', ok: false }, 10);
    expect(instanceStatus(f.router, 'VI_1').state).toBe('FAULT');
    expect(notifies(f.effects)).toEqual(['INSTANCE VI_1 FAULT 100']);
  });

  it('§12 an owner with state MASTER leaving the script wait goes straight to MASTER', () => {
    const cfg = config(
      [defaultInstanceConfig({ priority: 255, initialState: 'MASTER', track: [{ kind: 'script', name: 'chk', weight: 0, reverse: false }] })],
      [defaultScriptConfig({ name: 'chk' })],
    );
    const up = feed(started(cfg), { type: 'scriptResult', script: 'chk', ok: true }, 10);
    expect(instanceStatus(up.router, 'VI_1').state).toBe('MASTER');
    expect(advertsSent(up.effects)).toEqual([255]);
  });

  it('§4 start is accepted once', () => {
    const s = started({});
    const again = feed(s, { type: 'start', ifaceUp: new Map() }, 9);
    expect(again.effects).toEqual([]);
    expect(again.router).toBe(s.router);
  });
});
