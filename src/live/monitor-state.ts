// What `vrrplab monitor` concludes from the adverts it overhears, as a pure function:
// (state, packet | tick, now) -> state + findings. The socket side only decodes and forwards,
// so every rule here is testable with synthetic packets and a made-up clock.
import type { Advert, IpAddress, Micros, VrrpVersion } from '../vrrp/types.js';
import type { DecodeFailure } from '../vrrp/codec.js';

/** A packet as the monitor saw it: decoded (TTL not yet judged) or rejected by the codec. */
export type Observation =
  | { readonly kind: 'advert'; readonly src: IpAddress; readonly dst: IpAddress; readonly ttl: number; readonly advert: Advert }
  | {
      readonly kind: 'invalid'; readonly src: IpAddress; readonly dst: IpAddress; readonly ttl: number;
      readonly reason: DecodeFailure; readonly detail: string;
      /** From the raw header when at least 8 VRRP bytes were there. */
      readonly vrid: number | undefined;
    };

/**
 * A virtual router is a VRID within an address family (RFC 5798 §5.2.3 and §7.1: IPv4 and IPv6
 * virtual routers are separate and may share a VRID), so a dual-stack pair on VRID 51 is two
 * routers, not a collision. The family is the packet's own.
 */
export type Family = 4 | 6;

export const familyOf = (obs: Observation): Family => (obs.dst.includes(':') || obs.src.includes(':') ? 6 : 4);

/** The key of `MonitorState.vrids`. */
export const vridKey = (family: Family, vrid: number): string => `${family}/${vrid}`;

export type MonitorInput = { readonly type: 'packet'; readonly obs: Observation } | { readonly type: 'tick' };

/** The latest advert one source sent for one VRID. */
export interface SourceInfo {
  readonly src: IpAddress;
  readonly version: VrrpVersion;
  readonly priority: number;
  readonly advertInt: Micros;
  readonly vips: readonly IpAddress[];
  readonly lastSeen: Micros;
  /** The last two non-zero-priority adverts: enough to see two sources interleave. */
  readonly lastNonZero: Micros | null;
  readonly prevNonZero: Micros | null;
}

export interface VridInfo {
  readonly family: Family;
  readonly vrid: number;
  /** Source of the latest non-zero-priority advert; null before one or after a resignation. */
  readonly master: IpAddress | null;
  readonly sources: ReadonlyMap<IpAddress, SourceInfo>;
  readonly lastSeen: Micros;
  readonly adverts: number;
  readonly resignations: number;
  readonly invalid: number;
  readonly splitBrain: boolean;
  readonly silent: boolean;
}

export interface MonitorState {
  /** vridKey(family, vrid) -> what is known of that virtual router. */
  readonly vrids: ReadonlyMap<string, VridInfo>;
  /** Once-only findings (per source/VRID/kind) already reported -> when; oldest first. */
  readonly reported: ReadonlyMap<string, Micros>;
}

// The monitor listens to whatever reaches the wire, spoofed adverts from ever-new sources
// included, so its state is bounded: per-packet work is then constant however long it runs.
/** Sources kept per VRID; the least recently heard goes first. */
export const MAX_SOURCES_PER_VRID = 32;
/** Once-only finding keys kept; the oldest goes first (and may be reported again). */
export const MAX_REPORTED = 512;
/** A once-only finding is repeated after this long, so a condition that persists is not forgotten. */
export const REPORT_AGAIN_AFTER: Micros = 10 * 60 * 1_000_000;

