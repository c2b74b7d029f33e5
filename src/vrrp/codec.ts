// VRRP advertisements on the wire, byte-exact with keepalived 2.2.7 (vrrp-packets.md): v2 with
// its 8 authentication bytes, v3 with the IPv4 pseudo-header checksum, and the IPv4 header
// keepalived builds itself. v3 over IPv6 too: the message with 16-byte addresses and the
// IPv6 pseudo-header checksum the kernel computes and verifies for keepalived (ipv6.ts; the
// whole IPv6 packet is codec-ipv6.ts). The family of a message is its destination's.
//
// Decoding never throws: any byte string yields an advert or one precise reason, found in the
// order keepalived's receive path checks (vrrp_get_header, then vrrp_check_packet) so that a
// packet with several faults is reported the way keepalived would log it.
import type { Advert, IpAddress, Ipv4, Micros, VrrpAuth } from './types.js';
import { internetChecksum } from './checksum.js';
import { formatIpv6, ipv6Bytes, ipv6BytesOrThrow, ipv6PseudoHeader } from './ipv6.js';
import {
  IPPROTO_AH, IPPROTO_VRRP, IPV4_HEADER_LEN, VRRP_TTL,
  buildIpv4Header, formatIpv4, ipv4Bytes, ipv4BytesOrThrow, readIpv4Header,
  type Ipv4Header,
} from './ipv4.js';

export type { Ipv4Header } from './ipv4.js';

/** Fixed part of the VRRP header (version/type .. checksum). */
export const VRRP_HEADER_LEN = 8;
/** v2 always carries 8 authentication bytes after the addresses, whatever the auth type. */
export const VRRP_AUTH_LEN = 8;
export const VRRP_TYPE_ADVERTISEMENT = 1;
export const VRRP_AUTH_NONE = 0;
export const VRRP_AUTH_PASS = 1;
export const VRRP_AUTH_AH = 2;
export const VRRP_MAX_VIPS = 255;
/** v3's Max Adver Int is 12 bits of centiseconds. */
export const VRRP_V3_MAX_ADVERT_INT: Micros = 0x0fff * 10_000;

export type DecodeFailure =
  | 'too-short'
  | 'length-mismatch'
  | 'bad-ip-version'
  | 'bad-ip-header-length'
  | 'bad-ip-header-checksum'
  | 'not-vrrp-protocol'
  | 'fragmented'
  | 'bad-vrid'
  | 'bad-ttl'
  | 'bad-version'
  | 'bad-auth-type'
  | 'bad-type'
  | 'bad-total-length'
  | 'bad-checksum'
  | 'bad-auth-data';

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: DecodeFailure; detail: string };

/** The IP facts a VRRP message's checksum depends on (v3 only; v2 ignores them). */
export interface PseudoHeader {
  readonly src: IpAddress;
  readonly dst: IpAddress;
}

export type IpFamily = 4 | 6;

/** A message's family is its destination's (224.0.0.18 or ff02::12, or a unicast peer). */
export function familyOf(ip: PseudoHeader): IpFamily {
  return ip.dst.includes(':') ? 6 : 4;
}

const addrLen = (family: IpFamily): number => (family === 6 ? 16 : 4);

function addrBytesOrThrow(a: IpAddress, family: IpFamily, what: string): Uint8Array {
  return family === 6 ? ipv6BytesOrThrow(a, what) : ipv4BytesOrThrow(a, what);
}

function pseudoHeaderFor(family: IpFamily, src: Uint8Array, dst: Uint8Array, vrrpLength: number): Uint8Array {
  return family === 6 ? ipv6PseudoHeader(src, dst, vrrpLength, IPPROTO_VRRP) : pseudoHeader(src, dst, vrrpLength);
}

// ---------------------------------------------------------------------------------------------
// Encoding

