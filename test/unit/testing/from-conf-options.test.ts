// fromKeepalivedConfs takes durations the way scenario files write them, not microseconds.
import { describe, expect, it } from 'vitest';
import { fromKeepalivedConfs } from '../../../src/testing/index.js';

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
