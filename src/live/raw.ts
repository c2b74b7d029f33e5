// The thin socket layer: raw-socket 1.8.1 configured with the recipe verified in
// toolchain.md §8 (bind to the device, join 224.0.0.18 on it, multicast TTL 255, no loopback).
// It has no bind(), no recvmsg and no AF_PACKET, so: one socket per interface, our own IPv4
// header (IP_HDRINCL) to carry keepalived's source, TOS and TTL, and no ARP at all.
import type { RawSocketModule, Socket } from 'raw-socket';
import { InputError } from '../cli/errors.js';
import { ipv4BytesOrThrow } from '../vrrp/ipv4.js';
import { VRRP_MCAST_GROUP4, type Ipv4 } from '../vrrp/types.js';

const SOL_SOCKET = 1;
const SO_BINDTODEVICE = 25;
const IPPROTO_IP = 0;
const IP_HDRINCL = 3;
const IP_MULTICAST_IF = 32;
const IP_MULTICAST_TTL = 33;
const IP_MULTICAST_LOOP = 34;
const IP_ADD_MEMBERSHIP = 35;
const IPPROTO_VRRP = 112;

export async function loadRawSocket(): Promise<RawSocketModule> {
  try {
    const mod = await import('raw-socket');
    return mod.default;
  } catch {
    throw new InputError('raw-socket is not built (npm rebuild raw-socket)');
  }
}

/** struct ip_mreqn: group, local address (any), interface index (host order int). */
function mreqn(group: Ipv4, ifindex: number): Buffer {
  const b = Buffer.alloc(12);
  b.set(ipv4BytesOrThrow(group, 'group'), 0);
  b.writeInt32LE(ifindex, 8);
  return b;
}

export interface VrrpSocket {
  /** A whole IPv4 packet (header included) to `dst` on the bound interface. */
  readonly send: (packet: Uint8Array, dst: Ipv4) => Promise<void>;
  readonly close: () => void;
}

export interface OpenOptions {
  readonly iface: string;
  readonly ifindex: number;
  /** Passive sockets (monitor) never send; they skip the sending options. */
  readonly sending: boolean;
  readonly onPacket: (bytes: Uint8Array) => void;
  readonly onError: (e: Error) => void;
}

export function openVrrpSocket(raw: RawSocketModule, o: OpenOptions): VrrpSocket {
  let s: Socket;
  try {
    s = raw.createSocket({ protocol: IPPROTO_VRRP, addressFamily: raw.AddressFamily.IPv4, bufferSize: 65_535 });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new InputError(`cannot open a raw VRRP socket (${msg}); run as root or with CAP_NET_RAW`);
  }
  let closed = false;
  try {
    const dev = Buffer.from(`${o.iface}\0`);
    s.setOption(SOL_SOCKET, SO_BINDTODEVICE, dev, dev.length);
    const join = mreqn(VRRP_MCAST_GROUP4, o.ifindex);
    s.setOption(IPPROTO_IP, IP_ADD_MEMBERSHIP, join, join.length);
    if (o.sending) {
      s.setOption(IPPROTO_IP, IP_HDRINCL, 1);
      s.setOption(IPPROTO_IP, IP_MULTICAST_TTL, 255);
      // keepalived: a router never hears its own adverts.
      s.setOption(IPPROTO_IP, IP_MULTICAST_LOOP, 0);
      const mif = mreqn('0.0.0.0', o.ifindex);
      s.setOption(IPPROTO_IP, IP_MULTICAST_IF, mif, mif.length);
    }
  } catch (e) {
    s.close();
    const msg = e instanceof Error ? e.message : String(e);
    throw new InputError(`cannot set up the raw socket on ${o.iface} (${msg})`, { file: '--interface' });
  }
  // The receive buffer is reused for the next packet: copy before anyone keeps it.
  s.on('message', (buf) => { if (!closed) o.onPacket(Uint8Array.from(buf)); });
  s.on('error', (e) => { if (!closed) o.onError(e); });
  return {
    send: (packet, dst) => new Promise((resolve, reject) => {
      // A send after close() would silently re-create the socket without our options.
      if (closed) { reject(new Error('socket closed')); return; }
      const b = Buffer.from(packet);
      s.send(b, 0, b.length, dst, (err) => (err ? reject(err) : resolve()));
    }),
    close: () => {
      if (closed) return;
      closed = true;
      s.close();
    },
  };
}
