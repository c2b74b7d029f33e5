// `vrrplab packet encode|decode`: build the exact bytes keepalived 2.2.7 would send for an
// advert, or take captured bytes apart field by field with keepalived's verdict on them.
// encode prints lower-case hex without spaces; decode prints `name: value` lines (or JSON) and
// exits 1 when keepalived would reject the packet. IPv6 (VRRPv3 only) wherever IPv4 goes: the
// family follows the addresses given, or the packet's first nibble.
import type { Command } from 'commander';
import { EXIT_FAILED, InputError } from './errors.js';
import type { CommandModule } from './program.js';
import {
  decodeAdvert, decodeIpv4Packet, encodeAdvert, encodeIpv4Packet, fromHex, readAdvertFields, toHex,
  VRRP_V3_MAX_ADVERT_INT, type AdvertFields, type Decoded,
} from '../vrrp/codec.js';
import { decodeIpv6Packet, encodeIpv6Packet } from '../vrrp/codec-ipv6.js';
import { internetChecksum } from '../vrrp/checksum.js';
import { IPV4_HEADER_LEN, isIpv4, readIpv4Header, type Ipv4Header } from '../vrrp/ipv4.js';
import { IPV6_HEADER_LEN, isIpv6, readIpv6Header, type Ipv6Header } from '../vrrp/ipv6.js';
import { VRRP_MCAST_GROUP4, VRRP_MCAST_GROUP6, type Advert, type IpAddress, type Micros, type VrrpAuth } from '../vrrp/types.js';

interface EncodeOpts {
  version: string; vrid: string; priority: string; advertInt: string;
  authPass?: string; ip?: boolean; src?: string; dst?: string; ttl?: string; id?: string; flowLabel?: string;
}
interface DecodeOpts { src?: string; dst?: string; format: string; unicast?: boolean }

const at = (option: string): { file: string } => ({ file: option });

function intArg(text: string, option: string, what: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new InputError(`${what} ${JSON.stringify(text)} is out of range; expected an integer ${min}..${max}`, at(option));
  }
  return Number(text);
}

function addrArg(text: string, option: string): IpAddress {
  if (!isIpv4(text) && !isIpv6(text)) {
    throw new InputError(`${JSON.stringify(text)} is not an IP address; expected a dotted quad like 192.0.2.1 or IPv6 like fe80::1`, at(option));
  }
  return text;
}

const familyText = (a: IpAddress): 'IPv4' | 'IPv6' => (a.includes(':') ? 'IPv6' : 'IPv4');

/** One advert is one family: keepalived sends only its instance family's addresses. */
function sameFamily(a: IpAddress, b: IpAddress, option: string): void {
  if (familyText(a) !== familyText(b)) {
    throw new InputError(`${JSON.stringify(b)} is ${familyText(b)} but the advert is ${familyText(a)}; expected addresses of one family`, at(option));
  }
}

/** The multicast group of the source's family when --dst is not given. */
const defaultGroup = (src: IpAddress | undefined): IpAddress => (src?.includes(':') === true ? VRRP_MCAST_GROUP6 : VRRP_MCAST_GROUP4);

/** Decimal seconds to integer µs without going through a float ("0.05" → 50000). */
function secondsArg(text: string, version: 2 | 3): Micros {
  const m = /^(\d{1,4})(?:\.(\d{1,6}))?$/.exec(text);
  if (m === null) throw new InputError(`${JSON.stringify(text)} is not a number of seconds like 1 or 0.5`, at('--advert-int'));
  const us = Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
  if (version === 2 && (us % 1_000_000 !== 0 || us > 255_000_000)) {
    throw new InputError(`${text} s cannot be sent by VRRPv2; expected whole seconds 0..255`, at('--advert-int'));
  }
  if (version === 3 && (us % 10_000 !== 0 || us > VRRP_V3_MAX_ADVERT_INT)) {
    throw new InputError(`${text} s cannot be sent by VRRPv3; expected a multiple of 0.01 s up to 40.95`, at('--advert-int'));
  }
  return us;
}