export type Finding =
  | { readonly type: 'master'; readonly at: Micros; readonly vrid: number; readonly family: Family; readonly from: IpAddress | null; readonly to: IpAddress; readonly priority: number }
  | { readonly type: 'split-brain'; readonly at: Micros; readonly vrid: number; readonly family: Family; readonly sources: readonly { readonly src: IpAddress; readonly priority: number }[] }
  | { readonly type: 'split-brain-over'; readonly at: Micros; readonly vrid: number; readonly family: Family; readonly master: IpAddress | null }
  | { readonly type: 'vrid-collision'; readonly at: Micros; readonly vrid: number; readonly family: Family; readonly what: 'vips' | 'version'; readonly a: SourceView; readonly b: SourceView }
  | { readonly type: 'interval-mismatch'; readonly at: Micros; readonly vrid: number; readonly family: Family; readonly a: SourceView; readonly b: SourceView }
  | { readonly type: 'bad-ttl'; readonly at: Micros; readonly vrid: number | undefined; readonly family: Family; readonly src: IpAddress; readonly dst: IpAddress; readonly ttl: number }
  | { readonly type: 'bad-checksum'; readonly at: Micros; readonly vrid: number | undefined; readonly family: Family; readonly src: IpAddress; readonly detail: string }
  | { readonly type: 'invalid'; readonly at: Micros; readonly vrid: number | undefined; readonly family: Family; readonly src: IpAddress; readonly reason: DecodeFailure; readonly detail: string }
  | { readonly type: 'resignation'; readonly at: Micros; readonly vrid: number; readonly family: Family; readonly src: IpAddress }
  | { readonly type: 'silent'; readonly at: Micros; readonly vrid: number; readonly family: Family; readonly master: IpAddress | null; readonly lastSeen: Micros }
  | { readonly type: 'resumed'; readonly at: Micros; readonly vrid: number; readonly family: Family; readonly src: IpAddress };

export interface SourceView {
  readonly src: IpAddress;
  readonly version: VrrpVersion;
  readonly advertInt: Micros;
  readonly vips: readonly IpAddress[];
}

export interface MonitorStep {
  readonly state: MonitorState;
  readonly findings: readonly Finding[];
}

/** RFC 5798: Master_Down_Interval is about 3 adverts; a VRID quieter than that has no master. */
export const SILENT_ADVERTS = 3;

export function initialMonitorState(): MonitorState {
  return { vrids: new Map(), reported: new Map() };
}

/** Arrival jitter allowance on "within one interval": receive paths add delay, never remove it. */
const slack = (interval: Micros): Micros => Math.floor(interval / 4);

export function monitorStep(state: MonitorState, input: MonitorInput, now: Micros): MonitorStep {
  if (input.type === 'tick') return tick(state, now);
  return input.obs.kind === 'advert' ? onAdvert(state, input.obs, now) : onInvalid(state, input.obs, now);
}

interface Reported { readonly once: (key: string) => boolean; readonly value: () => ReadonlyMap<string, Micros> }

/** Copy-on-write set of reported keys for one step: untouched when nothing new is reported. */
function reporter(base: ReadonlyMap<string, Micros>, now: Micros): Reported {
  let copy: Map<string, Micros> | undefined;
  return {
    once: (key) => {
      const at = (copy ?? base).get(key);
      if (at !== undefined && now - at < REPORT_AGAIN_AFTER) return false;
      copy ??= new Map(base);
      // Delete first so insertion order stays oldest-first.
      copy.delete(key);
      copy.set(key, now);
      for (const k of copy.keys()) {
        if (copy.size <= MAX_REPORTED) break;
        copy.delete(k);
      }
      return true;
    },
    value: () => copy ?? base,
  };
}

/** `sources` without the least recently heard beyond the cap. */
function capSources(sources: Map<IpAddress, SourceInfo>): Map<IpAddress, SourceInfo> {
  while (sources.size > MAX_SOURCES_PER_VRID) {
    let oldest: SourceInfo | undefined;
    for (const x of sources.values()) if (oldest === undefined || x.lastSeen < oldest.lastSeen) oldest = x;
    if (oldest === undefined) break;
    sources.delete(oldest.src);
  }
  return sources;
}

function view(s: SourceInfo): SourceView {
  return { src: s.src, version: s.version, advertInt: s.advertInt, vips: s.vips };
}

