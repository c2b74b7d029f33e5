// A schedule written as timeline entries must load back as the very same timeline, or a written
// counterexample would replay something else.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { arbFaultSchedule } from '../../../src/testing/index.js';
import { timelineEntries } from '../../../src/explore/fault-yaml.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';

const scenario = (timeline: unknown[]): string => stringify({
  name: 'roundtrip', duration: '10m',
  segments: [{ name: 'lan' }, { name: 'storage' }],
  nodes: ['a', 'b', 'c'].map((n, i) => ({
    name: n, address: `192.0.2.${i + 1}`, services: [{ name: 'nginx', port: 80 }],
    keepalived: `vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority ${100 + i}\n  virtual_ipaddress {\n    192.0.2.100/24\n  }\n}\n`,
  })),
  timeline,
});

describe('timeline entries', () => {
  it('load back as the same faults at the same times', () => {
    const spec = loadScenarioText(scenario([]), 'x.yaml').spec;
    fc.assert(fc.property(arbFaultSchedule(spec, { maxFaults: 6 }), (s) => {
      const back = loadScenarioText(scenario(timelineEntries(s.timeline)), 'x.yaml').spec.timeline;
      expect(back).toEqual(s.timeline);
    }), { numRuns: 150, seed: 9 });
  });
});

describe('counterexample scenarios replay invariant findings', () => {
  it('adds an invariants expectation when an invariant failed, so vrrplab run reproduces it', async () => {
    const { counterexampleYaml } = await import('../../../src/explore/write-scenario.js');
    const text = 'name: x\nduration: 10s\nnodes: []\nexpect:\n  - longestOutage: { max: 5s }\n';
    const withInv = counterexampleYaml(text, 's.yaml', 'o.yaml', [], 20_000_000, { seed: 1, path: '', findings: ['invariant: oneMasterAfterHeal — two MASTERs'] });
    expect(withInv).toMatch(/- invariants: \{\}/);
    const without = counterexampleYaml(text, 's.yaml', 'o.yaml', [], 20_000_000, { seed: 1, path: '', findings: ['expectation: longest outage — 6s'] });
    expect(without).not.toMatch(/invariants/);
  });

  it('a line break in a header line (a file name, a finding) stays inside its comment', async () => {
    const { counterexampleYaml } = await import('../../../src/explore/write-scenario.js');
    const { parse } = await import('yaml');
    const text = 'name: x\nduration: 10s\nnodes: []\n';
    const out = counterexampleYaml(text, 's\nseed: 99\r\nuntil: 1s.yaml', 'o.yaml', [], 20_000_000, { seed: 1, path: '', findings: ['expectation: x\u2028probes: [] — 6s'] });
    expect(parse(out)).toEqual({ name: 'x', duration: '20s', nodes: [], timeline: [] });
  });
});
