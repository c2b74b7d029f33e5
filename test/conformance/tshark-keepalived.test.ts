// keepalived 2.2.7 is the truth: capture what the real daemon sends (a v3 unicast instance,
// whose checksum covers the peer's address, and a v2 PASS instance whose password keepalived
// truncates) and require that the codec accepts every packet and re-encodes it byte for byte.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeIpv4Packet, encodeIpv4Packet, toHex } from '../../src/vrrp/codec.js';
import type { Advert } from '../../src/vrrp/types.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';

const missingBase = await missingPrerequisites(['root', 'ip', 'keepalived']);
const haveTshark = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
const missing = [...missingBase.map(describePrerequisite), ...(haveTshark ? [] : ['tshark'])];
const onCi = process.env['CI'] === 'true';
if (missing.length > 0 && !onCi) console.warn(`SKIPPING keepalived capture test: missing ${missing.join(', ')}`);

const tag = `vlck${process.pid % 100000}`;
const NS_A = `${tag}-a`;
const NS_B = `${tag}-b`;
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

const ip = (...args: string[]): void => { execFileSync('ip', args, { stdio: 'ignore' }); };

function teardown(): void {
  for (const ns of [NS_A, NS_B]) spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
}

function exited(p: ChildProcess): Promise<void> {
  return new Promise((resolve) => { if (p.exitCode !== null || p.signalCode !== null) resolve(); else p.once('exit', () => resolve()); });
}

/** Ethernet frames' IPv4 payloads from a classic pcap (tshark -F pcap). */
function ipPackets(file: string): Uint8Array[] {
  const f = readFileSync(file);
  const v = new DataView(f.buffer, f.byteOffset, f.byteLength);
  const out: Uint8Array[] = [];
  for (let o = 24; o + 16 <= f.length;) {
    const len = v.getUint32(o + 8, true);
    out.push(new Uint8Array(f.subarray(o + 16 + 14, o + 16 + len)));
    o += 16 + len;
  }
  return out;
}

describe.skipIf(missing.length > 0 && !onCi)('codec against keepalived 2.2.7 on the wire', () => {
  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing).toEqual([]);
  });

  it('accepts and re-encodes byte-exactly every advert keepalived sends', async () => {
    const dir = mkdtempSync(join(tmpdir(), `${tag}-`));
    let keepalived: ChildProcess | undefined;
    try {
      teardown();
      ip('netns', 'add', NS_A);
      ip('netns', 'add', NS_B);
      ip('link', 'add', `${tag}a`, 'netns', NS_A, 'type', 'veth', 'peer', 'name', `${tag}b`, 'netns', NS_B);
      ip('-n', NS_A, 'addr', 'add', '192.0.2.201/24', 'dev', `${tag}a`);
      ip('-n', NS_B, 'addr', 'add', '192.0.2.202/24', 'dev', `${tag}b`);
      ip('-n', NS_A, 'link', 'set', `${tag}a`, 'up');
      ip('-n', NS_B, 'link', 'set', `${tag}b`, 'up');
      writeFileSync(join(dir, 'keepalived.conf'), CONF);

      const cap = join(dir, 'cap.pcap');
      const tshark = spawn('ip', ['netns', 'exec', NS_B, 'tshark', '-i', `${tag}b`, '-f', 'ip proto 112', '-a', 'duration:4', '-F', 'pcap', '-w', cap], { stdio: ['ignore', 'ignore', 'pipe'] });
      await new Promise<void>((resolve, reject) => {
        let err = '';
        tshark.stderr?.on('data', (d: Buffer) => { err += d.toString(); if (err.includes('Capturing on')) resolve(); });
        tshark.once('exit', () => reject(new Error(`tshark ended before capturing: ${err}`)));
      });
      keepalived = spawn('ip', ['netns', 'exec', NS_A, 'keepalived', '-n', '-l', '-D', '-P', '-f', join(dir, 'keepalived.conf'),
        '-p', join(dir, 'k.pid'), '-r', join(dir, 'v.pid'), '-c', join(dir, 'c.pid')], { stdio: 'ignore' });
      await exited(tshark);

      const packets = ipPackets(cap);
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
      // Four seconds at 0.5 s and 1 s intervals; allow for start-up.
      expect(seen.v3).toBeGreaterThanOrEqual(3);
      expect(seen.v2).toBeGreaterThanOrEqual(1);
    } finally {
      if (keepalived !== undefined) {
        keepalived.kill('SIGTERM');
        await exited(keepalived);
      }
      teardown();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
