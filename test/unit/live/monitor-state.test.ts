// The monitor's findings from synthetic packets on a made-up clock: one test per rule, each
// with the neighbouring case that must NOT be flagged.
import { describe, expect, it } from 'vitest';
import type { Advert, Ipv4 } from '../../../src/vrrp/types.js';
import { encodeIpv4Packet } from '../../../src/vrrp/codec.js';
import { initialMonitorState, monitorStep, vridKey, type Finding, type MonitorInput, type MonitorState } from '../../../src/live/monitor-state.js';
import { observePacket } from '../../../src/live/observe.js';

const S = 1_000_000;
const A = '192.0.2.21';
const B = '192.0.2.22';

function advert(over: Partial<Advert> = {}): Advert {
  return { version: 2, vrid: 51, priority: 100, advertInt: S, vips: ['192.0.2.101'], auth: { type: 'none' }, ...over };
}

function pkt(src: Ipv4, over: Partial<Advert> = {}, ttl = 255): MonitorInput {
  return { type: 'packet', obs: { kind: 'advert', src, dst: '224.0.0.18', ttl, advert: advert(over) } };
}

/** Feeds [time µs, input] pairs in order; returns every finding and the final state. */
function run(events: ReadonlyArray<readonly [number, MonitorInput]>): { findings: Finding[]; state: MonitorState } {
  let state = initialMonitorState();
  const findings: Finding[] = [];
  for (const [t, input] of events) {
    const r = monitorStep(state, input, t);
    state = r.state;
    findings.push(...r.findings);
  }
  return { findings, state };
}

const types = (fs: readonly Finding[]): string[] => fs.map((f) => f.type);
const tick: MonitorInput = { type: 'tick' };

