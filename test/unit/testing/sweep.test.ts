import { describe, expect, it } from 'vitest';
import { at, indexOf, replayOf, visitFrom } from '../../../src/testing/sweep.js';
import type { TraceEvent } from '../../../sim/trace.js';

const state = (t: number, node: string, to: 'BACKUP' | 'MASTER', priority = 100): TraceEvent =>
  ({ t, type: 'state', node, instance: 'VI_1', from: 'INIT', to, priority, reason: 'test' }) as TraceEvent;
const vip = (t: number, node: string, instance: string, action: 'add' | 'remove'): TraceEvent =>
  ({ t, type: 'vip', node, instance, vip: '192.0.2.100', action }) as TraceEvent;
const garp = (t: number): TraceEvent => ({ t, type: 'garp', node: 'a', vip: '192.0.2.100' }) as unknown as TraceEvent;
const fault = (t: number, kind: 'freeze' | 'thaw', node: string): TraceEvent => ({ t, type: 'fault', fault: { kind, node } }) as TraceEvent;

describe('the replay of a trace', () => {
  const trace = [state(1, 'a', 'BACKUP'), state(1, 'b', 'BACKUP'), state(5, 'a', 'MASTER'), vip(5, 'a', 'VI_1', 'add'), garp(6), fault(8, 'freeze', 'b'), garp(9), fault(10, 'thaw', 'a')];

  it('keeps the settled instants of state, priority, VIP and fault events, sharing rows that did not change', () => {
    const r = replayOf(trace);
    expect(r.times).toEqual([1, 5, 8, 10]);
    const a = indexOf(r, 'a', 'VI_1');
    expect(r.rows.map((row) => at(row, a)?.state)).toEqual(['BACKUP', 'MASTER', 'MASTER', 'MASTER']);
    expect(r.rows[2]).toBe(r.rows[1]);
    expect(r.rows[3]).toBe(r.rows[1]);
    expect([...r.frozen[2]!]).toEqual(['b']);
    expect([...r.frozen[1]!]).toEqual([]);
    expect(r.frozen[3]).toBe(r.frozen[2]);
    expect(indexOf(r, 'c', 'VI_1')).toBe(-1);
    expect(r.heldByNonMaster).toBeNull();
    expect(replayOf(trace)).toBe(r);
  });

  it('visits `from` itself when nothing happens then, and only instants that differ afterwards', () => {
    const seen: number[] = [];
    visitFrom(replayOf(trace), 3, (t) => { seen.push(t); });
    expect(seen).toEqual([3, 5, 8]);
    const early: number[] = [];
    visitFrom(replayOf(trace), 0, (t, row) => { early.push(t, row.length); });
    expect(early).toEqual([0, 0, 1, 2, 5, 2, 8, 2]);
  });

  it('finds the first VIP held outside MASTER, by an instance that never reported a state too', () => {
    expect(replayOf([...trace, vip(10, 'b', 'VI_1', 'add')]).heldByNonMaster).toEqual({ vip: '192.0.2.100', node: 'b', instance: 'VI_1', state: 'BACKUP', t: 10 });
    expect(replayOf([state(1, 'a', 'MASTER'), vip(2, 'c', 'VI_9', 'add')]).heldByNonMaster).toEqual({ vip: '192.0.2.100', node: 'c', instance: 'VI_9', state: undefined, t: 2 });
  });

  it('is rebuilt when the trace grew after it was replayed', () => {
    const growing = [state(1, 'a', 'MASTER')];
    expect(replayOf(growing).times).toEqual([1]);
    growing.push(state(4, 'a', 'BACKUP'));
    expect(replayOf(growing).times).toEqual([1, 4]);
  });
});
