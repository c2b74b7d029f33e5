// keepalived 2.2.7 over IPv6 is the truth: capture what the real daemon (and the kernel for it)
// sends for a multicast instance from its link-local address and a unicast instance to a global
// peer, and require that the codec accepts every packet and re-encodes it byte for byte. The
// flow label is the kernel's choice (auto_flowlabels hashes with a per-boot secret), so it is
// taken from the capture; everything else comes from the advert and addresses alone.
// DAD is disabled on the test links (accept_dad 0, addresses added nodad) so keepalived does not
// start against tentative addresses and the timing is not skewed by DAD's one-second wait.
import { expect, it } from 'vitest';
import { toHex } from '../../src/vrrp/codec.js';
import { decodeIpv6Packet, encodeIpv6Packet } from '../../src/vrrp/codec-ipv6.js';
import type { Advert } from '../../src/vrrp/types.js';
import { ip } from '../support/keepalived-ns.js';
import { captureKeepalived, captureMissing, toolSuite } from '../support/tshark.js';

const missing = await captureMissing();
const suite = toolSuite(missing, 'keepalived IPv6 capture test');

const tag = `vlc6${process.pid % 100000}`;
const LL_A = 'fe80::201';
const CONF = `global_defs {
  router_id ${tag}
}
vrrp_instance ${tag}_mc {
  state MASTER
  interface ${tag}a
  virtual_router_id 81
  priority 150
  advert_int 0.5
  virtual_ipaddress {
    2001:db8::250/128
    2001:db8::251/128
  }
}
vrrp_instance ${tag}_uc {
  state MASTER
  interface ${tag}a
  virtual_router_id 82
  priority 120
  advert_int 1
  unicast_src_ip 2001:db8::201
  unicast_peer {
    2001:db8::202
  }
  virtual_ipaddress {
    2001:db8::252/128
  }
}
`;

const MC: Advert = { version: 3, vrid: 81, priority: 150, advertInt: 500_000, vips: ['2001:db8::250', '2001:db8::251'], auth: { type: 'none' } };
const UC: Advert = { version: 3, vrid: 82, priority: 120, advertInt: 1_000_000, vips: ['2001:db8::252'], auth: { type: 'none' } };

function link(ns: string, dev: string, ll: string, global: string): void {
  // No DAD and no kernel-made link-local: the addresses are usable at once and known.
  ip('netns', 'exec', ns, 'sysctl', '-qw', `net.ipv6.conf.${dev}.accept_dad=0`);
  ip('-n', ns, 'link', 'set', dev, 'addrgenmode', 'none');
  ip('-n', ns, 'addr', 'add', `${ll}/64`, 'dev', dev, 'nodad');
  ip('-n', ns, 'addr', 'add', `${global}/64`, 'dev', dev, 'nodad');
  ip('-n', ns, 'link', 'set', dev, 'up');
}

suite('IPv6 codec against keepalived 2.2.7 on the wire', () => {
  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing).toEqual([]);
  });

  it('accepts and re-encodes byte-exactly every IPv6 advert keepalived sends', async () => {
    const packets = await captureKeepalived({
      tag, conf: CONF, filter: 'ip6 proto 112', packets: 10, seconds: 20,
      link: (ns, dev, side) => { if (side === 'a') link(ns, dev, LL_A, '2001:db8::201'); else link(ns, dev, 'fe80::202', '2001:db8::202'); },
    });
    const seen = { mc: 0, uc: 0 };
    for (const p of packets) {
      const r = decodeIpv6Packet(p, { requireHopLimit255: false });
      if (!r.ok) throw new Error(`codec rejects keepalived's packet ${toHex(p)}: ${r.reason}: ${r.detail}`);
      const { advert, ip: h } = r.value;
      const multicast = advert.vrid === 81;
      expect(advert).toEqual(multicast ? MC : UC);
      // RFC 5798 §5.1.2: multicast from the link-local address with hop limit 255; unicast from
      // unicast_src_ip with the socket's default hop limit (keepalived sets no IPV6_UNICAST_HOPS).
      expect([h.src, h.dst, h.hopLimit, h.trafficClass]).toEqual(multicast ? [LL_A, 'ff02::12', 255, 0xc0] : ['2001:db8::201', '2001:db8::202', 64, 0xc0]);
      expect(toHex(encodeIpv6Packet(advert, { src: h.src, dst: h.dst, hopLimit: h.hopLimit, flowLabel: h.flowLabel }))).toBe(toHex(p));
      seen[multicast ? 'mc' : 'uc']++
    }
    // Ten packets at 0.5 s and 1 s intervals: about two multicast adverts to one unicast.
    expect(seen.mc).toBeGreaterThanOrEqual(3);
    expect(seen.uc).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
