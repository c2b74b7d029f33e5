// The real-time driver on a virtual clock: it must turn the core's timers into firings at the
// right µs (even when the platform fires early), put keepalived's exact bytes on the wire, and
// send the priority-0 advert before stop() resolves.
import { describe, expect, it } from 'vitest';
import type { InstanceConfig, Ipv4, Micros, RouterConfig, ScriptConfig } from '../../../src/vrrp/types.js';
import { defaultInstanceConfig, defaultScriptConfig, masterDownInterval } from '../../../src/vrrp/core.js';
import { decodeIpv4Packet, encodeIpv4Packet } from '../../../src/vrrp/codec.js';
import { createDriver, type DriverIo, type TimerHandle } from '../../../src/live/driver.js';

const S = 1_000_000;

interface Sent { at: Micros; dst: Ipv4; bytes: Uint8Array }

/** A deterministic clock and timer queue; `early` makes every timer fire that many µs too soon. */
function fakeIo(early = 0, scriptOk = true) {
  let now = 0;
  let seq = 0;
  const queue: { at: Micros; seq: number; fn: () => void; live: boolean }[] = [];
  const sent: Sent[] = [];
  const vips: string[] = [];
  const log: string[] = [];
  const scriptRuns: string[] = [];
  const nas: string[] = [];
  const io: DriverIo = {
    now: () => now,
    schedule: (delay, fn): TimerHandle => {
      // Early by up to `early`, but never by more than half the delay: real time still moves on.
      const t = { at: now + Math.max(0, delay - Math.min(early, Math.floor(delay / 2))), seq: seq++, fn, live: true };
      queue.push(t);
      return { cancel: () => { t.live = false; } };
    },
    send: (bytes, dst) => { sent.push({ at: now, dst, bytes }); return Promise.resolve(); },
    vip: (action, vip) => { vips.push(`${action} ${vip}`); return Promise.resolve(); },
    runScript: (s: ScriptConfig) => { scriptRuns.push(s.name); return Promise.resolve(scriptOk); },
    log: (l) => log.push(l),
    neighbourAdvert: (target, iface) => { nas.push(`${target} ${iface}`); return Promise.resolve(); },
  };
  const advance = (until: Micros): void => {
    for (;;) {
      queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = queue.find((t) => t.live);
      if (next === undefined || next.at > until) break;
      next.live = false;
      now = next.at;
      next.fn();
    }
    now = until;
  };
  return { io, sent, vips, log, scriptRuns, nas, advance, setNow: (t: Micros) => { now = t; } };
}

function config(over: Partial<InstanceConfig> = {}, scripts: ScriptConfig[] = []): RouterConfig {
  const inst = { ...defaultInstanceConfig({ name: 'VI_1', vrid: 51, iface: 'eth0', priority: 200, srcAddr: '192.0.2.22', vips: ['192.0.2.101'] }), ...over };
  return { instances: [inst], scripts, syncGroups: [] };
}

const decoded = (s: Sent) => {
  const d = decodeIpv4Packet(s.bytes);
  if (!d.ok) throw new Error(d.detail);
  return d.value;
};

