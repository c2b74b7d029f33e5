// Pitfalls in keepalived.conf files, alone and across the peers of each virtual router: the
// settings keepalived silently discards, and the mismatches that make peers ignore each other's
// adverts (permanent dual MASTER) or never move mastership (keepalived-state-machine.md §3, §5,
// §10, §11; keepalived-users-and-testing.md §1, §5-7).
import type { SourcePos } from '../cli/errors.js';
import type { SourceMap } from '../model/build-context.js';
import type { NodeModel, VrrpInstanceModel } from '../model/types.js';
import { finding, type Finding } from './finding.js';
import { unsimulatedMessage, unsimulatedUses } from '../model/unsimulated.js';

export interface LintKeepalived {
  readonly node: NodeModel;
  readonly positions: SourceMap;
  readonly file: string;
}

interface Inst {
  readonly conf: LintKeepalived;
  readonly i: VrrpInstanceModel;
}

function pos(conf: LintKeepalived, ...keys: string[]): SourcePos {
  for (const k of keys) {
    const p = conf.positions.get(k);
    if (p !== undefined) return p;
  }
  return { file: conf.file };
}

const iat = (x: Inst, field: string): SourcePos => pos(x.conf, `instance:${x.i.name}:${field}`, `instance:${x.i.name}`);

function version(x: Inst): 2 | 3 {
  const vips = x.i.virtualIpaddress ?? [];
  if (vips.some((v) => v.address.includes(':'))) return 3;
  return x.i.version ?? x.conf.node.keepalived.globalDefs.vrrpVersion ?? 2;
}

const advertInt = (x: Inst): number => x.i.advertInt ?? 1;
const basePriority = (x: Inst): number => x.i.priority ?? (x.i.state === 'MASTER' ? 255 : 100);
const vipKey = (x: Inst): string => (x.i.virtualIpaddress ?? []).map((v) => v.address).sort().join(' ');
const authKey = (x: Inst): string => (version(x) === 3 || x.i.authentication?.authPass === undefined ? '' : `${x.i.authentication.authType ?? 'PASS'}:${x.i.authentication.authPass.slice(0, 8)}`);
const peersOf = (x: Inst): string[] => (x.i.unicastPeer ?? []).map((p) => p.address);

/** Sum of weights keepalived applies (script weight unless the reference overrides it). */
function weightRange(x: Inst): { up: number; down: number } {
  let up = 0;
  let down = 0;
  const scripts = x.conf.node.keepalived.scripts;
  const add = (w: number): void => { if (w > 0) up += w; else down += w; };
  for (const t of x.i.trackScript ?? []) add(t.weight ?? scripts.find((s) => s.name === t.name)?.weight ?? 0);
  for (const t of x.i.trackInterface ?? []) add(t.weight ?? 0);
  return { up, down };
}

function single(x: Inst): Finding[] {
  const out: Finding[] = [];
  const name = x.i.name;
  const pass = x.i.authentication?.authPass;
  if (pass !== undefined && pass.length > 8 && version(x) === 2) {
    out.push(finding('warning', 'auth-pass', `(${name}) auth_pass '${pass}' is ${pass.length} characters; keepalived uses only '${pass.slice(0, 8)}', so another cluster sharing those 8 characters and the VRID is accepted as a peer`,
      'use at most 8 characters', iat(x, 'authPass')));
  }
  if (x.i.state === 'MASTER' && x.i.nopreempt === true) {
    out.push(finding('error', 'state-master-nopreempt', `(${name}) state MASTER clears nopreempt (keepalived: nopreempt will not work with initial state MASTER), so this node preempts after all`,
      'use state BACKUP (or omit state) on every node that should not preempt', iat(x, 'state')));
  }
  if (x.i.state === 'MASTER' && x.i.preemptDelay !== undefined) {
    out.push(finding('warning', 'state-master-preempt-delay', `(${name}) state MASTER clears preempt_delay, so this node preempts as soon as its down timer runs out`,
      'use state BACKUP with preempt_delay', iat(x, 'state')));
  }
  if (basePriority(x) === 255 && ((x.i.trackScript ?? []).length > 0 || (x.i.trackInterface ?? []).length > 0) && (weightRange(x).up !== 0 || weightRange(x).down !== 0)) {
    out.push(finding('warning', 'track-weight', `(${name}) priority 255 (address owner) ignores tracking weights, so a failing check never lowers it`,
      'use a priority below 255, or weight 0 tracking (FAULT on failure)', iat(x, 'priority')));
  }
  return out;
}

