import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/cli/errors.js';
import { simulateWith } from '../../../sim/engine.js';
import type { SimSpec } from '../../../sim/spec.js';
import { fakeCore } from './fake-core.js';
import { node, probe, spec } from './fixtures.js';

function message(s: SimSpec): string {
  try {
    simulateWith(s, fakeCore);
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('spec validation', () => {
  it('names the unknown segment and lists the known ones', () => {
    expect(message(spec({ probes: [probe({ segment: 'wan' })] }))).toBe("probe 'client': unknown segment 'wan'; expected one of lan");
    expect(message(spec({ nodes: [node({ name: 'a', address: '192.0.2.1', segment: 'dmz' })] }))).toMatch(/interface 'eth0': unknown segment 'dmz'/);
  });

  it('rejects faults on unknown nodes, interfaces, instances and partition members', () => {
    expect(message(spec({ timeline: [{ at: 0, fault: { kind: 'crash', node: 'zz' } }] }))).toMatch(/unknown node 'zz'; expected one of a, b/);
    expect(message(spec({ timeline: [{ at: 0, fault: { kind: 'link-down', node: 'a', iface: 'eth9' } }] }))).toMatch(/has no interface 'eth9'/);
    expect(message(spec({ timeline: [{ at: 0, fault: { kind: 'set-priority', node: 'a', instance: 'VI_9', priority: 10 } }] }))).toMatch(/no vrrp_instance 'VI_9'/);
    expect(message(spec({ timeline: [{ at: 0, fault: { kind: 'partition', groups: [['a'], ['x']] } }] }))).toMatch(/'x' is neither a node nor a probe/);
  });

  it('rejects fractional times and duplicate names', () => {
    expect(message(spec({ until: 1.5 }))).toMatch(/until 1.5: expected a non-negative integer/);
    expect(message(spec({ nodes: [node({ name: 'a', address: '192.0.2.1' }), node({ name: 'a', address: '192.0.2.2' })] }))).toMatch(/duplicate node name 'a'/);
  });
});