describe('monitor-state', () => {
  it('a steady master yields one master event and a table row', () => {
    const { findings, state } = run([0, 1, 2, 3].map((k) => [k * S, pkt(A, { priority: 150 })] as const));
    expect(findings).toEqual([{ type: 'master', at: 0, vrid: 51, family: 4, from: null, to: A, priority: 150 }]);
    const v = state.vrids.get(vridKey(4, 51));
    expect(v?.master).toBe(A);
    expect(v?.adverts).toBe(4);
    expect(v?.splitBrain).toBe(false);
  });

  it('a preempting backup is a master change, not split brain', () => {
    const { findings } = run([
      [0, pkt(A)], [1 * S, pkt(A)], [1.5 * S, pkt(B, { priority: 200 })], [2.5 * S, pkt(B, { priority: 200 })], [3.5 * S, pkt(B, { priority: 200 })],
    ]);
    expect(types(findings)).toEqual(['master', 'master']);
    expect(findings[1]).toMatchObject({ from: A, to: B, priority: 200 });
  });

  it('two sources interleaving within an interval are split brain, reported once, then over', () => {
    const { findings, state } = run([
      [0, pkt(A)], [0.3 * S, pkt(B, { priority: 50 })], [1 * S, pkt(A)], [1.3 * S, pkt(B, { priority: 50 })], [2 * S, pkt(A)],
      [3 * S, pkt(A)], [4 * S, pkt(A)],
    ]);
    const sb = findings.filter((f) => f.type === 'split-brain');
    expect(sb).toEqual([{ type: 'split-brain', at: 1 * S, vrid: 51, family: 4, sources: [{ src: A, priority: 100 }, { src: B, priority: 50 }] }]);
    const over = findings.find((f) => f.type === 'split-brain-over');
    expect(over).toMatchObject({ at: 4 * S, master: A });
    expect(state.vrids.get(vridKey(4, 51))?.splitBrain).toBe(false);
  });

  it('split brain ends on a tick when one side has gone quiet', () => {
    const { findings } = run([[0, pkt(A)], [0.5 * S, pkt(B)], [1 * S, pkt(A)], [1.5 * S, pkt(B)], [5 * S, tick]]);
    expect(types(findings)).toContain('split-brain');
    expect(types(findings)).toContain('split-brain-over');
  });

  it('priority-0 adverts are resignations and clear the master', () => {
    const { findings, state } = run([[0, pkt(A)], [0.4 * S, pkt(A, { priority: 0 })]]);
    expect(findings[1]).toEqual({ type: 'resignation', at: 0.4 * S, vrid: 51, family: 4, src: A });
    expect(state.vrids.get(vridKey(4, 51))?.master).toBeNull();
    expect(state.vrids.get(vridKey(4, 51))?.resignations).toBe(1);
  });

  it('a resigning master followed by a new one is not split brain', () => {
    const { findings } = run([[0, pkt(A)], [0.4 * S, pkt(A, { priority: 0 })], [1.0 * S, pkt(B)], [2.0 * S, pkt(B)]]);
    expect(types(findings)).toEqual(['master', 'resignation', 'master']);
  });

  it('one VRID with different VIP sets is a collision, reported once; the same set in another order is not', () => {
    const { findings } = run([
      [0, pkt(A, { vips: ['192.0.2.101', '192.0.2.102'] })], [0.1 * S, pkt(B, { vips: ['192.0.2.102', '192.0.2.101'] })],
    ]);
    expect(types(findings).filter((t) => t === 'vrid-collision')).toEqual([]);
    const c = run([[0, pkt(A)], [0.1 * S, pkt(B, { vips: ['192.0.2.109'] })], [1 * S, pkt(A)], [1.1 * S, pkt(B, { vips: ['192.0.2.109'] })]]);
    const coll = c.findings.filter((f) => f.type === 'vrid-collision');
    expect(coll).toHaveLength(1);
    expect(coll[0]).toMatchObject({ what: 'vips', a: { src: A, vips: ['192.0.2.101'] }, b: { src: B, vips: ['192.0.2.109'] } });
  });

  it('one VRID spoken as v2 and v3 is a collision', () => {
    const { findings } = run([[0, pkt(A)], [0.1 * S, pkt(B, { version: 3 })]]);
    expect(findings.find((f) => f.type === 'vrid-collision')).toMatchObject({ what: 'version' });
  });

  it('v2 interval mismatch is flagged; v3 interval differences are not (backups learn them)', () => {
    const v2 = run([[0, pkt(A)], [0.1 * S, pkt(B, { advertInt: 2 * S })]]);
    expect(v2.findings.find((f) => f.type === 'interval-mismatch')).toMatchObject({ a: { advertInt: S }, b: { advertInt: 2 * S } });
    const v3 = run([[0, pkt(A, { version: 3 })], [0.1 * S, pkt(B, { version: 3, advertInt: 0.5 * S })]]);
    expect(types(v3.findings)).not.toContain('interval-mismatch');
  });

  it('TTL other than 255 is flagged once per source, VRID and TTL', () => {
    const { findings } = run([[0, pkt(A, {}, 64)], [1 * S, pkt(A, {}, 64)], [2 * S, pkt(A, {}, 1)]]);
    expect(findings.filter((f) => f.type === 'bad-ttl').map((f) => (f.type === 'bad-ttl' ? f.ttl : 0))).toEqual([64, 1]);
  });

  it('a bad checksum on the wire is reported with the VRID from the raw header', () => {
    const bytes = encodeIpv4Packet(advert(), { src: A, dst: '224.0.0.18' });
    bytes[27] = (bytes[27] ?? 0) ^ 0xff; // VRRP checksum low byte (IP header 20 + 7)
    const obs = observePacket(bytes);
    expect(obs.kind).toBe('invalid');
    const { findings } = run([[0, pkt(A)], [0.5 * S, { type: 'packet', obs }]]);
    expect(findings[1]).toMatchObject({ type: 'bad-checksum', vrid: 51, src: A });
  });

  it('observePacket keeps low-TTL adverts for the monitor to judge', () => {
    const obs = observePacket(encodeIpv4Packet(advert(), { src: A, dst: '224.0.0.18', ttl: 1 }));
    expect(obs).toMatchObject({ kind: 'advert', ttl: 1, src: A, advert: { vrid: 51 } });
  });

  it('a VRID is silent after 3 intervals without adverts, and resumes', () => {
    const { findings } = run([[0, pkt(A)], [3 * S, tick], [3 * S + 1, tick], [4 * S, tick], [5 * S, pkt(B)]]);
    expect(types(findings)).toEqual(['master', 'silent', 'resumed', 'master']);
    expect(findings[1]).toMatchObject({ at: 3 * S + 1, lastSeen: 0, master: A });
  });
});
