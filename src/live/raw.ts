// The thin socket layer: raw-socket 1.8.1 configured with the recipe verified in
// toolchain.md §8 (bind to the device, join 224.0.0.18 on it, multicast TTL 255, no loopback).
// It has no bind(), no recvmsg and no AF_PACKET, so: one socket per interface and family, our
// own IP header (IP_HDRINCL / IPV6_HDRINCL) to carry keepalived's source, TOS/traffic class and
// TTL/hop limit, and no ARP (IPv6 neighbour advertisements go out as whole packets on the IPv6
// socket, ndisc.ts). An AF_INET6 raw socket never
// hands over the IPv6 header (RFC 3542 §3), so the hop limit and destination keepalived checks
// are not there: IPv6 adverts are received through a packet capture instead (capture.ts).
import type { RawSocketModule, Socket } from 'raw-socket';
import { InputError } from '../cli/errors.js';
import { ipv4BytesOrThrow } from '../vrrp/ipv4.js';
import { ipv6BytesOrThrow } from '../vrrp/ipv6.js';
import { VRRP_MCAST_GROUP4, VRRP_MCAST_GROUP6, type IpAddress, type Ipv4 } from '../vrrp/types.js';

const SOL_SOCKET = 1;
const SO_BINDTODEVICE = 25;
const IPPROTO_IP = 0;
const IP_HDRINCL = 3;
const IP_MULTICAST_IF = 32;
const IP_MULTICAST_TTL = 33;
const IP_MULTICAST_LOOP = 34;
const IP_ADD_MEMBERSHIP = 35;
const IPPROTO_VRRP = 112;
// linux/in6.h
const IPPROTO_IPV6 = 41;
const IPV6_MULTICAST_IF = 17;
const IPV6_MULTICAST_LOOP = 19;
const IPV6_ADD_MEMBERSHIP = 20;
const IPV6_HDRINCL = 36;

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
  /** A whole IP packet (header included) to `dst` on the bound interface. */
  readonly send: (packet: Uint8Array, dst: IpAddress) => Promise<void>;
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

function createRaw(raw: RawSocketModule, family: 4 | 6): Socket {
  try {
    return raw.createSocket({ protocol: IPPROTO_VRRP, addressFamily: family === 6 ? raw.AddressFamily.IPv6 : raw.AddressFamily.IPv4, bufferSize: 65_535 });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new InputError(`cannot open a raw VRRP socket (${msg}); run as root or with CAP_NET_RAW`);
  }
}

function bindToDevice(s: Socket, iface: string): void {
  const dev = Buffer.from(`${iface}\0`);
  s.setOption(SOL_SOCKET, SO_BINDTODEVICE, dev, dev.length);
}

function setupFailed(s: Socket, iface: string, e: unknown): InputError {
  s.close();
  const msg = e instanceof Error ? e.message : String(e);
  return new InputError(`cannot set up the raw socket on ${iface} (${msg})`, { file: '--interface' });
}

function socketOf(s: Socket, o: Pick<OpenOptions, 'onPacket' | 'onError'>): VrrpSocket {
  let closed = false;
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

/**
 * The IPv6 sending socket: whole packets as keepalived's kernel builds them (IPV6_HDRINCL, so
 * the link-local source, hop limit 255 and traffic class 0xc0 are ours, ipv6.ts), joined to
 * ff02::12 on the interface as keepalived's socket is (vrrp_if.c if_join_vrrp_group), so the
 * interface accepts the group's frames for the capture that reads them. What it receives
 * (payloads without their header) is dropped.
 */
export function openVrrpSocket6(raw: RawSocketModule, o: Pick<OpenOptions, 'iface' | 'ifindex' | 'onError'>): VrrpSocket {
  const s = createRaw(raw, 6);
  try {
    bindToDevice(s, o.iface);
    const join = Buffer.alloc(20);
    join.set(ipv6BytesOrThrow(VRRP_MCAST_GROUP6, 'group'), 0);
    join.writeInt32LE(o.ifindex, 16);
    s.setOption(IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, join, join.length);
    s.setOption(IPPROTO_IPV6, IPV6_HDRINCL, 1);
    s.setOption(IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0);
    s.setOption(IPPROTO_IPV6, IPV6_MULTICAST_IF, o.ifindex);
  } catch (e) {
    throw setupFailed(s, o.iface, e);
  }
  return socketOf(s, { onPacket: () => undefined, onError: o.onError });
}

export function openVrrpSocket(raw: RawSocketModule, o: OpenOptions): VrrpSocket {
  const s = createRaw(raw, 4);
  try {
    bindToDevice(s, o.iface);
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
    throw setupFailed(s, o.iface, e);
  }
  return socketOf(s, o);
}
