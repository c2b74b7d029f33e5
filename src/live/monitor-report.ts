// How monitor findings and the per-VRID table read: one text line per event as it happens and a
// table at the end, or JSON Lines with the same facts. Times are seconds since monitoring began.
import type { Micros } from '../vrrp/types.js';
import { safeJson } from '../cli/errors.js';
import { isMulticast } from '../vrrp/address.js';
import type { Family, Finding, MonitorState, SourceView, VridInfo } from './monitor-state.js';

const secs = (us: Micros): string => (us / 1_000_000).toFixed(3);
const ivl = (us: Micros): string => `${(us / 1_000_000).toString()}s`;

export function findingText(f: Finding, t0: Micros): string {
  const at = `+${secs(f.at - t0)}s`;
  const vr = (v: number | undefined): string => `${v === undefined ? 'VRID ?' : `VRID ${v}`}${f.family === 6 ? ' (IPv6)' : ''}`;
  switch (f.type) {
    case 'master':
      return `${at} ${vr(f.vrid)}: master ${f.to} (priority ${f.priority})${f.from === null ? '' : `, was ${f.from}`}`;
    case 'split-brain':
      return `${at} ${vr(f.vrid)}: SPLIT BRAIN: ${f.sources.map((s) => `${s.src} (priority ${s.priority})`).join(' and ')} all advertise as master`;
    case 'split-brain-over':
      return `${at} ${vr(f.vrid)}: split brain over, master ${f.master ?? 'none'}`;
    case 'vrid-collision':
      return f.what === 'version'
        ? `${at} ${vr(f.vrid)}: VRID COLLISION: ${f.a.src} speaks VRRPv${f.a.version}, ${f.b.src} VRRPv${f.b.version}`
        : `${at} ${vr(f.vrid)}: VRID COLLISION: ${f.a.src} advertises [${f.a.vips.join(' ')}], ${f.b.src} [${f.b.vips.join(' ')}]`;
    case 'interval-mismatch':
      return `${at} ${vr(f.vrid)}: advert interval mismatch: ${f.a.src} ${ivl(f.a.advertInt)}, ${f.b.src} ${ivl(f.b.advertInt)} (VRRPv2 receivers drop each other's adverts)`;
    case 'bad-ttl':
      return `${at} ${vr(f.vrid)}: TTL ${f.ttl} from ${f.src}, expected 255${isMulticast(f.dst) ? ' (multicast receivers drop it)' : ' (unicast: keepalived accepts it)'}`;
    case 'bad-checksum':
      return `${at} ${vr(f.vrid)}: bad checksum from ${f.src}: ${f.detail}`;
    case 'invalid':
      return `${at} ${vr(f.vrid)}: invalid packet from ${f.src} (${f.reason}): ${f.detail}`;
    case 'resignation':
      return `${at} ${vr(f.vrid)}: ${f.src} resigns (priority 0)`;
    case 'silent':
      return `${at} ${vr(f.vrid)}: silent: no advert since +${secs(f.lastSeen - t0)}s${f.master === null ? '' : ` (last master ${f.master})`}`;
    case 'resumed':
      return `${at} ${vr(f.vrid)}: adverts again, from ${f.src}`;
  }
}

// JSON Lines in `vrrplab run`'s vocabulary: `type` names the line, times are seconds since start.
const sec = (us: Micros): number => us / 1_000_000;
const view = (v: SourceView): object => ({ ...v, advertInt: sec(v.advertInt) });

export function findingJson(f: Finding, t0: Micros): string {
  const { at, type, ...rest } = f;
  const extra = {
    ...('lastSeen' in f ? { lastSeen: sec(f.lastSeen - t0) } : {}),
    ...('a' in f ? { a: view(f.a), b: view(f.b) } : {}),
  };
  return `${safeJson({ t: sec(at - t0), type, ...rest, ...extra })}\n`;
}

export function startJson(iface: string, duration: Micros | undefined): string {
  return `${JSON.stringify({ t: 0, type: 'start', interface: iface, duration: duration === undefined ? null : sec(duration) })}\n`;
}

interface Row {
  readonly family: Family;
  readonly vrid: number;
  readonly master: string;
  readonly priority: number | null;
  readonly advertInt: Micros | null;
  readonly version: number | null;
  readonly vips: readonly string[];
  readonly lastSeen: Micros;
  readonly adverts: number;
  readonly flags: readonly string[];
}

function rowOf(v: VridInfo, t0: Micros): Row {
  const m = v.master === null ? undefined : v.sources.get(v.master);
  const latest = m ?? [...v.sources.values()].sort((a, b) => b.lastSeen - a.lastSeen)[0];
  const flags: string[] = [];
  if (v.splitBrain) flags.push('split-brain');
  if (v.silent) flags.push('silent');
  if (v.resignations > 0) flags.push(`resigned×${v.resignations}`);
  if (v.invalid > 0) flags.push(`invalid×${v.invalid}`);
  if (v.sources.size > 1) flags.push(`sources:${[...v.sources.keys()].join(',')}`);
  return {
    vrid: v.vrid, family: v.family, master: v.master ?? '-', priority: m?.priority ?? null, advertInt: latest?.advertInt ?? null,
    version: latest?.version ?? null, vips: latest?.vips ?? [], lastSeen: v.lastSeen - t0, adverts: v.adverts, flags,
  };
}

const rowsOf = (s: MonitorState, t0: Micros): Row[] => [...s.vrids.values()].sort((a, b) => a.vrid - b.vrid || a.family - b.family).map((v) => rowOf(v, t0));

export function tableText(s: MonitorState, t0: Micros): string {
  const rows = rowsOf(s, t0);
  if (rows.length === 0) return 'no VRRP adverts seen\n';
  const head = ['VRID', 'MASTER', 'PRIO', 'INT', 'VER', 'VIPS', 'LAST', 'ADVERTS', 'FLAGS'];
  const cells = rows.map((r) => [
    r.family === 6 ? `${r.vrid}/IPv6` : String(r.vrid), r.master, r.priority === null ? '-' : String(r.priority), r.advertInt === null ? '-' : ivl(r.advertInt),
    r.version === null ? '-' : `v${r.version}`, r.vips.join(',') || '-', `+${secs(r.lastSeen)}s`, String(r.adverts), r.flags.join(' ') || '-',
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]): string => c.map((x, i) => x.padEnd(width[i] ?? 0)).join('  ').trimEnd();
  return `${[head, ...cells].map(line).join('\n')}\n`;
}

export function tableJson(s: MonitorState, t0: Micros): string {
  return rowsOf(s, t0).map((r) => `${JSON.stringify({ type: 'vrid', ...r, advertInt: r.advertInt === null ? null : sec(r.advertInt), lastSeen: sec(r.lastSeen) })}\n`).join('');
}