function group(members: readonly Inst[]): Finding[] {
  const out: Finding[] = [];
  const [first] = members;
  if (first === undefined || members.length < 2) return out;
  const vrid = first.i.virtualRouterId ?? 0;
  const label = (x: Inst): string => `${x.conf.node.name}:${x.i.name}`;
  const others = members.slice(1);
  // Different VIP sets on one VRID: two clusters colliding, or peers that disagree.
  const byVips = new Map<string, Inst[]>();
  for (const m of members) byVips.set(vipKey(m), [...(byVips.get(vipKey(m)) ?? []), m]);
  if (byVips.size > 1) {
    const sets = [...byVips.values()];
    const disjoint = sets.every((s, a) => sets.every((t, b) => a === b || !vipKey(s[0] ?? first).split(' ').some((v) => vipKey(t[0] ?? first).split(' ').includes(v))));
    for (const s of sets.slice(1)) {
      const x = s[0] ?? first;
      out.push(finding('error', disjoint ? 'vrid-collision' : 'vip-mismatch',
        disjoint
          ? `VRID ${vrid} is used by ${label(x)} and ${label(first)} for different VIPs on one segment: each rejects the other's adverts (address list mismatch / invalid passwd) and both clusters log floods; if auth and VIP count happen to match they elect one master between them`
          : `VRID ${vrid}: ${label(x)} and ${label(first)} list different VIPs, so each ignores the other's adverts and both become MASTER (dual master)`,
        disjoint ? 'give each cluster its own VRID range on a shared segment' : 'list identical VIPs on every peer of a VRID', iat(x, 'virtualRouterId')));
    }
    return out;
  }
  for (const x of others) {
    if (version(x) !== version(first)) {
      out.push(finding('error', 'version-mismatch', `VRID ${vrid}: ${label(x)} speaks VRRPv${version(x)} and ${label(first)} VRRPv${version(first)}; each ignores the other: permanent dual MASTER`, 'use one vrrp_version on all peers', iat(x, 'version')));
    } else if (version(x) === 2 && advertInt(x) !== advertInt(first)) {
      out.push(finding('error', 'advert-int-mismatch', `VRID ${vrid}: advert_int ${advertInt(x)} on ${label(x)} but ${advertInt(first)} on ${label(first)}; VRRPv2 peers ignore adverts with another interval, so both become MASTER for good`, 'use the same advert_int on every peer', iat(x, 'advertInt')));
    }
    if (authKey(x) !== authKey(first)) {
      out.push(finding('error', 'auth-mismatch', `VRID ${vrid}: authentication differs between ${label(x)} and ${label(first)}; adverts are dropped (invalid passwd): dual MASTER`, 'use the same auth_type/auth_pass (first 8 characters) on every peer', iat(x, 'authPass')));
    }
  }
  // Unicast: every peer must send to every other one.
  const uni = members.filter((m) => peersOf(m).length > 0 || m.i.unicastSrcIp !== undefined);
  if (uni.length > 0 && uni.length < members.length) {
    const x = members.find((m) => !uni.includes(m)) ?? first;
    out.push(finding('error', 'unicast-peers', `VRID ${vrid}: ${label(x)} uses multicast while ${label(uni[0] ?? first)} uses unicast; neither accepts the other's adverts: dual MASTER`, 'configure unicast_peer on every peer or on none', iat(x, 'virtualRouterId')));
  } else if (uni.length > 0) {
    for (const x of members) {
      const missing = members.filter((y) => y !== x && y.i.unicastSrcIp !== undefined && !peersOf(x).includes(y.i.unicastSrcIp));
      const tooFew = peersOf(x).filter((p) => p !== x.i.unicastSrcIp).length < members.length - 1;
      if (missing.length > 0 || tooFew) {
        out.push(finding('error', 'unicast-peers', `VRID ${vrid}: unicast_peer of ${label(x)} ${missing.length > 0 ? `does not list ${missing.map((y) => y.i.unicastSrcIp ?? '').join(', ')}` : `has fewer entries than the ${members.length - 1} other peer(s)`}; those peers never hear it and take over too: dual MASTER`,
          'list every other peer\'s unicast_src_ip in each unicast_peer block', iat(x, 'unicastPeer')));
      }
    }
  }
  // Priorities: equal ones never preempt; weights must be able to cross the next peer.
  const prios = members.map(basePriority);
  for (let a = 0; a < members.length; a++) {
    for (let b = a + 1; b < members.length; b++) {
      const x = members[b];
      const y = members[a];
      if (x !== undefined && y !== undefined && prios[a] === prios[b]) {
        out.push(finding('warning', 'equal-priority', `VRID ${vrid}: ${label(x)} and ${label(y)} both have priority ${prios[a] ?? 0}; a backup never preempts an equal master, and after a split the higher IP wins, so placement depends on start order`,
          'give each peer a distinct priority', iat(x, 'priority')));
      }
    }
  }
  for (const x of members) {
    const w = weightRange(x);
    if ((w.up === 0 && w.down === 0) || basePriority(x) === 255) continue;
    const rest = members.filter((y) => y !== x);
    const bestOther = Math.max(...rest.map((y) => Math.min(254, basePriority(y) + weightRange(y).up)));
    const high = Math.min(254, basePriority(x) + w.up);
    const low = Math.max(1, basePriority(x) + w.down);
    if (high > bestOther && low >= bestOther) {
      out.push(finding('warning', 'track-weight', `(${label(x)}) tracked weights move its priority only between ${low} and ${high}, never below ${bestOther} of its best peer: a failing check cannot move the VIP away (equal priority is not preempted)`,
        `make the weights at least ${high - bestOther + 1} in size, or use weight 0 (FAULT on failure)`, iat(x, 'trackScript')));
    }
  }
  return out;
}