describe('live driver', () => {
  it('becomes MASTER at Master_Down_Interval and advertises every interval with IP IDs 1, 2, 3', async () => {
    const f = fakeIo();
    const d = createDriver(config(), f.io, { manageVips: false });
    d.start(new Map([['eth0', true]]));
    const down = masterDownInterval(2, 200, S);
    f.advance(down - 1);
    expect(d.status('VI_1').state).toBe('BACKUP');
    expect(f.sent).toEqual([]);
    f.advance(down + 2 * S);
    expect(d.status('VI_1').state).toBe('MASTER');
    expect(f.sent.map((s) => s.at)).toEqual([down, down + S, down + 2 * S]);
    expect(f.sent.map((s) => decoded(s).ip.id)).toEqual([1, 2, 3]);
    const first = decoded(f.sent[0] as Sent);
    expect(first.ip).toMatchObject({ src: '192.0.2.22', dst: '224.0.0.18', ttl: 255, tos: 0xc0 });
    expect(first.advert).toMatchObject({ vrid: 51, priority: 200, vips: ['192.0.2.101'] });
    expect(f.log.some((l) => l.includes('would add VIP 192.0.2.101/32'))).toBe(true);
    expect(f.log.some((l) => l.includes('raw-socket cannot send ARP'))).toBe(true);
    expect(f.vips).toEqual([]);
    await d.idle();
  });

  it('re-arms a timer the platform fires early instead of losing it', () => {
    const f = fakeIo(1_500);
    const d = createDriver(config(), f.io, { manageVips: false });
    d.start(new Map([['eth0', true]]));
    const down = masterDownInterval(2, 200, S);
    f.advance(down + 10);
    expect(d.status('VI_1').state).toBe('MASTER');
    expect(f.sent[0]?.at).toBe(down);
  });

  it('stays BACKUP while a higher priority master advertises', () => {
    const f = fakeIo();
    const d = createDriver(config(), f.io, { manageVips: false });
    d.start(new Map([['eth0', true]]));
    for (let k = 0; k < 10; k++) {
      f.advance(k * S);
      d.packet(encodeIpv4Packet({ version: 2, vrid: 51, priority: 250, advertInt: S, vips: ['192.0.2.101'], auth: { type: 'none' } }, { src: '192.0.2.21', dst: '224.0.0.18' }), 'eth0');
    }
    f.advance(10 * S);
    expect(d.status('VI_1').state).toBe('BACKUP');
    expect(f.sent).toEqual([]);
  });

  it('stop() as MASTER sends the priority-0 advert and removes VIPs (with --manage-vips) before resolving', async () => {
    const f = fakeIo();
    const d = createDriver(config(), f.io, { manageVips: true });
    d.start(new Map([['eth0', true]]));
    f.advance(5 * S);
    expect(f.vips).toEqual(['add 192.0.2.101']);
    const before = f.sent.length;
    await d.stop();
    const last = f.sent.slice(before);
    expect(last.map((s) => decoded(s).advert.priority)).toEqual([0]);
    expect(f.vips).toEqual(['add 192.0.2.101', 'del 192.0.2.101']);
    // Nothing fires after stop.
    f.advance(20 * S);
    expect(f.sent.length).toBe(before + 1);
  });

  it('runs track scripts through the host and feeds their results back', async () => {
    const script = { ...defaultScriptConfig({ name: 'chk', script: '/bin/false', interval: 2 * S }), weight: 0, fall: 1 };
    const f = fakeIo(0, false);
    const d = createDriver(config({ track: [{ kind: 'script', name: 'chk', weight: 0, reverse: false }] }, [script]), f.io, { manageVips: false });
    d.start(new Map([['eth0', true]]));
    await d.idle();
    f.advance(5 * S);
    await d.idle();
    expect(f.scriptRuns.length).toBeGreaterThanOrEqual(3);
    expect(d.status('VI_1').state).toBe('FAULT');
  });

  it('sends unsolicited NAs for IPv6 VIPs it holds: garp_master_repeat rounds of every address, only with --manage-vips', async () => {
    const base = config().instances[0]!;
    const v6 = config({ family: 6, version: 3, srcAddr: 'fe80::22', mcastGroup: 'ff02::12', vips: ['2001:db8::101', '2001:db8::102'], garp: { ...base.garp, masterRepeat: 2 } });
    const down = masterDownInterval(3, 200, S);
    const managed = fakeIo();
    const d = createDriver(v6, managed.io, { manageVips: true });
    d.start(new Map([['eth0', true]]));
    managed.advance(down);
    await d.idle();
    expect(managed.nas).toEqual(['2001:db8::101 eth0', '2001:db8::102 eth0', '2001:db8::101 eth0', '2001:db8::102 eth0']);
    const unmanaged = fakeIo();
    const u = createDriver(v6, unmanaged.io, { manageVips: false });
    u.start(new Map([['eth0', true]]));
    unmanaged.advance(down);
    expect(unmanaged.nas).toEqual([]);
    expect(unmanaged.log.some((l) => l.includes('not sent: the VIPs are not on this host (no --manage-vips)'))).toBe(true);
  });
});
