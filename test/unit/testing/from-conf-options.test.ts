// fromKeepalivedConfs takes durations the way scenario files write them, not microseconds.
import { describe, expect, it } from 'vitest';
import { fromKeepalivedConfs, simulate } from '../../../src/testing/index.js';

const conf = `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority 100
  virtual_ipaddress {
    192.0.2.100/24
  }
}`;

describe('fromKeepalivedConfs options', () => {
  it('until and latency are durations: 2m, 1ms, or seconds', () => {
    const spec = fromKeepalivedConfs([{ name: 'a', address: '192.0.2.1', keepalived: conf }], { until: '2m', latency: '1ms' });
    expect(spec.until).toBe(120_000_000);
    expect(spec.segments[0]?.latency).toBe(1_000);
    expect(fromKeepalivedConfs([{ name: 'a', address: '192.0.2.1', keepalived: conf }], { until: 45 }).until).toBe(45_000_000);
  });
});

describe('fromKeepalivedConfs over IPv6', () => {
  it('IPv6-only nodes (address6) elect on their derived link-local addresses', () => {
    const conf6 = conf.replace('192.0.2.100/24', '2001:db8::100/64');
    const spec = fromKeepalivedConfs([
      { name: 'a', address6: '2001:db8::1', keepalived: conf6 },
      { name: 'b', address6: '2001:db8::2', keepalived: conf6 },
    ]);
    expect(spec.nodes.map((n) => n.router?.instances[0]?.srcAddr)).toEqual(['fe80::1', 'fe80::2']);
    const r = simulate(spec);
    // Equal priorities: both time out together, fe80::2 is the higher address and keeps the VIP.
    const held = new Set<string>();
    for (const e of r.trace) if (e.type === 'vip') { if (e.action === 'add') held.add(e.node); else held.delete(e.node); }
    expect([...held]).toEqual(['b']);
  });
});
