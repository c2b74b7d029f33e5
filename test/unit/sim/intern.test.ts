// The simulator's interned configs (sim/intern.ts) and its timer slots found by the key's index
// (world.ts timerSlot): both only let a lookup skip a comparison or a Map; what they find must
// be what the name finds.
import { describe, expect, it } from 'vitest';
import { createInternTable, internConfig } from '../../../sim/intern.js';
import { timerSlot } from '../../../sim/world.js';
import { createSim } from '../../../sim/simulate.js';
import { instance, node, spec } from './fixtures.js';

describe('interned configs', () => {
  it('equal VIP lists and auth blocks become one object; the configs stay equal', () => {
    const t = createInternTable();
    const a = { instances: [instance({ name: 'A', vips: ['192.0.2.100', '192.0.2.101'] }), instance({ name: 'B', vips: ['192.0.2.102'] })], scripts: [], syncGroups: [] };
    const b = { instances: [instance({ name: 'A', vips: ['192.0.2.100', '192.0.2.101'] }), instance({ name: 'B', vips: ['192.0.2.101'] })], scripts: [], syncGroups: [] };
    const ia = internConfig(t, a)!, ib = internConfig(t, b)!;
    expect(ia).toEqual(a);
    expect(ib).toEqual(b);
    expect(ib.instances[0]!.vips).toBe(ia.instances[0]!.vips);
    expect(ib.instances[1]!.vips).not.toBe(ia.instances[1]!.vips);
    expect(ib.instances[1]!.vips[0]).toBe(ia.instances[0]!.vips[1]);
    expect(ib.instances[1]!.auth).toBe(ia.instances[0]!.auth);
  });
});

describe('timer slots by index', () => {
  it('a key whose index now names another instance (a reload reordered them) finds its own slot', () => {
    const w = createSim(spec({ nodes: [node({ name: 'a', address: '192.0.2.1', router: { instances: [instance({ name: 'A' }), instance({ name: 'B', vrid: 52 })] } })] }));
    const h = w.hosts.get('a')!;
    const a = timerSlot(h, { kind: 'instance', instance: 'A', index: 0 });
    const b = timerSlot(h, { kind: 'instance', instance: 'B', index: 1 });
    expect(timerSlot(h, { kind: 'instance', instance: 'A', index: 0 })).toBe(a);
    expect(timerSlot(h, { kind: 'instance', instance: 'B', index: 0 })).toBe(b);
    expect(timerSlot(h, { kind: 'instance', instance: 'A', index: 1 })).toBe(a);
    expect(timerSlot(h, { kind: 'instance', instance: 'A' })).toBe(a);
    expect(h.slots).toEqual([a, b]);
  });
});
