// IPv6 VIP ranges as the ipfailover image expands them, byte for byte. Each expected list is the
// output of the image's own expand_ip_ranges (openshift/images ipfailover/keepalived/lib/utils.sh
// at dfb9d7f8) run under bash with GNU bc 1.07 and coreutils seq, recorded here as data. The
// quirks they pin: only upper-case hex counts in bc, a lower-case word is a bc variable worth 0,
// a number run into lower case or a colon is a bc error that leaves seq one word (counting
// from 1) or none, and the sed step deletes spaces and slashes before anything is split.
import { describe, expect, it } from 'vitest';
import { imageExpandVips } from '../../../src/ipfailover/expand-vips.js';

describe('ipfailover image: IPv6 OPENSHIFT_HA_VIRTUAL_IPS expansion (recorded from utils.sh)', () => {
  it.each([
    ['2001:DB8:1ABC::1F39-1F3B', ['2001:DB8:1ABC::1F39', '2001:DB8:1ABC::1F3A', '2001:DB8:1ABC::1F3B']],
    ['2001:db8:1abc::1f39-1f3b', []],
    ['2001:db8:1abc::1F39-1F3B', ['2001:db8:1abc::1F39', '2001:db8:1abc::1F3A', '2001:db8:1abc::1F3B']],
    ['2001:DB8::A-C', ['2001:DB8::A', '2001:DB8::B', '2001:DB8::C']],
    ['2001:db8::a-c', ['2001:db8::0']],
    ['2001:db8::9-B', ['2001:db8::9', '2001:db8::A', '2001:db8::B']],
    ['2001:DB8::5-3', []],
    ['2001:DB8::5-5', ['2001:DB8::5']],
    ['2001:DB8::10-', ['2001:DB8::10']],
    ['2001:DB8::-3', []],
    ['2001:DB8:0:0:0:0:0:FE-100', ['2001:DB8:0:0:0:0:0:FE', '2001:DB8:0:0:0:0:0:FF', '2001:DB8:0:0:0:0:0:100']],
    ['2001:db8:0:0:0:0:0:fe', ['2001:db8:0:0:0:0:0:fe']],
    ['2001:DB8::101-102,192.0.2.101-102', ['2001:DB8::101', '2001:DB8::102', '192.0.2.101', '192.0.2.102']],
    ['2001:DB8::101-102, 2001:DB8::201', ['2001:DB8::101', '2001:DB8::102', '2001:DB8::201']],
    ['2001:DB8::1/64', ['2001:DB8::164']],
    ['2001:DB8::0-2', ['2001:DB8::0', '2001:DB8::1', '2001:DB8::2']],
    ['::1-3', ['::1', '::2', '::3']],
    ['2001:DB8::8-A-C', ['2001:DB8::8', '2001:DB8::9', '2001:DB8::A']],
    ['2001:DB8::9-2001:DB8::B', ['2001:DB8::1', '2001:DB8::2', '2001:DB8::3', '2001:DB8::4', '2001:DB8::5', '2001:DB8::6', '2001:DB8::7', '2001:DB8::8', '2001:DB8::9']],
    ['2001::DB8::1-2', []],
    ['2001:DB8:1:2:3:4:5:6:7-8', []],
    ['fe80::1-2', ['fe80::1', 'fe80::2']],
    ['FE80::1-2', ['FE80::1', 'FE80::2']],
    ['2001:DB8::00A-00C', ['2001:DB8::A', '2001:DB8::B', '2001:DB8::C']],
    ['2001:DB8::G1-3', ['2001:DB8::1', '2001:DB8::2', '2001:DB8::3']],
    ['2001:DB8::1a-3', ['2001:DB8::1', '2001:DB8::2', '2001:DB8::3']],
    ['2001:DB8::3-1a', ['2001:DB8::1', '2001:DB8::2', '2001:DB8::3']],
    ['2001:DB8::5-a', []],
    ['2001:DB8::A-F 2001:DB8::1', ['2001:DB8::1', '2001:DB8::2', '2001:DB8::3', '2001:DB8::4', '2001:DB8::5', '2001:DB8::6', '2001:DB8::7', '2001:DB8::8', '2001:DB8::9', '2001:DB8::A']],
    ['2001:DB8::FFFE-10001', ['2001:DB8::FFFE', '2001:DB8::FFFF', '2001:DB8::10000', '2001:DB8::10001']],
  ] as const)('%s', (text, vips) => {
    expect(imageExpandVips(text)).toEqual(vips);
  });
});
