// The link-local address derived from an interface's IPv4 address is written out by
// linkLocalOfIpv4 (so IPv4 scenarios need not load ip-num); it must be the very text the
// general RFC 5952 formatter gives for the same 16 bytes.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { linkLocalOfIpv4 } from '../../../sim/scenario/resolve.js';
import { formatIpv6 } from '../../../src/vrrp/ipv6.js';

function viaFormatter(octets: readonly number[]): string {
  const bytes = new Uint8Array(16);
  bytes[0] = 0xfe;
  bytes[1] = 0x80;
  bytes.set(octets, 12);
  return formatIpv6(bytes, 0);
}

describe('linkLocalOfIpv4', () => {
  it('writes the zero runs as formatIpv6 does', () => {
    for (const a of ['192.0.2.1', '0.0.0.0', '0.0.0.1', '0.0.1.0', '1.0.0.0', '0.1.0.0', '10.0.0.0', '255.255.255.255', '198.51.100.10']) {
      expect(linkLocalOfIpv4(a)).toBe(viaFormatter(a.split('.').map(Number)));
    }
    expect(linkLocalOfIpv4('192.0.2.1')).toBe('fe80::c000:201');
  });

  test.prop([fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 255 })), { minLength: 4, maxLength: 4 })])('equals formatIpv6 for any IPv4 address', (octets) => {
    expect(linkLocalOfIpv4(octets.join('.'))).toBe(viaFormatter(octets));
  });
});