/** Findings for keepalived.conf files that share one L2 segment. */
export function lintKeepalived(confs: readonly LintKeepalived[]): Finding[] {
  const all: Inst[] = confs.flatMap((conf) => conf.node.keepalived.instances.map((i) => ({ conf, i })));
  const out = all.flatMap(single);
  for (const conf of confs) {
    for (const u of unsimulatedUses(conf.node.keepalived)) {
      out.push(finding('warning', 'not-simulated', unsimulatedMessage(u), 'rehearse this behaviour on a staging host (vrrplab conformance), or remove the keyword if it is not needed', pos(conf, ...u.keys)));
    }
  }
  const byVrid = new Map<number, Inst[]>();
  for (const x of all) {
    const v = x.i.virtualRouterId;
    if (v === undefined) continue;
    byVrid.set(v, [...(byVrid.get(v) ?? []), x]);
  }
  // Peers are instances of one VRID on different nodes (one node with a VRID twice is keepalived's
  // own error); a scenario holds several nodes in one file.
  for (const members of byVrid.values()) {
    const perNode = new Map<string, Inst>();
    for (const m of members) {
      const key = `${m.conf.file}\u0000${m.conf.node.name}`;
      if (!perNode.has(key)) perNode.set(key, m);
    }
    out.push(...group([...perNode.values()]));
  }
  return out;
}
