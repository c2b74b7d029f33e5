// NodeModel -> RouterConfig: keepalived 2.2.7's defaults and post-parse adjustments
// (vrrp_complete_instance(), vrrp.c:2829-3988; sync groups vrrp.c:4672-4692) in ONE place, each
// reported the way `keepalived -t` words it, so the core can trust every value it is given.
// Messages prefixed "vrrplab:" are ours: things keepalived accepts that we cannot simulate.
import { VRRP_MCAST_GROUP6 } from '../vrrp/types.js';
import { addresses, canonicalAddress, IPV6_DEFAULT_HOP_LIMIT } from './addresses.js';
import type {
  GarpConfig, InstanceConfig, RouterConfig, ScriptConfig, VrrpAuth,
} from '../vrrp/types.js';
import { findings, secondsToMicros, type Findings, type SourceMap } from './build-context.js';
import { instanceFamily } from './family.js';
import { buildScript } from './build-script.js';
import { buildVmac } from './build-vmac.js';
import { checkInterfacesExist } from './build-interfaces.js';
import { unsimulatedMessage, unsimulatedUses } from './unsimulated.js';
import { INSTANCE_NUMBERS } from '../keepalived/number-keywords.js';
import { advertInterval, globals, outside, SECOND, type Globals } from './build-globals.js';
import { buildTrack, OWNER, syncGroups } from './build-track.js';
import type { NodeModel, NotifyKeywords, VrrpInstanceModel, VrrpSyncGroupModel, Warning } from './types.js';

export type { SourceMap };

const hasNotify = (n: NotifyKeywords): boolean =>
  n.notify !== undefined || n.notifyMaster !== undefined || n.notifyBackup !== undefined
  || n.notifyFault !== undefined || n.notifyStop !== undefined;

export interface BuildResult {
  readonly config: RouterConfig;
  readonly warnings: Warning[];
  /** keepalived's VRRP process exits at start (a missing interface): the node runs no VRRP. */
  readonly vrrpExits: boolean;
}

interface Pending {
  readonly model: VrrpInstanceModel;
  config: InstanceConfig;
}

