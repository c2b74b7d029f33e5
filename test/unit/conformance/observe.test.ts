import { describe, expect, it } from 'vitest';
import { parseAddressMonitorLine, parseFifoLine, sameAddress } from '../../../src/conformance/observe.js';

describe('parseFifoLine', () => {
  it('reads instance and group state lines as keepalived writes them', () => {
    expect(parseFifoLine('INSTANCE "VI_1" MASTER 100')).toEqual({ kind: 'state', scope: 'INSTANCE', name: 'VI_1', state: 'MASTER', priority: 100 });
    expect(parseFifoLine('GROUP "G1" BACKUP 0')).toEqual({ kind: 'state', scope: 'GROUP', name: 'G1', state: 'BACKUP', priority: 0 });
  });

  it('leaves events that are not states alone', () => {
    expect(parseFifoLine('INSTANCE "VI_1" MASTER_RX_LOWER_PRI 100')).toEqual({ kind: 'other', text: 'INSTANCE "VI_1" MASTER_RX_LOWER_PRI 100' });
    expect(parseFifoLine('garbage').kind).toBe('other');
  });
});

describe('parseAddressMonitorLine', () => {
  it('reads additions and deletions of IPv4 addresses', () => {
    expect(parseAddressMonitorLine('2: eth0    inet 192.0.2.100/32 scope global eth0\\       valid_lft forever preferred_lft forever'))
      .toEqual({ action: 'add', iface: 'eth0', address: '192.0.2.100', prefix: 32 });
    expect(parseAddressMonitorLine('Deleted 2: eth0    inet 192.0.2.100/32 scope global eth0\\       valid_lft forever'))
      .toEqual({ action: 'remove', iface: 'eth0', address: '192.0.2.100', prefix: 32 });
  });

  it('reads IPv6 additions and deletions as ip -o monitor address prints them', () => {
    // Captured from iproute2 in a harness namespace (keepalived adds IPv6 VIPs nodad).
    expect(parseAddressMonitorLine('Deleted 2: eth0    inet6 2001:db8::101/128 scope global nodad \\       valid_lft forever preferred_lft forever'))
      .toEqual({ action: 'remove', iface: 'eth0', address: '2001:db8::101', prefix: 128 });
    expect(parseAddressMonitorLine('2: eth0    inet6 fe80::1/64 scope link'))
      .toEqual({ action: 'add', iface: 'eth0', address: 'fe80::1', prefix: 64 });
  });

  it('ignores other lines', () => {
    expect(parseAddressMonitorLine('2: eth0    link/ether 02:00:00:00:00:01')).toBeNull();
    expect(parseAddressMonitorLine('')).toBeNull();
  });
});

describe('sameAddress', () => {
  it('matches iproute2\'s RFC 5952 text with the configuration\'s spelling of one IPv6 address', () => {
    expect(sameAddress('2001:db8::101', '2001:DB8:0:0::101')).toBe(true);
    expect(sameAddress('192.0.2.1', '192.0.2.1')).toBe(true);
    expect(sameAddress('2001:db8::101', '2001:db8::102')).toBe(false);
    expect(sameAddress('192.0.2.1', '192.0.2.10')).toBe(false);
  });
});
