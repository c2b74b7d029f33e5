// Real keepalived 2.2.7 over IPv6, two nodes in the harness's namespaces (link-local sources,
// ff02::12, DAD off on the test links): election, a silent master crash, the master's return,
// a partition and its heal, multicast blocked (ff02::12 dropped by nftables) and a graceful stop
// (priority 0). One run, half-second VRRPv3 adverts, every instant checked against keepalived's
// own formulas (VRRP_MS_DOWN_TIMER and the v3 VRRP_TIMER_SKEW_CALC, keepalived/include/vrrp.h)
// and the whole trace compared with the simulator's run of the same spec.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/trace.js';
import type { VrrpState } from '../../src/vrrp/types.js';
import type { RealRunResult } from '../../src/conformance/run.js';
import { simulate } from '../../sim/simulate.js';
import { checkConformance, type ConformanceResult } from '../../src/conformance/conformance.js';
import { formatComparisonText } from '../../src/conformance/compare-text.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';
import { find, show, transitions, type State, expectGracefulHandover, TIMER_TOL } from '../support/real-trace.js';
import { listNamespaces } from '../../src/netns/index.js';
import { ADV6, twoNodeSpec6, VIP6 } from '../unit/conformance/twoNodeSpec6.js';

const missing = await missingPrerequisites(['root', 'ip', 'keepalived', 'nft']);
const why = missing.map(describePrerequisite).join(', ');
const skip = missing.length > 0 && process.env['CI'] !== 'true';
if (skip) console.warn(`SKIPPING real keepalived IPv6 conformance tests: missing ${why}`);

const [A, B] = ['a.example.com', 'b.example.com'];
/** v3: ((256 − p) × master_adver_int in centiseconds × 625) / 16 µs, integer arithmetic. */
const skew = (p: number): number => Math.floor(((256 - p) * (ADV6 / 10_000) * 625) / 16);
const masterDown = (p: number): number => 3 * ADV6 + skew(p);
const TOL = TIMER_TOL;

const CRASH = 3_000_000;
const START = 5_000_000;
// Each network fault sits midway between the adverts around it (the simulator's grid, plus the
// ~30 ms a restarted keepalived starts late), so a loaded host applying it late still cuts or
// joins before the same advert: a's at 7.64 / 8.14 s, a's re-timed 10.94 / 11.44 s; at the heal
// and unblock, a's and b's grids are 0.3 s apart.
const PARTITION = 7_890_000;
const HEAL = 10_270_000;
const BLOCK = 11_190_000;
const UNBLOCK = 13_070_000;
const STOP = 13_500_000;
const UNTIL = 14_300_000;

const spec = twoNodeSpec6([
  { at: CRASH, fault: { kind: 'crash', node: A } },
  { at: START, fault: { kind: 'start', node: A } },
  { at: PARTITION, fault: { kind: 'partition', groups: [[A], [B]] } },
  { at: HEAL, fault: { kind: 'heal' } },
  { at: BLOCK, fault: { kind: 'block-multicast' } },
  { at: UNBLOCK, fault: { kind: 'unblock-multicast' } },
  { at: STOP, fault: { kind: 'stop', node: A } },
], UNTIL);


/**
 * The backup's takeover when the master's adverts stop reaching it at `cut`: its down timer runs
 * from the last one heard, on the master's grid that started at `grid` (an advert at `grid`).
 */
function expectTakeover(r: RealRunResult, grid: number, cut: number): void {
  const bMaster = find(transitions(r, B), 'MASTER', cut);
  const lastHeard = grid + Math.floor((cut - grid) / ADV6) * ADV6;
  expect(Math.abs(bMaster.t - (lastHeard + masterDown(100))), show(r)).toBeLessThanOrEqual(TOL);
}

