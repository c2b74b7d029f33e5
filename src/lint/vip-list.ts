// What the operator meant by a VIP list (the CLI's reading: comma-separated, trimmed, `IP` or
// `a.b.c.d-N`) against what the image does with it (expand-vips.ts). Every difference is a VIP
// that silently goes missing or appears from nowhere.
import { imageExpandVips, imageIsIpv6 } from '../ipfailover/expand-vips.js';

export interface VipProblem {
  readonly element: string;
  readonly message: string;
  readonly fix: string;
}

function isIpv4(s: string): boolean {
  return /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s);
}

/** The CLI's meaning of one element, or undefined when oc would reject it. */
function meant(element: string): string[] | undefined {
  if (!element.includes('-')) return isIpv4(element) || imageIsIpv6(element) ? [element] : undefined;
  const parts = element.split('-');
  if (parts.length !== 2) return undefined;
  const [start = '', end = ''] = parts;
  if (!isIpv4(start) || !/^[0-9]+$/.test(end) || Number(end) > 255) return undefined;
  const base = start.split('.').slice(0, 3).join('.');
  const s = Number(start.split('.')[3]);
  const e = Number(end);
  const out: string[] = [];
  for (let n = s; n <= e; n++) out.push(`${base}.${n}`);
  return out;
}

function list(vips: readonly string[]): string {
  return vips.length === 0 ? 'no VIP' : vips.length > 4 ? `${vips.length} VIPs (${vips.slice(0, 3).join(', ')}, ...)` : vips.join(', ');
}

export function vipListProblems(text: string): VipProblem[] {
  const problems: VipProblem[] = [];
  const elements = text.split(',').map((e) => e.trim()).filter((e) => e !== '');
  if (elements.length === 0) {
    return [{ element: '', message: 'no virtual IPs: the pod writes no vrrp_instance and nothing fails over (oc: you must specify at least one virtual IP address)', fix: 'list the VIPs, e.g. 192.0.2.101-102' }];
  }
  for (const element of elements) {
    const image = imageExpandVips(element);
    const want = meant(element);
    if (/\s/.test(element)) {
      problems.push({ element, message: `'${element}' has a space inside; the image deletes spaces and gets ${list(image)}`, fix: 'separate VIPs and ranges with commas only' });
    } else if (element.includes('/')) {
      problems.push({ element, message: `'${element}' has a /prefix; the image deletes the '/' and gets ${list(image)}`, fix: 'write bare addresses: keepalived adds them as /32 (/128)' });
    } else if (element.includes(':') && element.includes('-')) {
      const msg = /[a-f]/.test(element)
        ? `IPv6 range '${element}' has lower-case hex; the image's bc expansion fails and gets ${list(image)}`
        : `IPv6 range '${element}': oc adm ipfailover rejects IPv6 ranges; the image gets ${list(image)}`;
      problems.push({ element, message: msg, fix: 'list IPv6 VIPs one by one (or write ranges in upper case in a 4.x Deployment)' });
    } else if (want === undefined) {
      const range = /^([0-9.]+)-([0-9]+)$/.exec(element);
      const reversed = range !== null && isIpv4(range[1] ?? '') && Number((range[1] ?? '').split('.')[3]) > Number(range[2]);
      problems.push({
        element,
        message: reversed
          ? `range '${element}' runs backwards; the image gets ${list(image)} and oc rejects it (start > end)`
          : `'${element}' is not an address or a.b.c.d-N range; the image gets ${list(image)} and oc rejects it`,
        fix: 'write IP or a.b.c.START-END with START <= END (only the last octet varies)',
      });
    } else if (want.length === 0) {
      problems.push({ element, message: `range '${element}' runs backwards: the image gets ${list(image)} and oc rejects it (start > end)`, fix: 'write a.b.c.START-END with START <= END' });
    } else if (want.join(' ') !== image.join(' ')) {
      problems.push({ element, message: `'${element}' gives ${list(image)} in the image, not ${list(want)}`, fix: 'write plain addresses or a.b.c.START-END ranges' });
    }
  }
  return problems;
}