function buildInstance(
  node: NodeModel, i: VrrpInstanceModel, g: Globals, scripts: ReadonlyMap<string, ScriptConfig>,
  group: VrrpSyncGroupModel | undefined, f: Findings, positions: SourceMap | undefined,
): InstanceConfig | undefined {
  const n = i.name;
  const at = (field: string): string[] => [`instance:${n}:${field}`, `instance:${n}`];
  const strict = i.strictMode ?? g.strict;
  const fam = instanceFamily(i, strict, f, positions);
  const version = fam.version ?? i.version ?? g.version;

  let vrid = i.virtualRouterId;
  if (vrid !== undefined && (vrid < 1 || vrid > 255)) {
    f.warn(outside(INSTANCE_NUMBERS, 'virtual_router_id', vrid), ...at('virtualRouterId'));
    f.warn(`(${n}): VRID '${vrid}' not valid - must be between 1 & 255`, ...at('virtualRouterId'));
    vrid = undefined;
  }
  if (vrid === undefined) {
    f.error(`(${n}) the virtual router id must be set`, `instance:${n}`);
    return undefined;
  }

  const peers = addresses(fam.peers.map((p) => p.address), 'unicast_peer', n, f, at('unicastPeer'));
  const known = node.interfaces.length > 0;
  let iface = i.interface;
  if (iface === undefined) {
    const src = fam.unicastSrcIp === undefined ? undefined : canonicalAddress(fam.unicastSrcIp);
    const byAddr = node.interfaces.find((x) => x.address === src || (x.address6 !== undefined && x.address6 === src));
    if (fam.peers.length === 0 || fam.unicastSrcIp === undefined) {
      f.error(`(${n}): Unicast instances must have unicast_src_ip or interface`, `instance:${n}`);
      return undefined;
    }
    if (byAddr === undefined) {
      f.error(`vrrplab: (${n}) no interface given and none of the node's interfaces has ${i.unicastSrcIp}`, ...at('unicastSrcIp'));
      return undefined;
    }
    iface = byAddr.name;
  }

  const vips = addresses(fam.vips.map((v) => v.address), 'VIP', n, f, at('virtualIpaddress'));
  // Either family: alloc_vrrp_evip() does not check it (family.ts).
  const excludedVips = addresses((i.virtualIpaddressExcluded ?? []).map((v) => v.address), 'eVIP', n, f, at('virtualIpaddressExcluded'));
  // keepalived's judgement is on the VIPs it keeps, of either family, not on what is simulated.
  if (fam.vips.length === 0) {
    if (version === 3 || strict) {
      f.error(`(${n}) No VIP specified; at least one is required`, ...at('virtualIpaddress'));
      return undefined;
    }
    f.warn(`(${n}) No VIP specified; at least one is sensible`, ...at('virtualIpaddress'));
  }

  let priority = i.priority;
  if (priority !== undefined && (priority < 1 || priority > OWNER)) {
    f.warn(outside(INSTANCE_NUMBERS, 'priority', priority), ...at('priority'));
    f.warn(`(${n}) Priority not valid! must be between 1 & 255. Using default 100`, ...at('priority'));
    priority = 100;
  }
  if (priority === undefined) {
    priority = i.state === 'MASTER' ? OWNER : 100;
    if (i.state === 'MASTER') f.warn(`vrrplab: (${n}) state MASTER without priority: keepalived uses priority 255 (address owner)`, ...at('state'));
  }
  let initialState: 'MASTER' | 'BACKUP' = i.state ?? (priority === OWNER ? 'MASTER' : 'BACKUP');
  if (i.state !== undefined && strict && (i.state === 'MASTER') !== (priority === OWNER)) {
    f.warn(`(${n}) State MASTER must match being address owner`, ...at('state'));
    initialState = priority === OWNER ? 'MASTER' : 'BACKUP';
  }

  let auth: VrrpAuth = { type: 'none' };
  const a = i.authentication;
  // vrrp_auth_pass_handler truncates while reading, before any check decides to ignore auth.
  if (a?.authPass !== undefined && a.authPass.length > 8) f.warn('Truncating auth_pass to 8 characters', ...at('authPass'));
  if (a?.authType !== undefined) {
    if (strict) f.warn(`(${n}) Strict mode does not support authentication. Ignoring.`, ...at('authentication'));
    else if (version === 3) f.warn(`(${n}) VRRP version 3 does not support authentication. Ignoring.`, ...at('authentication'));
    else if (a.authPass === undefined || a.authPass === '') f.warn(`(${n}) Authentication specified but no password given. Ignoring`, ...at('authentication'));
    else if (a.authType === 'AH') {
      if (initialState === 'MASTER' && priority !== OWNER) {
        f.warn(`(${n}) Initial state master is incompatible with AH authentication - clearing`, ...at('state'));
        initialState = 'BACKUP';
      }
    } else {
      auth = { type: 'PASS', pass: a.authPass.slice(0, 8) };
    }
  }

  if (fam.peers.length === 0 && i.unicastSrcIp !== undefined) {
    f.warn(`(${n}) A unicast keyword has been specified without any unicast peers. Defaulting to multicast. This usage is deprecated - please update your configuration.`, ...at('unicastSrcIp'));
  }
  let unicastTtl = i.unicastTtl ?? (fam.family === 6 ? IPV6_DEFAULT_HOP_LIMIT : 255);
  if (i.unicastTtl !== undefined && (i.unicastTtl < 0 || i.unicastTtl > 255)) {
    f.warn(outside(INSTANCE_NUMBERS, 'unicast_ttl', i.unicastTtl), ...at('unicastTtl'));
    f.warn(`(${n}): TTL '${i.unicastTtl}' not valid - must be between 0 & 255`, ...at('unicastTtl'));
    unicastTtl = fam.family === 6 ? IPV6_DEFAULT_HOP_LIMIT : 255;
  }
  if (i.unicastTtl !== undefined && fam.peers.length === 0) {
    f.warn(`(${n}): Cannot use unicast_ttl without unicast peers - resetting`, ...at('unicastTtl'));
    unicastTtl = fam.family === 6 ? IPV6_DEFAULT_HOP_LIMIT : 255;
  }

  let nopreempt = i.nopreempt ?? false;
  let preemptDelay = 0;
  if (i.preemptDelay !== undefined) {
    if (i.preemptDelay > 1000) {
      f.warn(outside(INSTANCE_NUMBERS, 'preempt_delay', i.preemptDelay), ...at('preemptDelay'));
      f.warn(`(${n}) Preempt_delay not valid! must be between 0-1000`, ...at('preemptDelay'));
    }
    else preemptDelay = secondsToMicros(i.preemptDelay);
  }
  if (priority === OWNER && nopreempt) {
    f.warn(`(${n}) nopreempt is incompatible with priority 255. resetting nopreempt`, ...at('nopreempt'));
    nopreempt = false;
  }
  if (initialState === 'MASTER') {
    if (nopreempt) {
      f.warn(`(${n}) Warning - nopreempt will not work with initial state MASTER - clearing`, ...at('nopreempt'));
      nopreempt = false;
    }
    if (preemptDelay > 0) {
      f.warn(`(${n}) Warning - preempt delay will not work with initial state MASTER - clearing`, ...at('preemptDelay'));
      preemptDelay = 0;
    }
  }
  if (preemptDelay > 0 && strict) {
    f.warn(`(${n}) preempt_delay is incompatible with strict mode - resetting`, ...at('preemptDelay'));
    preemptDelay = 0;
  }
  if (preemptDelay > 0 && nopreempt) {
    f.warn(`(${n}) preempt_delay is incompatible with nopreempt mode - resetting`, ...at('preemptDelay'));
    preemptDelay = 0;
  }

  let downTimerAdverts = g.downTimerAdverts;
  if (i.downTimerAdverts !== undefined) {
    if (i.downTimerAdverts < 1 || i.downTimerAdverts > 100) {
      f.warn(outside(INSTANCE_NUMBERS, 'down_timer_adverts', i.downTimerAdverts), ...at('downTimerAdverts'));
      f.warn(`(${n}): Invalid down_timer_adverts [1:100] '${i.downTimerAdverts}'`, ...at('downTimerAdverts'));
    }
    else downTimerAdverts = i.downTimerAdverts;
  }
  if (downTimerAdverts !== 3 && strict) {
    f.warn(`(${n}) down_timer_adverts is incompatible with strict mode - resetting`, ...at('downTimerAdverts'));
    downTimerAdverts = 3;
  }

  const repeat = (v: number | undefined, kw: string, dflt: number): number => {
    if (v === undefined) return dflt;
    if (v < 1) {
      f.warn(`(${n}): ${kw} must be greater than 0, setting to 1`, ...at(kw === 'garp_master_repeat' ? 'garpMasterRepeat' : 'garpMasterRefreshRepeat'));
      return 1;
    }
    return v;
  };
  let lowerPrioRepeat = i.garpLowerPrioRepeat ?? (strict ? 0 : g.garp.lowerPrioRepeat);
  if (strict && i.garpLowerPrioRepeat !== undefined && i.garpLowerPrioRepeat !== 0) {
    f.warn(`(${n}) Strict mode requires no repeat garps. resetting`, ...at('garpLowerPrioRepeat'));
    lowerPrioRepeat = 0;
  }
  let lowerPrioDelay = i.garpLowerPrioDelay !== undefined ? i.garpLowerPrioDelay * SECOND : strict ? 0 : g.garp.lowerPrioDelay;
  if (strict && i.garpLowerPrioDelay !== undefined && i.garpLowerPrioDelay !== 0) {
    f.warn(`(${n}) Strict mode requires no repeat garp delay. resetting`, ...at('garpLowerPrioDelay'));
    lowerPrioDelay = 0;
  }
  const garp: GarpConfig = {
    masterDelay: i.garpMasterDelay !== undefined ? i.garpMasterDelay * SECOND : g.garp.masterDelay,
    masterRepeat: repeat(i.garpMasterRepeat, 'garp_master_repeat', g.garp.masterRepeat),
    masterRefresh: i.garpMasterRefresh !== undefined ? i.garpMasterRefresh * SECOND : g.garp.masterRefresh,
    masterRefreshRepeat: repeat(i.garpMasterRefreshRepeat, 'garp_master_refresh_repeat', g.garp.masterRefreshRepeat),
    lowerPrioDelay,
    lowerPrioRepeat,
  };
  let lowerPrioNoAdvert = i.lowerPrioNoAdvert ?? (strict ? true : g.lowerPrioNoAdvert);
  if (strict && i.lowerPrioNoAdvert === false) {
    f.warn(`(${n}) Strict mode requires no lower priority advert. resetting`, ...at('lowerPrioNoAdvert'));
    lowerPrioNoAdvert = true;
  }
  let higherPrioSendAdvert = i.higherPrioSendAdvert ?? (strict ? false : g.higherPrioSendAdvert);
  if (strict && i.higherPrioSendAdvert === true) {
    f.warn(`(${n}) strict mode requires higher_prio_send_advert to be clear. resetting`, ...at('higherPrioSendAdvert'));
    higherPrioSendAdvert = false;
  }

  const advertInt = advertInterval(i, version, f, at('advertInt'));
  const track = buildTrack(i, group, iface, priority, scripts, f);

  const configuredSrc = fam.unicastSrcIp ?? fam.mcastSrcIp;
  let srcAddr = configuredSrc === undefined ? undefined : canonicalAddress(configuredSrc);
  const none = fam.family === 6 ? '::' : '0.0.0.0';
  if (srcAddr === undefined) {
    // The interface's primary address of the instance's family: for IPv6 its link-local one
    // (vrrp.c set_vrrp_src_addr(); keepalived_netlink.c ignore_address_if_ours_or_link_local()
    // keeps only link-local addresses as an interface's IPv6 primary).
    const ifc = node.interfaces.find((x) => x.name === iface);
    const primary = fam.family === 6 ? ifc?.linkLocal : ifc?.address;
    const kind = fam.family === 6 ? 'IPv6 link-local' : 'IPv4';
    if (primary !== undefined) srcAddr = primary;
    else if (ifc !== undefined) {
      f.warn(`vrrplab: (${n}) interface ${iface} has no ${kind} address on the host; not simulated faithfully, adverts are modelled from ${none}`, ...at('interface'));
      srcAddr = none;
    } else {
      if (known) f.warn(`vrrplab: (${n}) interface ${iface} has no address in the node model; adverts are sent from ${none}`, ...at('interface'));
      srcAddr = none;
    }
  }

  const vmac = buildVmac(i, vrid, strict, peers.length > 0, f, at, fam.family);

  return {
    name: n,
    version,
    ...(fam.family === 6 ? { family: 6 as const } : {}),
    vrid,
    iface,
    priority,
    initialState,
    advertInt,
    nopreempt,
    preemptDelay,
    srcAddr,
    unicastPeers: peers,
    unicastTtl,
    mcastGroup: fam.family === 6 ? VRRP_MCAST_GROUP6 : g.mcastGroup,
    vips,
    excludedVips,
    auth,
    downTimerAdverts,
    lowerPrioNoAdvert,
    higherPrioSendAdvert,
    skipCheckAdvAddr: i.skipCheckAdvAddr ?? g.skipCheckAdvAddr,
    checkUnicastSrc: i.checkUnicastSrc ?? g.checkUnicastSrc,
    garp,
    track,
    dontTrackPrimary: i.dontTrackPrimary ?? false,
    ...(vmac === undefined ? {} : { vmac }),
  };
}