/** keepalived keeps the first 8 bytes of auth_pass (vrrp_auth_pass_handler) and warns. */
function passArg(text: string, warn: (t: string) => void): VrrpAuth {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= 8) return { type: 'PASS', pass: text };
  let pass: string;
  try {
    pass = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 8));
  } catch {
    throw new InputError('the first 8 bytes (all keepalived uses) end inside a UTF-8 character; give at most 8 bytes', at('--auth-pass'));
  }
  warn(`vrrplab: --auth-pass: truncating to 8 bytes ${JSON.stringify(pass)} as keepalived does\n`);
  return { type: 'PASS', pass };
}

function encodeAction(vips: string[], o: EncodeOpts, warn: (t: string) => void): string {
  const version = intArg(o.version, '--version', 'VRRP version', 2, 3) as 2 | 3;
  const vrid = intArg(o.vrid, '--vrid', 'VRID', 1, 255);
  const priority = intArg(o.priority, '--priority', 'priority', 0, 255);
  const advertInt = secondsArg(o.advertInt, version);
  const src0 = o.src === undefined ? undefined : addrArg(o.src, '--src');
  // Without --src the VIPs say which group the advert goes to.
  const dst = o.dst === undefined ? defaultGroup(src0 ?? vips[0]) : addrArg(o.dst, '--dst');
  const v6 = familyText(dst) === 'IPv6';
  if (src0 !== undefined) sameFamily(dst, src0, '--src');
  vips.forEach((v) => sameFamily(dst, addrArg(v, 'VIP'), 'VIP'));
  if (v6 && version === 2) throw new InputError('VRRPv2 does not run over IPv6 (keepalived makes an IPv6 instance version 3); use --version 3', at('--version'));
  if (v6 && o.id !== undefined) throw new InputError('--id is the IPv4 identification; an IPv6 header has none (drop --id or give --flow-label)', at('--id'));
  if (!v6 && o.flowLabel !== undefined) throw new InputError('--flow-label is for IPv6 headers; drop it or give IPv6 addresses', at('--flow-label'));
  if (vips.length > 255) throw new InputError(`${vips.length} VIPs do not fit the 8-bit count; expected at most 255`, at('VIP'));
  if (o.authPass !== undefined && version === 3) throw new InputError('VRRPv3 adverts carry no authentication; drop --auth-pass or use --version 2', at('--auth-pass'));
  const auth: VrrpAuth = o.authPass === undefined ? { type: 'none' } : passArg(o.authPass, warn);
  if (src0 === undefined && (version === 3 || o.ip === true)) {
    const fam = familyText(dst);
    const why = o.ip === true ? `the ${fam} header needs a source address` : `a VRRPv3 checksum covers the ${fam} source address`;
    throw new InputError(`${why}; give --src ADDR`, at('--src'));
  }
  // v2's checksum ignores addresses, so a v2 message alone needs no --src.
  const src = src0 ?? '0.0.0.0';
  const advert: Advert = { version, vrid, priority, advertInt, vips, auth };
  if (o.ip !== true) return toHex(encodeAdvert(advert, { src, dst }));
  const ttl = intArg(o.ttl ?? '255', '--ttl', v6 ? 'hop limit' : 'TTL', 0, 255);
  if (v6) {
    const flowLabel = intArg(o.flowLabel ?? '0', '--flow-label', 'flow label', 0, 0xfffff);
    return toHex(encodeIpv6Packet(advert, { src, dst, hopLimit: ttl, flowLabel }));
  }
  const id = intArg(o.id ?? '1', '--id', 'IP identification', 0, 0xffff);
  return toHex(encodeIpv4Packet(advert, { src, dst, ttl, id }));
}

// ---------------------------------------------------------------------------------------------

