// Real keepalived 2.2.7, two nodes in network namespaces: election, a silent master crash, the
// master's return (preemption) and a graceful stop. Every instant is checked against the
// reference's formulas (keepalived-state-machine.md §2, vrrp-timing-and-formal-notes.md B1/B2),
// measured from keepalived's own start report so that spawn latency does not count.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/trace.js';
import type { VrrpState } from '../../src/vrrp/types.js';
import { runReal, type RealRunResult } from '../../src/conformance/run.js';
import { compareTraces, tolerancesFor } from '../../src/conformance/compare.js';
import { formatComparisonText } from '../../src/conformance/compare-text.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';
import { find, show, transitions, expectGracefulHandover, TIMER_TOL } from '../support/real-trace.js';
import { listNamespaces } from '../../src/netns/index.js';
import { twoNodeSpec, VIP } from '../unit/conformance/twoNodeSpec.js';

const missing = await missingPrerequisites(['root', 'ip', 'keepalived', 'nft', 'tc']);
const why = missing.map(describePrerequisite).join(', ');
const skip = missing.length > 0 && process.env['CI'] !== 'true';
if (skip) console.warn(`SKIPPING real keepalived conformance tests: missing ${why}`);

const A = 'a.example.com';
const B = 'b.example.com';
const ADV = 1_000_000;
const N = 3;
const skew = (p: number): number => Math.floor(((256 - p) * 1_000_000) / 256);
const masterDown = (p: number): number => N * ADV + skew(p);
const TOL = TIMER_TOL;

const CRASH = 5_000_000;
const START = 9_000_000;
const STOP = 13_500_000;
const UNTIL = 15_000_000;

const spec = twoNodeSpec([
  { at: CRASH, fault: { kind: 'crash', node: A } },
  { at: START, fault: { kind: 'start', node: A } },
  { at: STOP, fault: { kind: 'stop', node: A } },
], UNTIL);


describe.skipIf(skip)('real keepalived: election, crash, preemption, stop', () => {
  let r: RealRunResult;
  beforeAll(async () => {
    if (missing.length > 0) return;
    r = await runReal(spec);
  }, 60_000);

  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing, `missing ${why}`).toEqual([]);
  });

  it('elects the priority-200 node after 3·adv + skew(200) and keeps the other BACKUP', () => {
    const a = transitions(r, A);
    const b = transitions(r, B);
    const aInit = find(a, 'BACKUP', -Infinity);
    expect(aInit.from).toBe('INIT');
    expect(Math.abs(aInit.t)).toBeLessThan(500_000);
    const aMaster = find(a, 'MASTER', 0);
    expect(Math.abs(aMaster.t - aInit.t - masterDown(200)), show(r)).toBeLessThanOrEqual(TOL);
    expect(b.filter((e) => e.t < CRASH).map((e) => e.to)).toEqual(['BACKUP']);
  });

  it('moves the VIP to the backup within (MDI − adv, MDI] of a silent crash', () => {
    const b = transitions(r, B);
    const aStop = find(transitions(r, A), 'STOP', CRASH);
    expect(aStop.reason).toBe('host crashed');
    const bMaster = find(b, 'MASTER', CRASH);
    const latency = bMaster.t - CRASH;
    expect(latency).toBeGreaterThan(masterDown(100) - ADV - TOL);
    expect(latency).toBeLessThanOrEqual(masterDown(100) + TOL);
    // Tighter: a's adverts were every adv (+≤2 ms drift each) after it became MASTER.
    const aMaster = find(transitions(r, A), 'MASTER', 0);
    const adverts = Math.floor((CRASH - aMaster.t) / ADV);
    expect(Math.abs(bMaster.t - (aMaster.t + adverts * ADV + masterDown(100))), show(r)).toBeLessThanOrEqual(TOL);
  });

  it('lets the returning higher-priority node preempt only after its own down timer', () => {
    const a = transitions(r, A);
    const b = transitions(r, B);
    const aBack = find(a, 'BACKUP', START);
    const aMaster = find(a, 'MASTER', START);
    expect(Math.abs(aMaster.t - aBack.t - masterDown(200)), show(r)).toBeLessThanOrEqual(TOL);
    const bYields = find(b, 'BACKUP', START);
    expect(bYields.from).toBe('MASTER');
    expect(Math.abs(bYields.t - aMaster.t)).toBeLessThanOrEqual(TOL);
  });

  it('hands over within skew(100) of a graceful stop (priority-0 advert)', () => {
    expectGracefulHandover(r, A, B, STOP, skew(100));
  });

  it('observes the VIP where the states say it is', () => {
    const vips = r.trace.filter((e) => e.type === 'vip');
    const holders = new Set<string>();
    for (const e of vips) {
      if (e.type !== 'vip') continue;
      expect(e.vip).toBe(VIP);
      if (e.action === 'add') holders.add(e.node); else holders.delete(e.node);
    }
    expect([...holders]).toEqual([B]);
    expect(vips.filter((e) => e.type === 'vip' && e.node === A && e.action === 'add')).toHaveLength(2);
  });

  it('agrees with a trace predicted from the formulas, through the comparator', () => {
    const a = transitions(r, A);
    const aInit = find(a, 'BACKUP', -Infinity).t;
    const aM1 = aInit + masterDown(200);
    const bM1 = aM1 + Math.floor((CRASH - aM1) / ADV) * ADV + masterDown(100);
    const aM2 = START + masterDown(200);
    const bM2 = STOP + skew(100);
    const st = (t: number, node: string, from: VrrpState, to: VrrpState, priority: number): TraceEvent => ({ t, type: 'state', node, instance: 'VI_1', from, to, priority, reason: 'formula' });
    const predicted: TraceEvent[] = [
      st(0, A, 'INIT', 'BACKUP', 200), st(0, B, 'INIT', 'BACKUP', 100), st(aM1, A, 'BACKUP', 'MASTER', 200),
      st(CRASH, A, 'MASTER', 'STOP', 200), st(bM1, B, 'BACKUP', 'MASTER', 100),
      st(START, A, 'STOP', 'BACKUP', 200), st(aM2, A, 'BACKUP', 'MASTER', 200), st(aM2, B, 'MASTER', 'BACKUP', 100),
      st(STOP, A, 'MASTER', 'STOP', 200), st(bM2, B, 'BACKUP', 'MASTER', 100),
    ];
    const lat = Math.max(0, ...Object.values(r.startLatency));
    const c = compareTraces(predicted, r.trace, tolerancesFor(spec, lat), UNTIL);
    expect(c.verdict, formatComparisonText(c)).toBe('agree');
    expect(c.matched).toBe(10);
  });

  it('leaves no namespace behind', async () => {
    const left = (await listNamespaces()).filter((n) => r.namespaces.includes(n));
    expect(left).toEqual([]);
  });
});
