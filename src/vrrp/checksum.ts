// The Internet checksum (RFC 1071) that VRRP v2, v3's IPv4 pseudo-header form and the IPv4
// header all use. Taking several chunks lets v3 sum the pseudo-header and the message without
// first copying them into one buffer.

/**
 * One's-complement of the one's-complement 16-bit sum of `chunks`, as if concatenated.
 * Every chunk but the last must have even length (pseudo-header and headers always do).
 * Over data whose checksum field holds the right value the result is 0.
 */
export function internetChecksum(...chunks: readonly Uint8Array[]): number {
  let sum = 0;
  for (const c of chunks) {
    const even = c.length & ~1;
    for (let i = 0; i < even; i += 2) sum += ((c[i] ?? 0) << 8) | (c[i + 1] ?? 0);
    if (c.length & 1) sum += (c[c.length - 1] ?? 0) << 8;
    // Folding per chunk keeps the sum far below 2^53 whatever the input size.
    sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