type ChecksumStatus = { status: 'good' | 'bad'; expected: number } | { status: 'unverified'; expected: null };

interface Dissection {
  readonly ip: (Ipv4Header & { readonly checksumStatus: ChecksumStatus }) | undefined;
  /** IPv6 has no header checksum; the VRRP checksum is the pseudo-header one. */
  readonly ip6: Ipv6Header | undefined;
  readonly vrrp: (AdvertFields & { readonly checksumStatus: ChecksumStatus }) | undefined;
  readonly result: Decoded<{ advert: Advert; checksum: number }>;
}

const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;

function status(actual: number, expected: number | undefined): ChecksumStatus {
  if (expected === undefined) return { status: 'unverified', expected: null };
  return { status: actual === expected ? 'good' : 'bad', expected };
}

function vrrpView(msg: Uint8Array, ip: { src: IpAddress; dst: IpAddress }): Dissection['vrrp'] {
  const f = readAdvertFields(msg, ip);
  return f === undefined ? undefined : { ...f, checksumStatus: status(f.checksum, f.expectedChecksum) };
}

function dissect6(bytes: Uint8Array, o: DecodeOpts): Dissection {
  const r = decodeIpv6Packet(bytes, { requireHopLimit255: o.unicast !== true });
  const result: Dissection['result'] = r.ok ? { ok: true, value: { advert: r.value.advert, checksum: r.value.checksum } } : r;
  if (bytes.length < IPV6_HEADER_LEN) return { ip: undefined, ip6: undefined, vrrp: undefined, result };
  const h = readIpv6Header(bytes);
  // What keepalived's socket is handed: the payload as the header sizes it (ipv6_rcv trims padding).
  const vrrp = vrrpView(bytes.subarray(IPV6_HEADER_LEN, IPV6_HEADER_LEN + h.payloadLength), h);
  return { ip: undefined, ip6: h, vrrp, result };
}

function dissect(bytes: Uint8Array, o: DecodeOpts): Dissection {
  const first = (bytes[0] ?? 0) >>> 4;
  if ((first === 4 || first === 6) && (o.src !== undefined || o.dst !== undefined)) {
    throw new InputError(`this is an IPv${first} packet: its own header gives source and destination; drop --src/--dst`, at('--src'));
  }
  if (first === 6) return dissect6(bytes, o);
  if (first === 4) {
    const result = decodeIpv4Packet(bytes, { requireTtl255: o.unicast !== true });
    if (bytes.length < IPV4_HEADER_LEN) return { ip: undefined, ip6: undefined, vrrp: undefined, result };
    const h = readIpv4Header(bytes);
    const hl = Math.max(IPV4_HEADER_LEN, h.headerLength);
    let ipStatus: ChecksumStatus = { status: 'unverified', expected: null };
    if (bytes.length >= hl) {
      const zeroed = bytes.slice(0, hl);
      zeroed[10] = 0;
      zeroed[11] = 0;
      ipStatus = status(h.headerChecksum, internetChecksum(zeroed));
    }
    return {
      ip: { ...h, checksumStatus: ipStatus },
      ip6: undefined,
      vrrp: vrrpView(bytes.subarray(hl), h),
      result: result.ok ? { ok: true, value: { advert: result.value.advert, checksum: result.value.checksum } } : result,
    };
  }
  if (first !== 2 && first !== 3) {
    throw new InputError(
      `first byte 0x${(bytes[0] ?? 0).toString(16).padStart(2, '0')} starts neither an IPv4/IPv6 header (0x4?/0x6?) nor a VRRP v2/v3 message (0x2?/0x3?)`,
      at('HEX'),
    );
  }
  if (first === 3 && o.src === undefined) {
    throw new InputError('a VRRPv3 checksum covers the source and destination; give --src ADDR (and --dst unless 224.0.0.18 or ff02::12)', at('--src'));
  }
  const src = o.src === undefined ? undefined : addrArg(o.src, '--src');
  const dst = o.dst === undefined ? defaultGroup(src) : addrArg(o.dst, '--dst');
  if (src !== undefined) sameFamily(dst, src, '--src');
  const ip = { src: src ?? '0.0.0.0', dst };
  const r = decodeAdvert(bytes, ip);
  let result: Dissection['result'];
  if (r.ok) {
    const { checksum, ...advert } = r.value;
    result = { ok: true, value: { advert, checksum } };
  } else {
    result = r;
  }
  return { ip: undefined, ip6: undefined, vrrp: vrrpView(bytes, ip), result };
}

