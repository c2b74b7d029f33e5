// keepalived 2.2.7 is the truth: capture what the real daemon sends (a v3 unicast instance,
// whose checksum covers the peer's address, and a v2 PASS instance whose password keepalived
// truncates) and require that the codec accepts every packet and re-encodes it byte for byte.
import { expect, it } from 'vitest';
import { decodeIpv4Packet, encodeIpv4Packet, toHex } from '../../src/vrrp/codec.js';
import type { Advert } from '../../src/vrrp/types.js';
import { ip } from '../support/keepalived-ns.js';
import { captureKeepalived, captureMissing, toolSuite } from '../support/tshark.js';

const missing = await captureMissing();
const suite = toolSuite(missing, 'keepalived capture test');

const tag = `vlck${process.pid % 100000}`;
const CONF = `global_defs {
  router_id ${tag}
}
vrrp_instance ${tag}_v3 {
  state MASTER
  interface ${tag}a
  version 3
  virtual_router_id 77
  priority 150
  advert_int 0.5
  unicast_src_ip 192.0.2.201
  unicast_peer {
    192.0.2.202
  }
  virtual_ipaddress {
    192.0.2.250/32
    192.0.2.251/32
  }
}
vrrp_instance ${tag}_v2 {
  state MASTER
  interface ${tag}a
  version 2
  virtual_router_id 78
  priority 120
  advert_int 1
  authentication {
    auth_type PASS
    auth_pass longpassword
  }
  virtual_ipaddress {
    192.0.2.252/32
  }
}
`;

const V3: Advert = { version: 3, vrid: 77, priority: 150, advertInt: 500_000, vips: ['192.0.2.250', '192.0.2.251'], auth: { type: 'none' } };
const V2: Advert = { version: 2, vrid: 78, priority: 120, advertInt: 1_000_000, vips: ['192.0.2.252'], auth: { type: 'PASS', pass: 'longpass' } };

suite('codec against keepalived 2.2.7 on the wire', () => {
  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing).toEqual([]);
  });

  it('accepts and re-encodes byte-exactly every advert keepalived sends', async () => {
    const packets = await captureKeepalived({
      tag, conf: CONF, filter: 'ip proto 112', packets: 10, seconds: 20,
      link: (ns, dev, side) => {
        ip('-n', ns, 'addr', 'add', side === 'a' ? '192.0.2.201/24' : '192.0.2.202/24', 'dev', dev);
        ip('-n', ns, 'link', 'set', dev, 'up');
      },
    });
    const seen = { v2: 0, v3: 0 };
    for (const p of packets) {
      const r = decodeIpv4Packet(p);
      if (!r.ok) throw new Error(`codec rejects keepalived's packet ${toHex(p)}: ${r.reason}: ${r.detail}`);
      const { advert, ip: h } = r.value;
      expect(advert).toEqual(advert.version === 3 ? V3 : V2);
      expect(h.dst).toBe(advert.version === 3 ? '192.0.2.202' : '224.0.0.18');
      expect(toHex(encodeIpv4Packet(advert, { src: h.src, dst: h.dst, ttl: h.ttl, id: h.id }))).toBe(toHex(p));
      seen[advert.version === 3 ? 'v3' : 'v2']++;
    }
    // Ten packets at 0.5 s and 1 s intervals: about two v3 adverts to one v2.
    expect(seen.v3).toBeGreaterThanOrEqual(3);
    expect(seen.v2).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
