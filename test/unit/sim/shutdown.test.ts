// A SIGTERMed keepalived 2.2.7 does not vanish at its STOP notify: the VRRP child arms its
// shutdown timer for TIMER_HZ after the priority-0 adverts, VIP removal and notifies
// (keepalived/vrrp/vrrp_daemon.c:447-457, vrrp_shutdown_timer_thread :376-384), and the parent
// exits once it has reaped the child (keepalived/core/main.c sigend :1124-1254). Measured on this
// host (keepalived 2.2.7, netns, `kill -TERM` to `wait` returning): 1014, 1016, 1017 ms as MASTER,
// 1014-1020 ms as BACKUP, 1023-1027 ms with a tracked script still running. A new keepalived
// cannot run before that (main.c:2686-2691 "daemon is already running"), so a restart is a stop
// now and a start VRRP_SHUTDOWN_TIMER later, and a start that comes while the old one is exiting
// waits for the exit.
import { describe, expect, it } from 'vitest';
import { VRRP_SHUTDOWN_TIMER } from '../../../sim/host.js';
import { simulate } from '../../../sim/simulate.js';
import type { TimelineEvent } from '../../../sim/spec.js';
import type { TraceEvent } from '../../../sim/trace.js';
import { SEC, spec } from './fixtures.js';

type State = Extract<TraceEvent, { type: 'state' }>;
const at = (t: number, fault: TimelineEvent['fault']): TimelineEvent => ({ at: t, fault });
const LAT = 100;
/** masterDownInterval(200) = 3 · advertInt + skewTime(200), advertInt 1 s. */
const MDI_200 = 3_218_750;

function states(trace: readonly TraceEvent[], node: string): Array<[number, string, string]> {
  return trace.filter((e): e is State => e.type === 'state' && e.node === node).map((e) => [e.t, e.from, e.to]);
}

describe('keepalived shutdown: the exit comes VRRP_SHUTDOWN_TIMER after SIGTERM', () => {
  it('is keepalived\'s TIMER_HZ shutdown timer, 1 s', () => {
    expect(VRRP_SHUTDOWN_TIMER).toBe(1_000_000);
  });

  it('restart: STOP at the fault, the new keepalived initialises one shutdown timer later and preempts after its own masterDownInterval', () => {
    const T = 6_500_000;
    const r = simulate(spec({ until: 12 * SEC, timeline: [at(T, { kind: 'restart', node: 'b' })] }));
    expect(states(r.trace, 'b')).toEqual([
      [0, 'INIT', 'BACKUP'], [MDI_200, 'BACKUP', 'MASTER'],
      [T, 'MASTER', 'STOP'],
      [T + VRRP_SHUTDOWN_TIMER, 'INIT', 'BACKUP'],
      [T + VRRP_SHUTDOWN_TIMER + MDI_200, 'BACKUP', 'MASTER'],
    ]);
    // The backup took over on the priority-0 advert in between, and yields on the preemption.
    expect(states(r.trace, 'a').slice(1)).toEqual([[T + LAT + 609_375, 'BACKUP', 'MASTER'], [T + VRRP_SHUTDOWN_TIMER + MDI_200 + LAT, 'MASTER', 'BACKUP']]);
  });

  it('a start while the stopped keepalived is still exiting waits for the exit', () => {
    const T = 6_500_000;
    const r = simulate(spec({ until: 12 * SEC, timeline: [at(T, { kind: 'stop', node: 'b' }), at(T + 300_000, { kind: 'start', node: 'b' })] }));
    expect(states(r.trace, 'b').slice(2)).toEqual([
      [T, 'MASTER', 'STOP'],
      [T + VRRP_SHUTDOWN_TIMER, 'INIT', 'BACKUP'],
      [T + VRRP_SHUTDOWN_TIMER + MDI_200, 'BACKUP', 'MASTER'],
    ]);
  });

  it('a start after the exit is immediate', () => {
    const T = 6_500_000;
    const r = simulate(spec({ until: 12 * SEC, timeline: [at(T, { kind: 'stop', node: 'b' }), at(T + VRRP_SHUTDOWN_TIMER + 1, { kind: 'start', node: 'b' })] }));
    expect(states(r.trace, 'b')[3]).toEqual([T + VRRP_SHUTDOWN_TIMER + 1, 'INIT', 'BACKUP']);
  });

  it('a stop during the exit cancels the start that waited for it', () => {
    const T = 6_500_000;
    const r = simulate(spec({ until: 12 * SEC, timeline: [at(T, { kind: 'restart', node: 'b' }), at(T + 500_000, { kind: 'stop', node: 'b' })] }));
    expect(states(r.trace, 'b').slice(2)).toEqual([[T, 'MASTER', 'STOP']]);
  });

  it('a crash during the exit takes the waiting start with it; a later start boots at once', () => {
    const T = 6_500_000;
    const r = simulate(spec({ until: 12 * SEC, timeline: [at(T, { kind: 'restart', node: 'b' }), at(T + 200_000, { kind: 'crash', node: 'b' }), at(T + 400_000, { kind: 'start', node: 'b' })] }));
    expect(states(r.trace, 'b').slice(2)).toEqual([[T, 'MASTER', 'STOP'], [T + 400_000, 'INIT', 'BACKUP'], [T + 400_000 + MDI_200, 'BACKUP', 'MASTER']]);
  });

  it('a second start while one already waits starts keepalived once', () => {
    const T = 6_500_000;
    const r = simulate(spec({ until: 12 * SEC, timeline: [at(T, { kind: 'restart', node: 'b' }), at(T + 100_000, { kind: 'start', node: 'b' }), at(T + 200_000, { kind: 'restart', node: 'b' })] }));
    expect(states(r.trace, 'b').slice(2).map(([t, , to]) => [t, to])).toEqual([[T, 'STOP'], [T + VRRP_SHUTDOWN_TIMER, 'BACKUP'], [T + VRRP_SHUTDOWN_TIMER + MDI_200, 'MASTER']]);
  });
});