function checksumText(actual: number, s: ChecksumStatus): string {
  if (s.status === 'good') return `${hex4(actual)} [Good]`;
  if (s.status === 'bad') return `${hex4(actual)} [Bad, expected ${hex4(s.expected)}]`;
  return `${hex4(actual)} [Unverified]`;
}

const AUTH_NAMES: Readonly<Record<number, string>> = { 0: 'none', 1: 'PASS', 2: 'AH' };

// Text keys are the JSON paths (--format json), so one vocabulary serves both.
function textLines(d: Dissection): string[] {
  const lines: string[] = [];
  if (d.ip !== undefined) {
    const h = d.ip;
    lines.push(
      'ip.version: 4',
      `ip.headerLength: ${h.headerLength}`,
      `ip.tos: 0x${h.tos.toString(16).padStart(2, '0')}`,
      `ip.totalLength: ${h.totalLength}`,
      `ip.id: ${h.id}`,
      `ip.dontFragment: ${h.dontFragment}`,
      `ip.moreFragments: ${h.moreFragments}`,
      `ip.fragmentOffset: ${h.fragmentOffset}`,
      `ip.ttl: ${h.ttl}`,
      `ip.protocol: ${h.protocol}`,
      `ip.headerChecksum: ${checksumText(h.headerChecksum, h.checksumStatus)}`,
      `ip.src: ${h.src}`,
      `ip.dst: ${h.dst}`,
    );
  }
  if (d.ip6 !== undefined) {
    const h = d.ip6;
    lines.push(
      `ip.version: ${h.version}`,
      `ip.trafficClass: 0x${h.trafficClass.toString(16).padStart(2, '0')}`,
      `ip.flowLabel: 0x${h.flowLabel.toString(16).padStart(5, '0')}`,
      `ip.payloadLength: ${h.payloadLength}`,
      `ip.nextHeader: ${h.nextHeader}`,
      `ip.hopLimit: ${h.hopLimit}`,
      `ip.src: ${h.src}`,
      `ip.dst: ${h.dst}`,
    );
  }
  if (d.vrrp !== undefined) {
    const f = d.vrrp;
    lines.push(
      `vrrp.version: ${f.version}`,
      `vrrp.type: ${f.type}${f.type === 1 ? ' (Advertisement)' : ''}`,
      `vrrp.vrid: ${f.vrid}`,
      `vrrp.priority: ${f.priority}`,
      `vrrp.count: ${f.count}`,
    );
    if (f.authType !== undefined) lines.push(`vrrp.authType: ${f.authType}${AUTH_NAMES[f.authType] === undefined ? '' : ` (${AUTH_NAMES[f.authType]})`}`);
    if (f.version === 2) lines.push(`vrrp.advertIntField: ${f.advertIntField} s`);
    else lines.push(`vrrp.advertIntField: ${f.advertIntField} cs (${(f.advertIntField / 100).toFixed(2)} s)`);
    lines.push(`vrrp.checksum: ${checksumText(f.checksum, f.checksumStatus)}`);
    for (const v of f.vips) lines.push(`vrrp.vips: ${v}`);
    if (f.authData !== undefined) lines.push(`vrrp.authData: ${toHex(f.authData, true)}`);
  }
  lines.push(d.result.ok ? 'result: ok' : `result: ${d.result.reason}: ${d.result.detail}`);
  return lines;
}