function sameVipSet(a: readonly IpAddress[], b: readonly IpAddress[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

function emptyVrid(family: Family, vrid: number, now: Micros): VridInfo {
  return { family, vrid, master: null, sources: new Map(), lastSeen: now, adverts: 0, resignations: 0, invalid: 0, splitBrain: false, silent: false };
}

function withVrid(state: MonitorState, v: VridInfo, reported: ReadonlyMap<string, Micros>): MonitorState {
  const vrids = new Map(state.vrids);
  vrids.set(vridKey(v.family, v.vrid), v);
  return { vrids, reported };
}

/** Another source is still around if it advertised within a few of its intervals. */
const recent = (s: SourceInfo, now: Micros): boolean => now - s.lastSeen <= SILENT_ADVERTS * s.advertInt + slack(s.advertInt);

function onAdvert(state: MonitorState, obs: Extract<Observation, { kind: 'advert' }>, now: Micros): MonitorStep {
  const a = obs.advert;
  const family = familyOf(obs);
  const findings: Finding[] = [];
  const reported = reporter(state.reported, now);
  if (obs.ttl !== 255 && reported.once(`ttl|${obs.src}|${a.vrid}|${obs.ttl}`)) {
    findings.push({ type: 'bad-ttl', at: now, vrid: a.vrid, family, src: obs.src, dst: obs.dst, ttl: obs.ttl });
  }
  const old = state.vrids.get(vridKey(family, a.vrid)) ?? emptyVrid(family, a.vrid, now);
  if (old.silent) findings.push({ type: 'resumed', at: now, vrid: a.vrid, family, src: obs.src });
  const prev = old.sources.get(obs.src);
  const nonZero = a.priority > 0;
  const me: SourceInfo = {
    src: obs.src, version: a.version, priority: a.priority, advertInt: a.advertInt, vips: a.vips, lastSeen: now,
    lastNonZero: nonZero ? now : prev?.lastNonZero ?? null,
    prevNonZero: nonZero ? prev?.lastNonZero ?? null : prev?.prevNonZero ?? null,
  };
  const sources = capSources(new Map(old.sources).set(obs.src, me));

  for (const other of old.sources.values()) {
    if (other.src === obs.src || !recent(other, now)) continue;
    const pair = [obs.src, other.src].sort().join('|');
    if (other.version !== a.version) {
      if (reported.once(`collision-version|${family}/${a.vrid}|${pair}`)) findings.push({ type: 'vrid-collision', at: now, vrid: a.vrid, family, what: 'version', a: view(other), b: view(me) });
    } else if (!sameVipSet(other.vips, a.vips)) {
      if (reported.once(`collision-vips|${family}/${a.vrid}|${pair}|${[[...a.vips].sort().join(','), [...other.vips].sort().join(',')].sort().join('|')}`)) {
        findings.push({ type: 'vrid-collision', at: now, vrid: a.vrid, family, what: 'vips', a: view(other), b: view(me) });
      }
    } else if (a.version === 2 && other.advertInt !== a.advertInt
      && reported.once(`interval|${family}/${a.vrid}|${pair}|${Math.min(a.advertInt, other.advertInt)}|${Math.max(a.advertInt, other.advertInt)}`)) {
      // keepalived's v2 receivers drop adverts whose interval differs from their own.
      findings.push({ type: 'interval-mismatch', at: now, vrid: a.vrid, family, a: view(other), b: view(me) });
    }
  }

  let splitBrain = old.splitBrain;
  if (nonZero && !splitBrain) {
    // A preempting backup's first advert lands within an interval of the old master's last one,
    // so one overlap proves nothing; two sources interleaving (S, T, S) do: both are masters.
    const rivals = [...old.sources.values()].filter((t) => t.src !== obs.src && interleaves(me, t, now));
    if (rivals.length > 0) {
      splitBrain = true;
      findings.push({
        type: 'split-brain', at: now, vrid: a.vrid, family,
        sources: [me, ...rivals].map((s) => ({ src: s.src, priority: s.priority })).sort((x, y) => x.src.localeCompare(y.src)),
      });
    }
  }
  let master = old.master;
  if (!nonZero) {
    findings.push({ type: 'resignation', at: now, vrid: a.vrid, family, src: obs.src });
    if (master === obs.src) master = null;
  } else if (master !== obs.src) {
    if (!splitBrain) findings.push({ type: 'master', at: now, vrid: a.vrid, family, from: master, to: obs.src, priority: a.priority });
    master = obs.src;
  }
  const next: VridInfo = {
    ...old, master, sources, lastSeen: now, splitBrain, silent: false,
    adverts: old.adverts + 1, resignations: old.resignations + (nonZero ? 0 : 1),
  };
  const settled = splitBrain ? endSplitBrain(next, now, findings) : next;
  return { state: withVrid(state, settled, reported.value()), findings };
}

/** S advertised, then T within one interval, then S again within one interval: both master. */
function interleaves(s: SourceInfo, t: SourceInfo, now: Micros): boolean {
  if (t.lastNonZero === null || s.prevNonZero === null) return false;
  const w = Math.max(s.advertInt, t.advertInt);
  const within = w + slack(w);
  return s.prevNonZero < t.lastNonZero && t.lastNonZero - s.prevNonZero <= within && now - t.lastNonZero <= within;
}

/** Split brain is over when at most one source has advertised non-zero within two intervals. */
function endSplitBrain(v: VridInfo, now: Micros, findings: Finding[]): VridInfo {
  const live = [...v.sources.values()].filter((s) => s.priority > 0 && s.lastNonZero !== null && now - s.lastNonZero <= 2 * s.advertInt + slack(s.advertInt));
  if (live.length > 1) return v;
  findings.push({ type: 'split-brain-over', at: now, vrid: v.vrid, family: v.family, master: live[0]?.src ?? null });
  return { ...v, splitBrain: false, master: live[0]?.src ?? null };
}

function onInvalid(state: MonitorState, obs: Extract<Observation, { kind: 'invalid' }>, now: Micros): MonitorStep {
  const family = familyOf(obs);
  const findings: Finding[] = [];
  const reported = reporter(state.reported, now);
  const key = `${obs.reason}|${obs.src}|${obs.vrid ?? '-'}`;
  if (reported.once(key)) {
    if (obs.reason === 'bad-ttl') findings.push({ type: 'bad-ttl', at: now, vrid: obs.vrid, family, src: obs.src, dst: obs.dst, ttl: obs.ttl });
    else if (obs.reason === 'bad-checksum') findings.push({ type: 'bad-checksum', at: now, vrid: obs.vrid, family, src: obs.src, detail: obs.detail });
    else findings.push({ type: 'invalid', at: now, vrid: obs.vrid, family, src: obs.src, reason: obs.reason, detail: obs.detail });
  }
  const old = obs.vrid === undefined || obs.vrid === 0 ? undefined : state.vrids.get(vridKey(family, obs.vrid));
  // A rejected packet is counted against a VRID already known, but creates none: its VRID
  // byte may be the corrupted one.
  if (old === undefined) return { state: { vrids: state.vrids, reported: reported.value() }, findings };
  return { state: withVrid(state, { ...old, invalid: old.invalid + 1 }, reported.value()), findings };
}

function tick(state: MonitorState, now: Micros): MonitorStep {
  const findings: Finding[] = [];
  let vrids: Map<string, VridInfo> | undefined;
  for (const v of state.vrids.values()) {
    let next = v;
    const interval = Math.max(...[...v.sources.values()].map((s) => s.advertInt));
    if (!v.silent && now - v.lastSeen > SILENT_ADVERTS * interval) {
      findings.push({ type: 'silent', at: now, vrid: v.vrid, family: v.family, master: v.master, lastSeen: v.lastSeen });
      next = { ...next, silent: true };
    }
    if (next.splitBrain) next = endSplitBrain(next, now, findings);
    if (next !== v) {
      vrids ??= new Map(state.vrids);
      vrids.set(vridKey(v.family, v.vrid), next);
    }
  }
  return { state: vrids === undefined ? state : { vrids, reported: state.reported }, findings };
}