describe.skipIf(skip)('real keepalived over IPv6: election, crash, return, partition, multicast block, stop', () => {
  let c: ConformanceResult;
  let r: RealRunResult;
  beforeAll(async () => {
    if (missing.length > 0) return;
    c = await checkConformance(spec, simulate);
    r = c.real;
  }, 60_000);

  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing, `missing ${why}`).toEqual([]);
  });

  it('elects the priority-200 node after 3·adv + skew(200) and keeps the other BACKUP', () => {
    const aInit = find(transitions(r, A), 'BACKUP', -Infinity);
    expect(Math.abs(aInit.t)).toBeLessThan(500_000);
    const aMaster = find(transitions(r, A), 'MASTER', 0);
    expect(Math.abs(aMaster.t - aInit.t - masterDown(200)), show(r)).toBeLessThanOrEqual(TOL);
    expect(transitions(r, B).filter((e) => e.t < CRASH).map((e) => e.to)).toEqual(['BACKUP']);
  });

  it('moves the VIP to the backup masterDownInterval after the crashed master\'s last advert', () => {
    expect(find(transitions(r, A), 'STOP', CRASH).reason).toBe('host crashed');
    expectTakeover(r, find(transitions(r, A), 'MASTER', 0).t, CRASH);
  });

  it('lets the returning higher-priority node preempt after its own down timer', () => {
    const aBack = find(transitions(r, A), 'BACKUP', START);
    const aMaster = find(transitions(r, A), 'MASTER', START);
    expect(Math.abs(aMaster.t - aBack.t - masterDown(200)), show(r)).toBeLessThanOrEqual(TOL);
    const bYields = find(transitions(r, B), 'BACKUP', START);
    expect(Math.abs(bYields.t - aMaster.t)).toBeLessThanOrEqual(TOL);
  });

  it('splits the brain on a partition and heals within one advert of the heal', () => {
    const aMaster = find(transitions(r, A), 'MASTER', START);
    expectTakeover(r, aMaster.t, PARTITION);
    // a stayed MASTER throughout: it hears nothing better.
    expect(transitions(r, A).filter((e) => e.t > aMaster.t && e.t < STOP)).toEqual([]);
    const bYields = find(transitions(r, B), 'BACKUP', HEAL);
    expect(bYields.from).toBe('MASTER');
    expect(bYields.t - HEAL, show(r)).toBeLessThanOrEqual(ADV6 + TOL);
  });

  it('treats ff02::12 dropped by the switch as a lost master, and recovers on unblock', () => {
    // At the heal a answered b's first advert at once (a lower-priority advert to a MASTER, vrrp.c
    // vrrp_state_master_rx), and advertises on that grid since.
    expectTakeover(r, find(transitions(r, B), 'BACKUP', HEAL).t, BLOCK);
    const bYields = find(transitions(r, B), 'BACKUP', UNBLOCK);
    expect(bYields.t - UNBLOCK, show(r)).toBeLessThanOrEqual(ADV6 + TOL);
  });

  it('hands over within skew(100) of a graceful stop (priority-0 advert)', () => {
    expectGracefulHandover(r, A, B, STOP, skew(100));
  });

  it('observes the IPv6 VIP where the states say it is', () => {
    const holders = new Set<string>();
    let adds = 0;
    for (const e of r.trace) {
      if (e.type !== 'vip') continue;
      expect(e.vip).toBe(VIP6);
      if (e.action === 'add') { holders.add(e.node); adds++; } else holders.delete(e.node);
    }
    expect([...holders]).toEqual([B]);
    // a twice (election, return), b four times (crash, partition, block, stop).
    expect(adds).toBe(6);
  });

  it('agrees with the simulator, transition for transition and VIP for VIP', () => {
    const text = formatComparisonText(c.comparison);
    expect(c.comparison.verdict, text).toBe('agree');
    // 2 inits, 1 election, crash + takeover, return (init, preempt, yield), partition and heal,
    // block and unblock, stop + takeover.
    expect(c.comparison.matched, text).toBe(14);
  });

  it('leaves no namespace behind', async () => {
    const left = (await listNamespaces()).filter((n) => r.namespaces.includes(n));
    expect(left).toEqual([]);
  });
});