function jsonView(d: Dissection): unknown {
  return {
    ip: d.ip !== undefined ? { version: 4, ...d.ip } : d.ip6,
    vrrp: d.vrrp === undefined ? undefined : { ...d.vrrp, authData: d.vrrp.authData === undefined ? undefined : toHex(d.vrrp.authData) },
    result: d.result,
  };
}

function hexArg(words: readonly string[]): Uint8Array {
  try {
    return fromHex(words.join(''));
  } catch (e) {
    throw new InputError(`${e instanceof Error ? e.message : String(e)}; expected hex bytes like 21 33 64 01 or 21336401`, at('HEX'));
  }
}

export const register: CommandModule = (program: Command, io, setExit) => {
  const packet = program.command('packet').description('encode or decode VRRP advertisements byte-exact with keepalived 2.2.7 (IPv4, and VRRPv3 over IPv6)')
    // Commander would print the whole help on stderr for a bare `packet`; bad input gets one line.
    .helpCommand(true)
    .action(() => { throw new InputError('missing subcommand; expected encode or decode', { file: 'packet' }); });

  packet
    .command('encode')
    .description('print the advert keepalived would send, as lower-case hex (VRRP message, or with --ip the IPv4/IPv6 packet)')
    .argument('[vips...]', 'virtual addresses (all IPv4 or all IPv6) in configuration order')
    .option('--version <n>', 'VRRP version 2 or 3', '2')
    .requiredOption('--vrid <n>', 'virtual router id 1..255')
    .option('--priority <n>', 'effective priority 0..255 (0 = resigning)', '100')
    .option('--advert-int <seconds>', 'advertisement interval (v2 whole seconds, v3 multiples of 0.01)', '1')
    .option('--auth-pass <pass>', 'v2 PASS authentication (first 8 bytes, as keepalived)')
    .option('--ip', 'prepend the IP header keepalived (IPv4) or the kernel for it (IPv6) builds (needs --src)')
    .option('--src <addr>', 'source address (required for v3 and with --ip; IPv6: the link-local one)')
    .option('--dst <addr>', 'destination: the multicast group (default 224.0.0.18, or ff02::12 for an IPv6 --src) or a unicast peer')
    .option('--ttl <n>', 'IPv4 TTL / IPv6 hop limit (keepalived: 255, or unicast_ttl) (default: 255)')
    .option('--id <n>', 'IPv4 identification (keepalived: 1 for an instance\'s first advert, then +1) (default: 1)')
    .option('--flow-label <n>', 'IPv6 flow label: the kernel\'s choice, per flow with net.ipv6.auto_flowlabels (default: 0)')
    .action((vips: string[], o: EncodeOpts) => {
      io.out(`${encodeAction(vips, o, io.err)}\n`);
    });

  packet
    .command('decode')
    .description('show every field of a captured advert (IPv4/IPv6 packet or VRRP message) and whether keepalived would accept it; exit 1 if not')
    .argument('<hex...>', 'the bytes in hex; spaces and colons allowed')
    .option('--src <addr>', 'source address, for a bare VRRPv3 message\'s checksum')
    .option('--dst <addr>', 'destination address for a bare VRRPv3 message (default 224.0.0.18, or ff02::12 for an IPv6 --src)')
    .option('--unicast', 'judge as a unicast instance does: TTL/hop limit need not be 255')
    .option('--format <fmt>', 'text or json', 'text')
    .action((words: string[], o: DecodeOpts) => {
      if (o.format !== 'text' && o.format !== 'json') throw new InputError(`unknown format ${JSON.stringify(o.format)}; expected text or json`, at('--format'));
      const d = dissect(hexArg(words), o);
      io.out(o.format === 'json' ? `${JSON.stringify(jsonView(d), null, 2)}\n` : `${textLines(d).join('\n')}\n`);
      if (!d.result.ok) setExit(EXIT_FAILED);
    });
};
