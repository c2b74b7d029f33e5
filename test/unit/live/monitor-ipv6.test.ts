// The monitor over IPv6: VRRPv3 adverts in IPv6 packets are read from the capture like IPv4
// ones, and a VRID is per address family (RFC 5798 §5.2.3), so a dual-stack pair on one VRID
// is two virtual routers, neither a collision nor a split brain.
import { describe, expect, it } from 'vitest';
import type { Advert } from '../../../src/vrrp/types.js';
import { encodeIpv4Packet } from '../../../src/vrrp/codec.js';
import { encodeIpv6Packet } from '../../../src/vrrp/codec-ipv6.js';
import { initialMonitorState, monitorStep, vridKey, type Finding, type MonitorState } from '../../../src/live/monitor-state.js';
import { findingText, tableText } from '../../../src/live/monitor-report.js';
import { observePacket } from '../../../src/live/observe.js';

const S = 1_000_000;
const A6 = 'fe80::21';
const B6 = 'fe80::22';
const A4 = '192.0.2.21';
const v3 = (over: Partial<Advert> = {}): Advert => ({ version: 3, vrid: 51, priority: 100, advertInt: S, vips: ['2001:db8::101'], auth: { type: 'none' }, ...over });
const six = (src: string, over: Partial<Advert> = {}, hopLimit = 255): Uint8Array => encodeIpv6Packet(v3(over), { src, dst: 'ff02::12', hopLimit });
const four = (src: string): Uint8Array => encodeIpv4Packet(v3({ vips: ['192.0.2.101'] }), { src, dst: '224.0.0.18' });

function run(events: ReadonlyArray<readonly [number, Uint8Array]>): { findings: Finding[]; state: MonitorState } {
  let state = initialMonitorState();
  const findings: Finding[] = [];
  for (const [t, bytes] of events) {
    const r = monitorStep(state, { type: 'packet', obs: observePacket(bytes) }, t);
    state = r.state;
    findings.push(...r.findings);
  }
  return { findings, state };
}

describe('monitor over IPv6', () => {
  it('reads an IPv6 advert with its link-local source, ff02::12 and hop limit', () => {
    expect(observePacket(six(A6, {}, 1))).toMatchObject({ kind: 'advert', src: A6, dst: 'ff02::12', ttl: 1, advert: { version: 3, vrid: 51, vips: ['2001:db8::101'] } });
  });

  it('reports a corrupted IPv6 checksum with the VRID from the raw header', () => {
    const bytes = six(A6);
    bytes[40 + 7] = (bytes[40 + 7] ?? 0) ^ 0xff; // VRRP checksum low byte after the 40-byte header
    const { findings } = run([[0, six(A6)], [0.5 * S, bytes]]);
    expect(findings[1]).toMatchObject({ type: 'bad-checksum', family: 6, vrid: 51, src: A6 });
  });

  it('flags hop limit 1 to ff02::12 as dropped by multicast receivers', () => {
    const { findings } = run([[0, six(A6, {}, 1)]]);
    expect(findings[0]).toMatchObject({ type: 'bad-ttl', family: 6, ttl: 1 });
    expect(findingText(findings[0] as Finding, 0)).toContain('VRID 51 (IPv6): TTL 1 from fe80::21, expected 255 (multicast receivers drop it)');
  });

  it('keeps an IPv4 and an IPv6 router on one VRID apart: no collision, no split brain', () => {
    const events: Array<[number, Uint8Array]> = [];
    for (let k = 0; k < 4; k++) events.push([k * S, four(A4)], [k * S + 0.5 * S, six(A6)]);
    const { findings, state } = run(events);
    expect(findings.map((f) => `${f.type}/${f.family}`)).toEqual(['master/4', 'master/6']);
    expect(state.vrids.get(vridKey(4, 51))?.master).toBe(A4);
    expect(state.vrids.get(vridKey(6, 51))?.master).toBe(A6);
    expect(tableText(state, 0).split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['VRID', '51', '51/IPv6', '']);
  });

  it('sees two IPv6 masters of one VRID interleave as a split brain', () => {
    const { findings } = run([[0, six(A6)], [0.5 * S, six(B6)], [S, six(A6)]]);
    expect(findings.map((f) => f.type)).toEqual(['master', 'master', 'split-brain']);
    expect(findings[2]).toMatchObject({ family: 6, sources: [{ src: A6 }, { src: B6 }] });
  });
});
