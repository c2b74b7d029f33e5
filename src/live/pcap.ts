// A pcap byte stream (what `dumpcap -w -` writes) into the IPv4 and IPv6 packets it carries, fed in
// arbitrary chunks. Pure, so the framing is testable without a capture. Format: libpcap's
// savefile (24-byte global header with magic and link type, then 16-byte record headers).
const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = 0x8100;
/** Link types (pcap-linktype(7)): Ethernet, raw IP (two numberings), IPv4, Linux cooked v1/v2. */
const LINK_ETHERNET = 1;
const LINK_RAW = new Set([12, 14, 101, 228]);
const LINK_SLL = 113;
const LINK_SLL2 = 276;

export interface PcapReader {
  /** Feeds the next chunk; returns the IP packets completed by it. Throws on a non-pcap stream. */
  readonly push: (chunk: Uint8Array) => Uint8Array[];
}

export function pcapReader(): PcapReader {
  let buf: Buffer = Buffer.alloc(0);
  let le: boolean | undefined;
  let link = 0;
  const u32 = (b: Buffer, at: number): number => (le === true ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const ipOf = (frame: Buffer): Uint8Array | undefined => {
    if (LINK_RAW.has(link)) return frame;
    let off: number;
    let type: number;
    if (link === LINK_ETHERNET) {
      if (frame.length < 14) return undefined;
      off = 12;
      type = frame.readUInt16BE(off);
      if (type === ETHERTYPE_VLAN && frame.length >= 18) { off += 4; type = frame.readUInt16BE(off); }
      off += 2;
    } else if (link === LINK_SLL) {
      if (frame.length < 16) return undefined;
      type = frame.readUInt16BE(14);
      off = 16;
    } else if (link === LINK_SLL2) {
      if (frame.length < 20) return undefined;
      type = frame.readUInt16BE(0);
      off = 20;
    } else return undefined;
    return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? frame.subarray(off) : undefined;
  };
  return {
    push: (chunk) => {
      buf = buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([buf, chunk]);
      const out: Uint8Array[] = [];
      if (le === undefined) {
        if (buf.length < 24) return out;
        const magic = buf.readUInt32LE(0);
        if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) le = true;
        else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) le = false;
        else throw new Error(`not a pcap stream (magic 0x${magic.toString(16)})`);
        link = u32(buf, 20) & 0x0fffffff;
        buf = buf.subarray(24);
      }
      while (buf.length >= 16) {
        const incl = u32(buf, 8);
        if (incl > 262_144) throw new Error(`pcap record of ${incl} bytes: not a pcap stream`);
        if (buf.length < 16 + incl) break;
        const ip = ipOf(buf.subarray(16, 16 + incl));
        if (ip !== undefined) out.push(Uint8Array.from(ip));
        buf = buf.subarray(16 + incl);
      }
      return out;
    },
  };
}