export function buildRouterConfig(node: NodeModel, positions?: SourceMap): BuildResult {
  const f = findings(positions);
  const k = node.keepalived;
  const vrrpExits = checkInterfacesExist(node, f);
  for (const u of unsimulatedUses(k)) f.warn(unsimulatedMessage(u), ...u.keys);
  const g = globals(k.globalDefs, f);

  const scripts = new Map<string, ScriptConfig>();
  for (const s of k.scripts) {
    const built = buildScript(s, f);
    if (built !== undefined) scripts.set(s.name, built);
  }
  const names = new Set(k.instances.map((i) => i.name));
  const { groups, groupOf } = syncGroups(k.syncGroups, names, f);

  const pending: Pending[] = [];
  for (const i of k.instances) {
    const config = buildInstance(node, i, g, scripts, groupOf.get(i.name), f, positions);
    if (config !== undefined) pending.push({ model: i, config });
  }

  // A sync group starts MASTER only if every member is state MASTER with priority 255.
  for (const grp of groups) {
    const members = grp.instances.flatMap((name) => pending.filter((p) => p.config.name === name));
    let state: 'INIT' | 'MASTER' | 'BACKUP' = 'INIT';
    for (const p of members) {
      if (state === 'MASTER' && p.config.initialState === 'BACKUP') {
        f.warn(`Sync group ${grp.name} has some member(s) as address owner and some not as address owner. This won't work.`, `syncGroup:${grp.name}`);
      }
      if (state !== 'BACKUP') state = p.config.initialState === 'MASTER' && p.config.priority === OWNER ? 'MASTER' : 'BACKUP';
    }
    const allOwners = members.every((p) => p.config.initialState === 'MASTER' && p.config.priority === OWNER);
    if (allOwners) continue;
    for (const p of members) {
      if (p.config.initialState !== 'MASTER') continue;
      f.warn(`vrrplab: (${p.config.name}) starts as BACKUP: sync group ${grp.name} has a member that is not state MASTER with priority 255`, `instance:${p.config.name}:state`, `instance:${p.config.name}`);
      p.config = { ...p.config, initialState: 'BACKUP' };
    }
  }

  // vrrp.c check_vrid_conflicts(): one VRID per interface per multicast group / peer set, per
  // address family (an IPv4 and an IPv6 instance may share a VRID: dual stack does).
  // The family again, with its findings already reported by buildInstance.
  const familyOf = (m: VrrpInstanceModel): { family: 4 | 6; peers: string[] } => {
    const r = instanceFamily(m, false, findings(undefined), positions);
    return { family: r.family, peers: r.peers.map((p) => p.address) };
  };
  for (let a = 0; a < pending.length; a++) {
    for (let b = a + 1; b < pending.length; b++) {
      const x = pending[a]?.config;
      const y = pending[b]?.config;
      if (x === undefined || y === undefined || x.vrid !== y.vrid || x.iface !== y.iface) continue;
      const fx = familyOf((pending[a] as Pending).model);
      const fy = familyOf((pending[b] as Pending).model);
      if (fx.family !== fy.family) continue;
      const bothMcast = fx.peers.length === 0 && fy.peers.length === 0;
      const sharedPeer = fx.peers.some((p) => fy.peers.includes(p));
      if (bothMcast || sharedPeer) {
        f.error(`${x.name} and ${y.name} both use VRID ${x.vrid} with IPv${fx.family} on interface ${x.iface}`, `instance:${y.name}:virtualRouterId`, `instance:${y.name}`);
      }
    }
  }

  if (k.scripts.length > 0 || k.instances.some(hasNotify) || k.syncGroups.some(hasNotify)) {
    if (k.globalDefs.enableScriptSecurity !== true) {
      f.warn('SECURITY VIOLATION - scripts are being executed but script_security not enabled.', 'global:enable_script_security');
    } else if (k.globalDefs.scriptUser === undefined) {
      f.warn("vrrplab: enable_script_security without script_user needs a 'keepalived_script' user on the node, otherwise keepalived removes the scripts (Unable to set default user)", 'global:enable_script_security');
    }
  }

  const used = new Set(pending.flatMap((p) => p.config.track.filter((t) => t.kind === 'script').map((t) => t.name)));
  const usedScripts: ScriptConfig[] = [];
  for (const s of scripts.values()) {
    if (used.has(s.name)) usedScripts.push(s);
    else f.warn(`Warning - script ${s.name} is not used`, `script:${s.name}`);
  }

  return {
    config: { instances: pending.map((p) => p.config), scripts: usedScripts, syncGroups: groups },
    warnings: f.list,
    vrrpExits,
  };
}