function checkField(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} ${String(value)} is not an integer in ${min}..${max}`);
  }
}

/** The interval field as the wire carries it: v2 seconds, v3 centiseconds. */
function advertIntField(a: Advert): number {
  const us = a.advertInt;
  if (a.version === 2) {
    if (!Number.isInteger(us) || us < 0 || us % 1_000_000 !== 0 || us > 255 * 1_000_000) {
      throw new RangeError(`advertInt ${String(us)} µs is not a whole number of seconds in 0..255 (VRRPv2 carries seconds)`);
    }
    return us / 1_000_000;
  }
  if (!Number.isInteger(us) || us < 0 || us % 10_000 !== 0 || us > VRRP_V3_MAX_ADVERT_INT) {
    throw new RangeError(`advertInt ${String(us)} µs is not a multiple of 10 ms in 0..40.95 s (VRRPv3 carries 12 bits of centiseconds)`);
  }
  return us / 10_000;
}

/** PASS data as keepalived keeps it: the password's bytes NUL-padded to 8. */
function authData(auth: VrrpAuth): Uint8Array {
  const out = new Uint8Array(VRRP_AUTH_LEN);
  if (auth.type === 'PASS') {
    const pass = new TextEncoder().encode(auth.pass);
    if (pass.length > VRRP_AUTH_LEN || pass.includes(0)) {
      throw new RangeError(`auth pass ${JSON.stringify(auth.pass)} must be at most 8 bytes of UTF-8 without NUL`);
    }
    out.set(pass);
  }
  return out;
}

/**
 * The VRRP message (no IP header) with its checksum, as keepalived sends it to `ip.dst`. For
 * IPv6 the checksum is the one the kernel writes at offset 6 (keepalived leaves 0 there).
 */
export function encodeAdvert(a: Advert, ip: PseudoHeader): Uint8Array {
  if (a.version !== 2 && a.version !== 3) throw new RangeError(`VRRP version ${String(a.version)} is not 2 or 3`);
  const family = familyOf(ip);
  // keepalived turns an IPv6 instance to version 3 (vrrp.c vrrp_complete_instance).
  if (family === 6 && a.version === 2) throw new RangeError('VRRPv2 does not run over IPv6; use version 3');
  checkField(a.vrid, 1, 255, 'VRID');
  checkField(a.priority, 0, 255, 'priority');
  if (a.vips.length > VRRP_MAX_VIPS) throw new RangeError(`${a.vips.length} VIPs do not fit the 8-bit count (at most 255)`);
  if (a.version === 3 && a.auth.type !== 'none') throw new RangeError('VRRPv3 adverts carry no authentication');
  const interval = advertIntField(a);
  const src = addrBytesOrThrow(ip.src, family, 'source');
  const dst = addrBytesOrThrow(ip.dst, family, 'destination');
  const size = addrLen(family);

  const addrEnd = VRRP_HEADER_LEN + size * a.vips.length;
  const out = new Uint8Array(addrEnd + (a.version === 2 ? VRRP_AUTH_LEN : 0));
  const view = new DataView(out.buffer);
  out[0] = (a.version << 4) | VRRP_TYPE_ADVERTISEMENT;
  out[1] = a.vrid;
  out[2] = a.priority;
  out[3] = a.vips.length;
  if (a.version === 2) {
    out[4] = a.auth.type === 'PASS' ? VRRP_AUTH_PASS : VRRP_AUTH_NONE;
    out[5] = interval;
    out.set(authData(a.auth), addrEnd);
  } else {
    view.setUint16(4, interval);
  }
  a.vips.forEach((vip, i) => out.set(addrBytesOrThrow(vip, family, 'VIP'), VRRP_HEADER_LEN + size * i));
  const sum = a.version === 2 ? internetChecksum(out) : internetChecksum(pseudoHeaderFor(family, src, dst, out.length), out);
  view.setUint16(6, sum);
  return out;
}

/** The whole IPv4 packet keepalived puts on the wire: header (TOS 0xC0, DF clear) + message. */
export function encodeIpv4Packet(a: Advert, ip: { src: Ipv4; dst: Ipv4; ttl?: number; id?: number }): Uint8Array {
  if (familyOf(ip) !== 4) throw new RangeError(`destination ${JSON.stringify(ip.dst)} is not an IPv4 address`);
  const msg = encodeAdvert(a, ip);
  // keepalived's first advert of an instance carries ID 1; later ones count up.
  const header = buildIpv4Header({ payloadLength: msg.length, src: ip.src, dst: ip.dst, ttl: ip.ttl ?? VRRP_TTL, id: ip.id ?? 1, protocol: IPPROTO_VRRP });
  const out = new Uint8Array(header.length + msg.length);
  out.set(header);
  out.set(msg, header.length);
  return out;
}

function pseudoHeader(src: Uint8Array, dst: Uint8Array, vrrpLength: number): Uint8Array {
  const p = new Uint8Array(12);
  p.set(src, 0);
  p.set(dst, 4);
  p[9] = IPPROTO_VRRP;
  p[10] = vrrpLength >>> 8;
  p[11] = vrrpLength & 0xff;
  return p;
}

// ---------------------------------------------------------------------------------------------
// Reading fields without judging them (for display), then decoding with keepalived's checks

/** Every header field as found, for showing a packet even when it would be rejected. */
export interface AdvertFields {
  readonly version: number;
  readonly type: number;
  readonly vrid: number;
  readonly priority: number;
  /** Count IPvX Addrs as sent (may disagree with the bytes present). */
  readonly count: number;
  /** v2: auth type byte; undefined for other versions. */
  readonly authType: number | undefined;
  /** The interval field raw: v2 seconds (byte 5), v3 centiseconds (low 12 bits of bytes 4-5). */
  readonly advertIntField: number;
  /** v3: the 4 reserved bits above the interval (sent as 0, never checked); undefined otherwise. */
  readonly reserved: number | undefined;
  readonly checksum: number;
  /**
   * What the checksum field should hold for these bytes (the message as far as `count` says,
   * limited to what is present), or undefined when it cannot be known: v3 without addresses,
   * or a version keepalived does not speak.
   */
  readonly expectedChecksum: number | undefined;
  /** The addresses that are wholly present, up to `count` (16 bytes each over IPv6). */
  readonly vips: readonly IpAddress[];
  /** v2: the 8 bytes after the addresses when present. */
  readonly authData: Uint8Array | undefined;
}

/** keepalived's expected_vrrp_pkt_len: over IPv6 no auth bytes, whatever the version. */
function messageLength(version: number, count: number, family: IpFamily): number {
  if (family === 6) return VRRP_HEADER_LEN + 16 * count;
  return VRRP_HEADER_LEN + 4 * count + (version === 2 ? VRRP_AUTH_LEN : 0);
}

/**
 * Over IPv6 the kernel checks every message (any version) against the pseudo-header, over the
 * whole payload it received.
 */
function checksumOver(msg: Uint8Array, version: number, ip: PseudoHeader | undefined, family: IpFamily): number | undefined {
  const zeroed = Uint8Array.from(msg);
  zeroed[6] = 0;
  zeroed[7] = 0;
  if (version === 2 && family === 4) return internetChecksum(zeroed);
  if ((version !== 3 && family === 4) || ip === undefined) return undefined;
  const src = family === 6 ? ipv6Bytes(ip.src) : ipv4Bytes(ip.src);
  const dst = family === 6 ? ipv6Bytes(ip.dst) : ipv4Bytes(ip.dst);
  if (src === undefined || dst === undefined) return undefined;
  return internetChecksum(pseudoHeaderFor(family, src, dst, msg.length), zeroed);
}

/** The fields of a VRRP message, or undefined when fewer than 8 bytes are given. */
export function readAdvertFields(msg: Uint8Array, ip?: PseudoHeader): AdvertFields | undefined {
  if (msg.length < VRRP_HEADER_LEN) return undefined;
  const b = (i: number): number => msg[i] ?? 0;
  const version = b(0) >>> 4;
  const count = b(3);
  const family = ip === undefined ? 4 : familyOf(ip);
  const size = addrLen(family);
  const present = Math.min(count, Math.floor((msg.length - VRRP_HEADER_LEN) / size));
  const vips: IpAddress[] = [];
  for (let i = 0; i < present; i++) vips.push(family === 6 ? formatIpv6(msg, VRRP_HEADER_LEN + 16 * i) : formatIpv4(msg, VRRP_HEADER_LEN + 4 * i));
  const authStart = VRRP_HEADER_LEN + 4 * count;
  const covered = family === 6 ? msg : msg.subarray(0, Math.min(msg.length, messageLength(version, count, family)));
  return {
    version,
    type: b(0) & 0x0f,
    vrid: b(1),
    priority: b(2),
    count,
    authType: version === 2 && family === 4 ? b(4) : undefined,
    advertIntField: version === 2 ? b(5) : ((b(4) << 8) | b(5)) & 0x0fff,
    reserved: version === 3 ? b(4) >>> 4 : undefined,
    checksum: (b(6) << 8) | b(7),
    expectedChecksum: checksumOver(covered, version, ip, family),
    vips,
    authData: version === 2 && family === 4 && msg.length >= authStart + VRRP_AUTH_LEN ? msg.slice(authStart, authStart + VRRP_AUTH_LEN) : undefined,
  };
}

type Failure = { ok: false; reason: DecodeFailure; detail: string };
const fail = (reason: DecodeFailure, detail: string): Failure => ({ ok: false, reason, detail });
const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;

/** Checks an IP layer adds between vrrp_check_packet's VRRP checks (TTL, then tot_len). */
export interface IpChecks {
  readonly ttl: () => Failure | undefined;
  readonly totalLength: () => Failure | undefined;
}

/** PASS data back to the string it was made from; undefined if no NUL-padded UTF-8 string makes it. */
function passFromAuthData(data: Uint8Array): string | undefined {
  let end = data.length;
  while (end > 0 && data[end - 1] === 0) end--;
  const used = data.subarray(0, end);
  if (used.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(used);
  } catch {
    return undefined;
  }
}

/**
 * keepalived's receive checks on a VRRP message. Over IPv6 the kernel has already dropped any
 * message whose checksum is wrong (IPV6_CHECKSUM), so that check comes first there; and an
 * IPv6 instance is always version 3, so a v2 message is the wrong version.
 */
export function checkMessage(msg: Uint8Array, ip: PseudoHeader, ipChecks: IpChecks | undefined): Decoded<Advert & { checksum: number }> {
  const family = familyOf(ip);
  if (family === 6) {
    const src = ipv6Bytes(ip.src);
    const dst = ipv6Bytes(ip.dst);
    if (src === undefined || dst === undefined) {
      return fail('bad-checksum', `cannot verify the checksum: ${JSON.stringify(ip.src)} → ${JSON.stringify(ip.dst)} is not a pair of IPv6 addresses`);
    }
    if (internetChecksum(ipv6PseudoHeader(src, dst, msg.length, IPPROTO_VRRP), msg) !== 0) {
      const f6 = readAdvertFields(msg, ip);
      const why = f6?.expectedChecksum === undefined ? '' : ` ${hex4(f6.checksum)}, expected ${hex4(f6.expectedChecksum)}`;
      return fail('bad-checksum', `IPv6 pseudo-header checksum${why} (the kernel drops it before keepalived sees it)`);
    }
  }
  if (msg.length < VRRP_HEADER_LEN) return fail('too-short', `${msg.length} bytes of VRRP message, need at least ${VRRP_HEADER_LEN}`);
  const f = readAdvertFields(msg, ip);
  if (f === undefined) return fail('too-short', `${msg.length} bytes of VRRP message, need at least ${VRRP_HEADER_LEN}`);
  // keepalived looks the VRID up before anything else; 0 never names an instance.
  if (f.vrid === 0) return fail('bad-vrid', 'VRID 0 is not a valid virtual router id (1..255)');
  const want = messageLength(f.version, f.count, family);
  if (msg.length !== want) {
    const over = family === 6 ? ' over IPv6' : '';
    return fail('length-mismatch', `VRRP message is ${msg.length} bytes but version ${f.version} with ${f.count} addresses${over} needs ${want}`);
  }
  const ttlFailure = ipChecks?.ttl();
  if (ttlFailure !== undefined) return ttlFailure;
  if (family === 6 && f.version !== 3) return fail('bad-version', `VRRP version ${f.version}, expected 3 (an IPv6 instance is always VRRPv3)`);
  if (f.version !== 2 && f.version !== 3) return fail('bad-version', `VRRP version ${f.version}, expected 2 or 3`);
  if (f.version === 2) {
    if (f.authType === VRRP_AUTH_AH) {
      return fail('bad-auth-type', 'auth type 2 (AH) in a packet without an AH header (IP protocol 112, not 51)');
    }
    if (f.authType !== VRRP_AUTH_NONE && f.authType !== VRRP_AUTH_PASS) {
      return fail('bad-auth-type', `auth type ${String(f.authType)}, expected 0 (none) or 1 (PASS)`);
    }
  }
  if (f.type !== VRRP_TYPE_ADVERTISEMENT) return fail('bad-type', `VRRP packet type ${f.type}, expected 1 (Advertisement)`);
  const totFailure = ipChecks?.totalLength();
  if (totFailure !== undefined) return totFailure;
  if (f.expectedChecksum === undefined) {
    return fail('bad-checksum', `cannot verify the VRRPv3 checksum: ${JSON.stringify(ip.src)} → ${JSON.stringify(ip.dst)} is not a pair of IPv4 addresses`);
  }
  if (f.checksum !== f.expectedChecksum) {
    return fail('bad-checksum', `VRRPv${f.version} checksum ${hex4(f.checksum)}, expected ${hex4(f.expectedChecksum)}`);
  }
  let auth: VrrpAuth = { type: 'none' };
  if (f.authType === VRRP_AUTH_PASS) {
    const pass = passFromAuthData(f.authData ?? new Uint8Array(0));
    if (pass === undefined) return fail('bad-auth-data', `PASS data ${toHex(f.authData ?? new Uint8Array(0), true)} is not a NUL-padded UTF-8 password`);
    auth = { type: 'PASS', pass };
  }
  const advertInt = f.version === 2 ? f.advertIntField * 1_000_000 : f.advertIntField * 10_000;
  return { ok: true, value: { version: f.version, vrid: f.vrid, priority: f.priority, advertInt, vips: f.vips, auth, checksum: f.checksum } };
}

/** A VRRP message without IP header; `ip` gives the pseudo-header v3's checksum covers. */
export function decodeAdvert(bytes: Uint8Array, ip: PseudoHeader): Decoded<Advert & { checksum: number }> {
  return checkMessage(bytes, ip, undefined);
}

/**
 * An IPv4 packet carrying a VRRP advert, as a raw socket receives it. The IP header checksum
 * and fragmentation are the kernel's checks, so they come first. `requireTtl255` (default true)
 * is RFC 5798's rule; keepalived waives it for unicast instances.
 */
export function decodeIpv4Packet(
  bytes: Uint8Array,
  opts?: { requireTtl255?: boolean },
): Decoded<{ ip: Ipv4Header; advert: Advert; checksum: number }> {
  if (bytes.length < IPV4_HEADER_LEN) return fail('too-short', `${bytes.length} bytes, an IPv4 header needs ${IPV4_HEADER_LEN}`);
  const version = (bytes[0] ?? 0) >>> 4;
  if (version !== 4) return fail('bad-ip-version', `IP version ${version}, expected 4 (IPv6 is not supported)`);
  const h = readIpv4Header(bytes);
  if (h.headerLength < IPV4_HEADER_LEN) return fail('bad-ip-header-length', `IHL ${h.headerLength / 4}, expected at least 5`);
  if (bytes.length < h.headerLength) return fail('too-short', `${bytes.length} bytes, the IPv4 header alone is ${h.headerLength}`);
  const headerSum = internetChecksum(bytes.subarray(0, h.headerLength));
  if (headerSum !== 0) {
    const zeroed = Uint8Array.from(bytes.subarray(0, h.headerLength));
    zeroed[10] = 0;
    zeroed[11] = 0;
    return fail('bad-ip-header-checksum', `IPv4 header checksum ${hex4(h.headerChecksum)}, expected ${hex4(internetChecksum(zeroed))}`);
  }
  if (h.moreFragments || h.fragmentOffset !== 0) {
    return fail('fragmented', `a fragment (MF ${h.moreFragments ? 1 : 0}, offset ${h.fragmentOffset}); adverts arrive reassembled`);
  }
  if (h.protocol !== IPPROTO_VRRP) {
    const what = h.protocol === IPPROTO_AH ? ' (AH authentication is not supported)' : '';
    return fail('not-vrrp-protocol', `IP protocol ${h.protocol}${what}, expected 112 (VRRP)`);
  }
  if (bytes.length < h.headerLength + VRRP_HEADER_LEN) {
    return fail('too-short', `${bytes.length} bytes, need the ${h.headerLength}-byte IPv4 header and ${VRRP_HEADER_LEN} bytes of VRRP header`);
  }
  const requireTtl255 = opts?.requireTtl255 ?? true;
  const r = checkMessage(bytes.subarray(h.headerLength), h, {
    ttl: () => (requireTtl255 && h.ttl !== VRRP_TTL ? fail('bad-ttl', `TTL ${h.ttl}, expected 255`) : undefined),
    totalLength: () =>
      h.totalLength !== bytes.length ? fail('bad-total-length', `IP total length ${h.totalLength} but ${bytes.length} bytes received`) : undefined,
  });
  if (!r.ok) return r;
  const { checksum, ...advert } = r.value;
  return { ok: true, value: { ip: h, advert, checksum } };
}

// ---------------------------------------------------------------------------------------------
// Hex, for test vectors and the CLI

/** Lower-case hex; `group` puts a space between bytes (the way vrrp-packets.md prints them). */
export function toHex(bytes: Uint8Array, group = false): string {
  return Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join(group ? ' ' : '');
}

/** Hex digits, optionally separated by spaces or colons; throws RangeError saying what is wrong. */
export function fromHex(text: string): Uint8Array {
  const digits = text.replace(/^\s*0x/i, '').replace(/[\s:]/g, '');
  const bad = /[^0-9a-fA-F]/.exec(digits);
  if (bad !== null) throw new RangeError(`${JSON.stringify(bad[0])} is not a hex digit`);
  if (digits.length % 2 !== 0) throw new RangeError(`odd number of hex digits (${digits.length}); every byte needs two`);
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}
