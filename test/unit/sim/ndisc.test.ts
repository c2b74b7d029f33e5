// IPv6 clients (sim/ndisc.ts): unsolicited NAs repoint an existing neighbour entry only, and a
// REACHABLE entry left pointing at a node that dropped the VIP costs ReachableTime, then DELAY
// (5 s) and PROBE (3 unicast NS, 1 s apart) before a multicast solicitation finds the holder —
// Linux's neighbour state machine with its default timers (RFC 4861 §7.3).
import { describe, expect, it } from 'vitest';
import { createSim, result, runUntil } from '../../../sim/simulate.js';
import type { SimSpec } from '../../../sim/spec.js';
import type { TraceEvent } from '../../../sim/trace.js';
import { LINUX_NEIGHBOUR_DEFAULTS, naArrive } from '../../../sim/ndisc.js';
import { asIpv6World } from '../../../src/testing/ipv6.js';
import { node, probe, SEC, spec } from './fixtures.js';

const probes = (trace: readonly TraceEvent[]): Extract<TraceEvent, { type: 'probe' }>[] =>
  trace.filter((e): e is Extract<TraceEvent, { type: 'probe' }> => e.type === 'probe');

/** a (prio 100) and b (prio 200) over IPv6, one client of the VIP every 100 ms. */
function world(over: Partial<SimSpec>): SimSpec {
  return asIpv6World(spec({ probes: [probe({ interval: 100_000 })], ...over }));
}

describe('IPv6 clients: neighbour discovery', () => {
  it('resolve the VIP by multicast NS and follow the new master through its unsolicited NA (override flag)', () => {
    const s = world({ until: 20 * SEC, timeline: [{ at: 10 * SEC, fault: { kind: 'crash', node: 'b' } }] });
    const r = result((() => { const w = createSim(s); runUntil(w, s.until); return w; })());
    const seen = probes(r.trace).map((e) => [e.ok, e.via]);
    expect(seen).toContainEqual([true, 'b']);
    // After b's crash the client's entry still names b; a's NA at its takeover moves it to a
    // (STALE, then confirmed by the connection): no waiting for neighbour unreachability detection.
    const after = probes(r.trace).filter((e) => e.t > 10 * SEC);
    expect(after.at(-1)).toMatchObject({ ok: true, via: 'a' });
    const takeover = r.trace.find((e) => e.type === 'vip' && e.node === 'a' && e.action === 'add' && e.t > 10 * SEC)!;
    expect(after.at(-1)!.t - takeover.t).toBeLessThan(1.1 * SEC);
  });

  it('an unsolicited NA updates an existing entry only (accept_untracked_na = 0): new lladdr -> STALE, same -> unchanged', () => {
    const p = createSim(world({})).probes.get('client')!;
    naArrive(p, 'a', '2001:db8::1', null);
    expect(p.arp.has('2001:db8::1')).toBe(false);
    p.arp.set('2001:db8::1', { node: 'a', vmac: null, confirmed: 5, reresolveAt: null });
    naArrive(p, 'a', '2001:db8::1', null);
    expect(p.arp.get('2001:db8::1')).toEqual({ node: 'a', vmac: null, confirmed: 5, reresolveAt: null });
    naArrive(p, 'b', '2001:db8::1', null);
    expect(p.arp.get('2001:db8::1')).toMatchObject({ node: 'b', stale: true, confirmed: 5, delayAt: null });
  });

  it('after a split brain heals, a REACHABLE entry for the loser costs ReachableTime + DELAY + PROBE', () => {
    // a (higher priority) is cut off; b takes over on the client's side. The heal comes just
    // before a's next advert (3.21875 + k s), so b yields to it before sending one of its own:
    // a hears no lower advert and sends no NA.
    const s = world({
      until: 120 * SEC,
      nodes: [node({ name: 'a', address: '192.0.2.1', priority: 200 }), node({ name: 'b', address: '192.0.2.2', priority: 100 })],
      timeline: [
        { at: 10 * SEC, fault: { kind: 'partition', groups: [['a'], ['b', 'client']] } },
        { at: 31 * SEC, fault: { kind: 'heal' } },
      ],
    });
    const w = createSim(s);
    runUntil(w, s.until);
    const trace = result(w).trace;
    const rt = w.probes.get('client')!.reachableTime!;
    expect(rt).toBeGreaterThanOrEqual(LINUX_NEIGHBOUR_DEFAULTS.baseReachableTime / 2);
    expect(rt).toBeLessThan((LINUX_NEIGHBOUR_DEFAULTS.baseReachableTime * 3) / 2);
    const seen = probes(trace);
    const stale = seen.find((e) => !e.ok && e.reason.startsWith('stale neighbour entry: b does not hold'))!;
    expect(stale).toBeDefined();
    const back = seen.find((e) => e.ok && e.via === 'a' && e.t > stale.t)!;
    // The last confirmation through b came just before b dropped the VIP; the entry stays
    // REACHABLE for rt after it, the first use after that opens DELAY (one 1 s timeout at most
    // later), 5 s of DELAY and 3 s of PROBE follow, and the next tick resolves afresh.
    const bDrops = trace.find((e) => e.type === 'vip' && e.node === 'b' && e.action === 'remove')!.t;
    const outage = back.sent - bDrops;
    const { delayFirstProbe, retransTimer, ucastSolicit } = LINUX_NEIGHBOUR_DEFAULTS;
    expect(outage).toBeGreaterThanOrEqual(rt - 1 * SEC + delayFirstProbe + ucastSolicit * retransTimer);
    expect(outage).toBeLessThanOrEqual(rt + 1 * SEC + delayFirstProbe + ucastSolicit * retransTimer + 200_000);
  });

  it('a unicast NS the cached node answers makes the entry REACHABLE again, without a multicast solicitation', () => {
    // b keeps the VIP but refuses connections: nothing confirms the entry, so it goes STALE after
    // ReachableTime, DELAY on the next attempt, and the first unicast NS (5 s later) is answered.
    const s = world({ until: 100 * SEC, timeline: [{ at: 5 * SEC, fault: { kind: 'service-down', node: 'b' } }] });
    const w = createSim(s);
    runUntil(w, s.until);
    const p = w.probes.get('client')!;
    const e = p.arp.get(s.probes[0]!.target)!;
    expect(e.node).toBe('b');
    expect(e.confirmed).toBeGreaterThanOrEqual(5 * SEC + p.reachableTime! + LINUX_NEIGHBOUR_DEFAULTS.delayFirstProbe);
    expect(e.stale ?? false).toBe(false);
  });
});
