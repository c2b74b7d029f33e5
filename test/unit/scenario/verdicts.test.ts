// Verdicts that cannot mislead: a window the user states, times the run reaches, and a timeline
// that says what it does.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../../sim/scenario/load.js';
import { runLoaded } from '../../../sim/scenario/run.js';
import { InputError } from '../../../src/cli/errors.js';

const CONF = (prio: number): string => `vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority ${prio}
  advert_int 1
  virtual_ipaddress {
    192.0.2.100/24
  }
}`;

const scenario = (body: { duration?: string; timeline?: string; expect?: string; probeTarget?: string }): string => `name: t
duration: ${body.duration ?? '200s'}
nodes:
  - name: a
    address: 192.0.2.1
    services: [{ name: web, port: 80 }]
    keepalived: a.conf
  - name: b
    address: 192.0.2.2
    services: [{ name: web, port: 80 }]
    keepalived: b.conf
probes:
  - { name: web, target: ${body.probeTarget ?? '192.0.2.100'}, port: 80 }
timeline:
${body.timeline ?? '  []'}
expect:
${body.expect ?? '  []'}
`;

const read = (p: string): string => (p.endsWith('a.conf') ? CONF(200) : CONF(100));
const load = (text: string) => loadScenarioText(text, 't.yaml', { readFile: read });

function inputError(text: string): string {
  try {
    load(text);
  } catch (e) {
    if (e instanceof InputError) return `${e.pos?.line}:${e.pos?.col} ${e.message}`;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('availability', () => {
  it('counts the 100 s before the service starts as an outage: not "100% from 100s"', () => {
    // Both nodes crash at once; the service is back only when a is started at 100 s.
    const run = runLoaded(load(scenario({
      timeline: '  - { at: 0s, crash: a }\n  - { at: 0s, crash: b }\n  - { at: 100s, start: a }',
      expect: '  - availability: { probe: web, min: 90% }',
    })));
    const v = run.verdicts[0];
    expect(v?.ok).toBe(false);
    expect(v?.detail).toMatch(/^4[0-9]\.\d{3}% of 0\.000000s–200\.000000s/);
  });

  it('gives 0% to a probe that never succeeds', () => {
    const run = runLoaded(load(scenario({ probeTarget: '192.0.2.99', expect: '  - availability: { probe: web, min: 0.1% }' })));
    expect(run.verdicts[0]?.ok).toBe(false);
    expect(run.verdicts[0]?.detail).toMatch(/^0\.000% .*never succeeded/);
  });

  it('measures from an explicit from:', () => {
    const run = runLoaded(load(scenario({ expect: '  - availability: { probe: web, min: 100%, from: 10s }' })));
    expect(run.verdicts[0]?.ok).toBe(true);
    expect(run.verdicts[0]?.detail).toMatch(/^100\.000% of 10\.000000s–200\.000000s/);
  });
});

describe('times the run never reaches are errors of the scenario', () => {
  it('a timeline event after duration (convergence would judge a run that ended first)', () => {
    expect(inputError(scenario({ duration: '30s', timeline: '  - { at: 45s, crash: a }', expect: '  - convergence: { within: 10s }' })))
      .toBe('15:11 timeline[0] at 45s is after the end of the run (duration 30s), expected a time up to 30s');
  });

  it('an expectation at: after duration', () => {
    expect(inputError(scenario({ duration: '30s', expect: '  - at: 31s\n    master: { instance: VI_1, node: a }' })))
      .toBe('17:9 master at 31s is after the end of the run (duration 30s), expected a time up to 30s');
  });

  it('an availability window that starts at or after the end', () => {
    expect(inputError(scenario({ duration: '30s', expect: '  - availability: { probe: web, min: 1%, from: 40s }' })))
      .toMatch(/^17:48 availability from 40s is after the end of the run/);
  });
});

describe('a timeline that does not say what it does is warned about where it stands', () => {
  const warnings = (text: string): string[] => load(text).warnings.map((w) => `${w.pos?.line}:${w.pos?.col} ${w.message}`);

  it('an out-of-order timeline', () => {
    expect(warnings(scenario({ timeline: '  - { at: 20s, crash: a }\n  - { at: 10s, crash: b }' })))
      .toEqual(['16:11 timeline[1] at 10s comes after an event at 20s; the run applies events in time order']);
  });

  it('start of a node that is running', () => {
    expect(warnings(scenario({ timeline: '  - { at: 20s, crash: a }\n  - { at: 30s, start: a }\n  - { at: 40s, start: b }' })))
      .toEqual(['17:23 timeline[2]: start b at 40s, but b is running then and the start does nothing; expected a crash or stop before it']);
  });

  it('a probe aimed at an address that no instance holds', () => {
    expect(warnings(scenario({ probeTarget: '192.0.2.99' })))
      .toEqual(["13:26 probe 'web' targets 192.0.2.99, which no vrrp_instance has as a virtual address; expected one of the VIPs"]);
  });
});
