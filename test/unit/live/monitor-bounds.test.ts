// Issue 14 item 12: the monitor's state stays bounded under spoofed adverts from ever-new
// sources, so the work per packet does not grow with how long it has run.
import { describe, expect, it } from 'vitest';
import type { Ipv4 } from '../../../src/vrrp/types.js';
import { MAX_REPORTED, MAX_SOURCES_PER_VRID, REPORT_AGAIN_AFTER, initialMonitorState, monitorStep, vridKey, type MonitorInput } from '../../../src/live/monitor-state.js';

const pkt = (src: Ipv4, vrid: number, ttl: number, vip: string): MonitorInput => ({
  type: 'packet', obs: { kind: 'advert', src, dst: '224.0.0.18', ttl, advert: { version: 2, vrid, priority: 100, advertInt: 1_000_000, vips: [vip], auth: { type: 'none' } } },
});

describe('monitor state bounds', () => {
  it('15,000 spoofed sources keep at most the capped sources and reported keys', () => {
    let state = initialMonitorState();
    for (let i = 0; i < 15_000; i++) {
      // Documentation ranges only; varying TTLs make every (source, TTL) a new once-only finding.
      const src = `${i % 2 === 0 ? '192.0.2' : '198.51.100'}.${(i >> 1) & 255}`;
      state = monitorStep(state, pkt(src, 51, 1 + ((i >> 9) % 254), `192.0.2.${i % 200}`), i * 1000).state;
      expect(state.reported.size).toBeLessThanOrEqual(MAX_REPORTED);
      expect(state.vrids.get(vridKey(4, 51))?.sources.size ?? 0).toBeLessThanOrEqual(MAX_SOURCES_PER_VRID);
    }
    expect(state.reported.size).toBe(MAX_REPORTED);
    expect(state.vrids.get(vridKey(4, 51))?.sources.size).toBe(MAX_SOURCES_PER_VRID);
  });

  it('keeps the most recently heard sources, the master among them', () => {
    let state = initialMonitorState();
    for (let i = 0; i < 100; i++) state = monitorStep(state, pkt(`198.51.100.${i}`, 7, 255, '192.0.2.1'), i * 1000).state;
    const v = state.vrids.get(vridKey(4, 7));
    expect(v?.master).toBe('198.51.100.99');
    expect([...(v?.sources.keys() ?? [])]).toContain('198.51.100.99');
    expect(v?.sources.has('198.51.100.0')).toBe(false);
  });

  it('a once-only finding is not repeated soon, but is again after REPORT_AGAIN_AFTER', () => {
    let state = initialMonitorState();
    const ttlFindings = (t: number): number => {
      const r = monitorStep(state, pkt('192.0.2.5', 9, 64, '192.0.2.1'), t);
      state = r.state;
      return r.findings.filter((f) => f.type === 'bad-ttl').length;
    };
    expect(ttlFindings(0)).toBe(1);
    expect(ttlFindings(1_000_000)).toBe(0);
    expect(ttlFindings(REPORT_AGAIN_AFTER + 1)).toBe(1);
  });
});
