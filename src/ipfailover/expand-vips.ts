// What the ipfailover image makes of OPENSHIFT_HA_VIRTUAL_IPS (utils.sh expand_ip_ranges):
// an emulation of the shell pipeline, quirks included, because those quirks decide which
// addresses end up in keepalived.conf (ipfailover-generator.md §3).

const IPV4_GROUP = '[0-2]?[0-9]{1,2}';
const IPV4_SHAPE = new RegExp(`^(${IPV4_GROUP}\\.){3}(${IPV4_GROUP})$`);
const X = '[0-9A-Fa-f]{1,4}';
const IPV6_SHAPE1 = new RegExp(`^(${X}:){7}(${X})$`);
const IPV6_SHAPE2 = new RegExp(`^::(${X}:){0,6}(${X})$`);
const IPV6_SHAPE3 = new RegExp(`^(${X}:){0,6}:(${X}:){0,6}(${X})$`);
const IPV6_VALID3 = new RegExp(`^(${X}:+){1,6}(${X})$`);

/** validate_ipv4: the regex plus "no octet above 255". */
export function imageIsIpv4(s: string): boolean {
  return IPV4_SHAPE.test(s) && s.split('.').every((o) => Number(o) <= 255);
}

/** validate_ipv6. */
export function imageIsIpv6(s: string): boolean {
  return IPV6_SHAPE1.test(s) || IPV6_SHAPE2.test(s) || (IPV6_SHAPE3.test(s) && IPV6_VALID3.test(s));
}

/** Everything the sed step keeps; the rest (spaces, '/', letters past f) is deleted. */
export function imageScrubVipText(text: string): string {
  return text.replace(/[^0-9a-fA-F:.,\-\n]/g, '');
}

/** Tokens of the scrubbed list, as the unquoted `for` loop sees them. */
export function imageVipTokens(text: string): string[] {
  return imageScrubVipText(text).split(/[,\n]/).filter((t) => t !== '');
}

/** awk -F'-' field n (1-based), "" when absent. */
function dashField(s: string, n: number): string {
  return s.split('-')[n - 1] ?? '';
}

function lastField(s: string, sep: string): string {
  const parts = s.split(sep);
  return parts[parts.length - 1] ?? '';
}

/**
 * GNU seq with the words the unquoted `seq $a $b` receives (empty expansions vanish):
 * one word counts from 1. Anything that is not a decimal number makes seq fail silently.
 */
function seq(words: readonly string[]): bigint[] {
  const ws = words.filter((w) => w !== '');
  if (ws.length === 0 || ws.length > 2 || !ws.every((w) => /^[0-9]+$/.test(w))) return [];
  const [a, b] = ws.length === 1 ? [1n, BigInt(ws[0] ?? '0')] : [BigInt(ws[0] ?? '0'), BigInt(ws[1] ?? '0')];
  const out: bigint[] = [];
  // A guard against a pathological list; the real pod would render these all.
  for (let n = a; n <= b && out.length < 65536; n++) out.push(n);
  return out;
}

/**
 * `echo "ibase=16; X" | bc` (GNU bc): only upper-case letters are hex digits. A lower-case word
 * such as `a`, `fe` or `a1` is a variable name, which bc prints as 0, and so is a lone `.` (the
 * last value); a number run into a name (`1f39`, `Ab`) or a colon is an error, which prints
 * nothing. Fractions (`1.8` is 1.5) would go on into seq as decimals; they are not emulated.
 */
function bcHex(s: string): string {
  if (/^[0-9A-F]+$/.test(s)) return BigInt(`0x${s}`).toString(10);
  if (/^[a-z][a-z0-9]*$/.test(s) || s === '.') return '0';
  return '';
}

function expandIpv4Range(token: string): string[] {
  const ip1 = dashField(token, 1);
  const ip2 = dashField(token, 2);
  if (ip2 === '') return [ip1];
  const base = ip1.split('.').slice(0, 3).join('.');
  return seq([lastField(ip1, '.'), lastField(ip2, '.')]).map((n) => `${base}.${n}`);
}

function expandIpv6Range(token: string): string[] {
  const ip1 = dashField(token, 1);
  const ip2 = dashField(token, 2);
  if (ip2 === '') return [ip1];
  const start = lastField(ip1, ':');
  const base = start !== '' && ip1.endsWith(start) ? ip1.slice(0, ip1.length - start.length) : ip1;
  return seq([bcHex(start), bcHex(ip2)]).map((n) => `${base}${n.toString(16).toUpperCase()}`);
}

/** The VIPs, in order, that the image puts into keepalived.conf for this list. */
export function imageExpandVips(text: string): string[] {
  const out: string[] = [];
  for (const token of imageVipTokens(text)) {
    const ip1 = dashField(token, 1);
    if (imageIsIpv4(ip1)) out.push(...expandIpv4Range(token));
    else if (imageIsIpv6(ip1)) out.push(...expandIpv6Range(token));
  }
  return out;
}

/** How the image slices the VIPs into instances (OPENSHIFT_HA_VIP_GROUPS). */
export function imageVipGroups(vips: readonly string[], groups: number): string[][] {
  const out: string[][] = [];
  if (groups <= 0) return vips.map((v) => [v]);
  const per = Math.floor(vips.length / groups);
  let mod = vips.length % groups;
  let at = 0;
  while (at < vips.length) {
    let count = per;
    if (mod > 0) { count++; mod--; }
    out.push(vips.slice(at, at + count));
    at += count;
  }
  return out;
}
